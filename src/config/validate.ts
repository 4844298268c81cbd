/**
 * Turns a stack's raw config (the key/value strings Pulumi hands a program) into a frozen,
 * typed StackConfig, or throws one ConfigError that lists every problem at once.
 */
import type { z } from "zod";
import { KNOWN_REGIONS, zonesOf } from "./regions";
import {
  KNOWN_NAMESPACES,
  NAMESPACE,
  STRING_KEYS,
  stackConfigSchema,
  type ParsedStackConfig,
} from "./schema";
import type { StackConfig } from "./types";
import { configNow } from "./clock";
import { DEFAULT_POSTURE } from "./defaults";
import { keyOf, show } from "./messages";
import { runRules, type Finding } from "./rule-table";
import { placeholderProblem, placeholdersIn, type Placeholder } from "./placeholders";
import { STACK_RULES } from "./rules";

/** What Pulumi hands the program: full keys ("platform:role", "aws:region") to string values. */
export interface RawStackConfig {
  /** The stack's name, e.g. "us-east-1". */
  readonly stack: string;
  /** The Pulumi project's name. */
  readonly project: string;
  /** Every config key of the stack, namespaced, with Pulumi's string encoding of its value. */
  readonly values: Readonly<Record<string, string>>;
  /** The time dated settings are checked against. @default configNow(): the clock, or `PLATFORM_NOW` */
  readonly now?: Date;
}

/** How validation treats the placeholder values of `placeholders.ts`. */
export interface ValidationOptions {
  /**
   * `refuse`: each placeholder is a problem (a real deployment); `accept`: they pass (the offline
   * plan, which lists them instead, and tests). @default "accept"
   */
  readonly placeholders?: "accept" | "refuse";
}

