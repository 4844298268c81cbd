/**
 * The raw, unvalidated config the cross-key rules read, and small readers for it. Any value may
 * be missing or of the wrong type: readers fall back to `{}`, `[]` or a default constant.
 */

/** One stack's config as decoded from Pulumi's strings, before validation. */
export interface RawStack {
  /** The stack's name. */
  readonly stack: string;
  /** `aws:region` as found: undefined when missing, any value otherwise. */
  readonly region: unknown;
  /** The keys of the `platform:` namespace, without it, with objects and lists parsed. */
  readonly input: Readonly<Record<string, unknown>>;
  /** The time the rules compare dates with (`configNow()` unless the caller fixes it). */
  readonly now: Date;
}

/** True for a plain object (not null, not a list). */
export const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** `v` when it is a plain object, else `{}`. */
export const record = (v: unknown): Record<string, unknown> => (isObj(v) ? v : {});

/** `v` when it is a list, else `[]`. */
export const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);

/** `v` when it is a number, else `fallback` (the key's default). */
export const numberOr = (v: unknown, fallback: number): number => (typeof v === "number" ? v : fallback);
