/** Helpers for reading provider inputs that may be booleans or the strings "true"/"false". */
export const isTrue = (v: unknown): boolean => v === true || v === "true";
export const asArray = <T = Record<string, unknown>>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
export const asObject = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The value of a tag on a resource whose tags are a map, or a list of {key, value} (Auto Scaling). */
export function tagValue(props: Record<string, unknown>, key: string): string | undefined {
  const tags = props.tags;
  if (Array.isArray(tags)) {
    const t = (tags as { key?: unknown; value?: unknown }[]).find((x) => x.key === key);
    return typeof t?.value === "string" ? t.value : undefined;
  }
  const v = asObject(tags)[key];
  return typeof v === "string" ? v : undefined;
}
