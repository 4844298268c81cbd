/**
 * Turns a stack's raw config (the key/value strings Pulumi hands a program) into a frozen,
 * typed StackConfig, or throws one ConfigError that lists every problem at once.
 */
import type { z } from "zod";
import { cidrsOverlap, parseCidr } from "./cidr";
import { KNOWN_REGIONS, zonesOf } from "./regions";
import {
  KNOWN_NAMESPACES,
  NAMESPACE,
  STRING_KEYS,
  TAG_KEY_RE,
  stackConfigSchema,
  type ParsedStackConfig,
  type Role,
} from "./schema";
import type { StackConfig } from "./types";
import { tierCrossChecks } from "./tiers";
import { dataCrossChecks } from "./data";
import { edgeCrossChecks } from "./edge";
import { DEFAULT_POSTURE, MAX_TAGS } from "./defaults";

/** What Pulumi hands the program: full keys ("platform:role", "aws:region") to string values. */
export interface RawStackConfig {
  /** The stack's name, e.g. "us-east-1". */
  readonly stack: string;
  /** The Pulumi project's name. */
  readonly project: string;
  /** Every config key of the stack, namespaced, with Pulumi's string encoding of its value. */
  readonly values: Readonly<Record<string, string>>;
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

const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

type Path = readonly PropertyKey[];

function keyOf(path: Path): string {
  let key = `${NAMESPACE}:`;
  path.forEach((p, i) => {
    if (typeof p === "number") key += `[${p}]`;
    else key += i === 0 ? String(p) : `.${String(p)}`;
  });
  return key;
}

function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function describeIssue(root: unknown, issue: z.core.$ZodIssue): string[] {
  if (issue.code === "unrecognized_keys") {
    const parent = valueAt(root, issue.path);
    return issue.keys.map(
      (k) =>
        `${keyOf([...issue.path, k])} = ${show((parent as Record<string, unknown>)[k])} is not a known key: ` +
        `expected only ${knownKeysAt(issue.path)}`,
    );
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

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Checks that span several keys. Works on the raw input so that they run even when other keys are bad. */
function crossChecks(raw: RawStackConfig, input: Record<string, unknown>, region: unknown): string[] {
  const problems: string[] = [];
  const regionKnown = typeof region === "string" && zonesOf(region).length > 0;
  const network = isObj(input.network) ? input.network : {};

  // Availability Zones must exist in the stack's region, once each.
  const azs = network.availabilityZones;
  if (regionKnown && Array.isArray(azs)) {
    const allowed = zonesOf(region);
    const seen = new Set<unknown>();
    azs.forEach((az, i) => {
      if (typeof az === "string" && !allowed.includes(az)) {
        problems.push(
          `${keyOf(["network", "availabilityZones", i])} = ${show(az)} is not an Availability Zone of ${region}: ` +
            `expected one of ${allowed.map((a) => show(a)).join(", ")}`,
        );
      }
      if (seen.has(az)) {
        problems.push(
          `${keyOf(["network", "availabilityZones", i])} = ${show(az)} is listed twice: expected each zone once`,
        );
      }
      seen.add(az);
    });
  }

  // Peers: disjoint CIDRs, other regions and stacks, exactly one primary across the platform.
  const own = typeof network.cidr === "string" ? parseCidr(network.cidr) : undefined;
  const peers = Array.isArray(input.peers) ? input.peers : [];
  const role = input.role as Role | undefined;
  const seenCidrs: { key: string; text: string }[] = own
    ? [{ key: keyOf(["network", "cidr"]), text: String(network.cidr) }]
    : [];
  let primaryPeers = 0;
  peers.forEach((peer: unknown, i) => {
    if (!isObj(peer)) return;
    const at = (k: string) => keyOf(["peers", i, k]);
    if (peer.stack === raw.stack) {
      problems.push(
        `${at("stack")} = ${show(peer.stack)} names this stack itself: expected another stack of the platform`,
      );
    }
    if (typeof region === "string" && peer.region === region) {
      problems.push(
        `${at("region")} = ${show(peer.region)} is this stack's own region: expected a peer in another region`,
      );
    }
    const pc = typeof peer.cidr === "string" ? parseCidr(peer.cidr) : undefined;
    if (pc) {
      for (const other of seenCidrs) {
        const oc = parseCidr(other.text)!;
        if (cidrsOverlap(pc, oc)) {
          problems.push(
            `${at("cidr")} = ${show(peer.cidr)} overlaps ${other.key} = ${show(other.text)}: ` +
              `peered VPCs need CIDRs that do not overlap`,
          );
        }
      }
      seenCidrs.push({ key: at("cidr"), text: String(peer.cidr) });
    }
    if (peer.role === "primary") {
      primaryPeers += 1;
      if (role === "primary") {
        problems.push(
          `${at("role")} = "primary" while ${keyOf(["role"])} = "primary": expected exactly one primary stack in the platform`,
        );
      }
    }
  });
  if (role === "secondary" && Array.isArray(input.peers) && primaryPeers === 0) {
    problems.push(
      `${keyOf(["peers"])} = ${show(input.peers)} has no stack with role "primary": ` +
        `expected a secondary stack to list the primary stack (applied before it) among its peers`,
    );
  }
  if (primaryPeers > 1) {
    problems.push(
      `${keyOf(["peers"])} lists ${primaryPeers} primary stacks: expected exactly one primary stack in the platform`,
    );
  }
  if (role === "primary" && peers.length > 0) {
    problems.push(
      `${keyOf(["peers"])} = ${show(input.peers)} is not allowed on the primary stack: the primary is applied first, ` +
        `so expected an empty list (later stacks list it and own the peerings)`,
    );
  }

  // Tags: environment tag, if given, must agree with the environment key.
  const tags = isObj(input.tags) ? input.tags : {};
  if (tags.environment !== undefined && tags.environment !== input.environment) {
    problems.push(
      `${keyOf(["tags", "environment"])} = ${show(tags.environment)} differs from ${keyOf(["environment"])} = ` +
        `${show(input.environment)}: expected it omitted (it is set from ${keyOf(["environment"])}) or equal`,
    );
  }
  for (const k of Object.keys(tags)) {
    if (!TAG_KEY_RE.test(k)) {
      problems.push(
        `${keyOf(["tags", k])} = ${show(tags[k])} has an invalid tag name: expected 1 to 128 letters, digits, ` +
          `spaces and _.:/=+-@, not starting with "aws:"`,
      );
    }
  }
  if (role === "primary" && input.posture !== undefined && input.posture !== DEFAULT_POSTURE.primary) {
    problems.push(
      `${keyOf(["posture"])} = ${show(input.posture)} is not allowed on the primary stack: expected ${show(DEFAULT_POSTURE.primary)} ` +
        `(warm-standby and pilot-light are for secondary regions)`,
    );
  }
  const dns = isObj(input.dns) ? input.dns : {};
  if (
    typeof dns.domain === "string" &&
    typeof dns.zoneName === "string" &&
    dns.domain !== dns.zoneName &&
    !dns.domain.endsWith(`.${dns.zoneName}`)
  ) {
    problems.push(
      `${keyOf(["dns", "domain"])} = ${show(dns.domain)} is outside ${keyOf(["dns", "zoneName"])} = ${show(dns.zoneName)}: ` +
        `expected the zone's name or a name under it, or records and certificate validation cannot be written in that zone`,
    );
  }
  problems.push(...tierCrossChecks(input.tiers, show));
  problems.push(...dataCrossChecks(input.data, show));
  problems.push(...edgeCrossChecks(input, region, show));
  if (Object.keys(tags).length > MAX_TAGS) {
    problems.push(
      `${keyOf(["tags"])} has ${Object.keys(tags).length} tags: expected at most ${MAX_TAGS} (AWS allows 50 per resource; the platform adds its own)`,
    );
  }
  return problems;
}

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/**
 * Validates a stack's whole config. Returns a deep-frozen StackConfig, or throws a ConfigError
 * listing every problem found (unknown and missing keys, bad values, cross-key conflicts).
 */
export function validateStackConfig(raw: RawStackConfig): StackConfig {
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
  problems.push(...crossChecks(raw, input, region));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(raw.stack, problems);
  return deepFreeze(toStackConfig(raw, region as string, parsed.data));
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
  };
}