/** Invalid stack config. `problems` has one line per problem, each naming key, value and what is allowed. */
export class ConfigError extends Error {
  constructor(
    readonly stack: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Invalid config for stack "${stack}" (${problems.length} problem${problems.length === 1 ? "" : "s"}); ` +
        `no resources were registered:\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

type Path = readonly PropertyKey[];

function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/**
 * Keys that earlier versions of the program read, with what replaced them: a stack file that
 * still has one is told why it goes, not only that it is unknown.
 */
export const RETIRED_KEYS: Readonly<Record<string, string>> = {
  "platform:data.secretReplicaRegions":
    "each secondary stack now replicates the primary's secrets into its own region (docs/architecture.md, " +
    '"Credentials in every region"); delete this key',
};

function describeIssue(root: unknown, issue: z.core.$ZodIssue): string[] {
  if (issue.code === "unrecognized_keys") {
    const parent = valueAt(root, issue.path);
    return issue.keys.map((k) => {
      const key = keyOf([...issue.path, k]);
      const retired = RETIRED_KEYS[key];
      const known = knownKeysAt(issue.path);
      return (
        `${key} = ${show((parent as Record<string, unknown>)[k])} is not a known key: ` +
        (known === ""
          ? `expected none, ${keyOf(issue.path)} takes no settings ({})`
          : `expected only ${known}`) +
        (retired ? ` (retired: ${retired})` : "")
      );
    });
  }
  const value = valueAt(root, issue.path);
  if (value === undefined) {
    const at = issue.message.indexOf("expected");
    return [`${keyOf(issue.path)} is missing: ${at >= 0 ? issue.message.slice(at) : issue.message}`];
  }
  return [`${keyOf(issue.path)} = ${show(value)} ${issue.message}`];
}

function knownKeysAt(path: Path): string {
  let schema: z.ZodType = stackConfigSchema;
  for (const p of path) {
    const def = (
      schema as unknown as {
        def: { shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType };
      }
    ).def;
    const next = typeof p === "number" ? def.element : def.shape?.[String(p)];
    if (!next) break;
    schema = unwrap(next);
  }
  const shape = (schema as unknown as { def: { shape?: Record<string, unknown> } }).def.shape ?? {};
  return Object.keys(shape).join(", ");
}

function unwrap(s: z.ZodType): z.ZodType {
  let cur = s as unknown as { def: { innerType?: unknown; type: string } };
  while (cur.def.innerType) cur = cur.def.innerType as typeof cur;
  return cur as unknown as z.ZodType;
}

/** Splits the raw key/value map into the `platform:` object, the region and problems found doing so. */
function decode(raw: RawStackConfig): {
  input: Record<string, unknown>;
  region: unknown;
  problems: string[];
} {
  const input: Record<string, unknown> = {};
  const problems: string[] = [];
  let region: unknown;
  for (const [fullKey, text] of Object.entries(raw.values)) {
    const colon = fullKey.indexOf(":");
    const ns = colon < 0 ? "" : fullKey.slice(0, colon);
    const key = fullKey.slice(colon + 1);
    if (ns === "aws" && key === "region") {
      region = text;
    } else if (ns === NAMESPACE) {
      if (STRING_KEYS.has(key)) {
        input[key] = text;
      } else {
        try {
          input[key] = JSON.parse(text) as unknown;
        } catch {
          input[key] = text;
        }
      }
    } else if (!KNOWN_NAMESPACES.includes(ns)) {
      problems.push(
        `${fullKey} = ${show(text)} is not a known key: expected keys under "${NAMESPACE}:" ` +
          `(see docs/config.md) or provider settings under ${KNOWN_NAMESPACES.filter((n) => n !== NAMESPACE)
            .map((n) => `"${n}:"`)
            .join(", ")}`,
      );
    }
  }
  return { input, region, problems };
}

/** What the cross-key rules find in a stack's raw config, in table order (see `rules/`). */
export function checkRules(raw: RawStackConfig): Finding[] {
  const { input, region } = decode(raw);
  return runRules(STACK_RULES, { stack: raw.stack, region, input, now: raw.now ?? configNow() });
}

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** The placeholder values a stack's config still carries (see `placeholders.ts`). */
export function findPlaceholders(raw: RawStackConfig): Placeholder[] {
  const { input, region } = decode(raw);
  return placeholdersIn(input, region);
}

/**
 * Validates a stack's whole config. Returns a deep-frozen StackConfig, or throws a ConfigError
 * listing every problem found (unknown and missing keys, bad values, cross-key conflicts, and
 * placeholders when `options.placeholders` is `refuse`).
 */
export function validateStackConfig(raw: RawStackConfig, options: ValidationOptions = {}): StackConfig {
  const { input, region, problems } = decode(raw);
  if (region === undefined) {
    problems.push(`aws:region is missing: expected one of ${KNOWN_REGIONS.join(", ")}`);
  } else if (typeof region !== "string" || zonesOf(region).length === 0) {
    problems.push(
      `aws:region = ${show(region)} is not a known AWS region: expected one of ${KNOWN_REGIONS.join(", ")}`,
    );
  }
  const parsed = stackConfigSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(...describeIssue(input, issue));
  }
  problems.push(
    ...runRules(STACK_RULES, { stack: raw.stack, region, input, now: raw.now ?? configNow() }).map(
      (f) => f.message,
    ),
  );
  if (options.placeholders === "refuse")
    problems.push(...placeholdersIn(input, region).map(placeholderProblem));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(raw.stack, problems);
  return deepFreeze(toStackConfig(raw, region as string, parsed.data));
}

/** The primary stack's region: this stack's own, or the region of its `primary` peer. */
function primaryRegionOf(p: ParsedStackConfig, region: string): string {
  if (p.role === "primary") return region;
  return p.peers.find((x) => x.role === "primary")?.region ?? region;
}

function toStackConfig(raw: RawStackConfig, region: string, p: ParsedStackConfig): StackConfig {
  return {
    stack: raw.stack,
    project: raw.project,
    region,
    role: p.role,
    environment: p.environment,
    accountId: p.accountId,
    protect: p.protect,
    network: { ...p.network, availabilityZones: [...p.network.availabilityZones] },
    peers: p.peers.map((x) => ({ ...x })),
    tags: { ...p.tags, environment: p.environment },
    dns: { ...p.dns },
    cloudfrontPrefixListId: p.cloudfrontPrefixListId,
    posture: p.posture ?? DEFAULT_POSTURE[p.role],
    tiers: p.tiers,
    data: p.data,
    edge: p.edge,
    eks: p.eks,
    pipeline: p.pipeline,
    observability: p.observability,
    failover: {
      ...p.failover,
      ...(p.failover.order ? { order: [...p.failover.order] } : {}),
      writerRegion: p.failover.writerRegion ?? primaryRegionOf(p, region),
    },
  };
}
