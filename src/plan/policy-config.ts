/**
 * Policy config in the Pulumi CLI's `--policy-pack-config` format: parsed, reconciled with each
 * policy's defaults and validated against its `configSchema` the way the CLI does it
 * (pulumi/pulumi `pkg/resource/analyzer/config.go`: `parsePolicyPackConfig`,
 * `ReconcilePolicyPackConfig`, `applyConfig`, `validatePolicyPackConfig`; the errors are reported
 * by `pkg/engine/update.go`):
 *
 * - a policy's entry is an enforcement level (the shorthand `"policy-name": "advisory"`) or an
 *   object with an optional `enforcementLevel` and the policy's own properties; anything else, and
 *   any level but `advisory`, `mandatory`, `remediate` or `disabled`, is an error;
 * - `all` sets the level of every policy of the pack; a policy's own entry overrides it;
 * - a policy's properties are its schema's defaults overlaid with the given ones, and must be
 *   valid against `{ type: "object", properties, required }` of its `configSchema`;
 * - entries that name no policy of the pack are accepted and ignored, as by the CLI.
 *
 * ajv stays a devDependency: only the offline plan uses this module, and the plan already needs
 * the dev tooling (`npm run plan` builds `dist/` with swc); the Pulumi program and the policy pack
 * never import it (ESLint's `no-restricted-imports` keeps it so).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { EnforcementLevel, Policy } from "@pulumi/policy";
import Ajv, { type ValidateFunction } from "ajv";
import type { PolicyPackDefinition } from "../../policies/pack";

/** Invalid policy config: the offline plan stops before planning anything. */
export class PolicyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyConfigError";
  }
}

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = [
  "advisory",
  "mandatory",
  "remediate",
  "disabled",
];

/** One entry of the config file, parsed. */
export interface PolicyConfigEntry {
  readonly enforcementLevel?: EnforcementLevel;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** A policy as the evaluator runs it: its level and its properties (defaults filled in). */
export interface ResolvedPolicyConfig {
  readonly enforcementLevel: EnforcementLevel;
  readonly properties: Readonly<Record<string, unknown>>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

function level(policy: string, value: unknown): EnforcementLevel {
  if (typeof value !== "string") {
    throw new PolicyConfigError(
      `parsing enforcement level for "${policy}": ${JSON.stringify(value)} is not a valid enforcement level; must be a string`,
    );
  }
  if (!(ENFORCEMENT_LEVELS as readonly string[]).includes(value)) {
    throw new PolicyConfigError(
      `parsing enforcement level for "${policy}": "${value}" is not a valid enforcement level: ` +
        `expected one of ${ENFORCEMENT_LEVELS.map((l) => `"${l}"`).join(", ")}`,
    );
  }
  return value as EnforcementLevel;
}

/** Parses the config file's content (already JSON-decoded); throws a {@link PolicyConfigError}. */
export function parsePolicyConfig(raw: unknown): ReadonlyMap<string, PolicyConfigEntry> {
  const result = new Map<string, PolicyConfigEntry>();
  if (raw === undefined || raw === null) return result;
  if (!isObject(raw)) {
    throw new PolicyConfigError(
      `policy config must be a JSON object keyed by policy name, got ${JSON.stringify(raw)}`,
    );
  }
  for (const [name, value] of Object.entries(raw)) {
    if (name === "environments") {
      // The CLI resolves these through Pulumi ESC, which needs the service.
      throw new PolicyConfigError(
        `"environments" (Pulumi ESC environments) cannot be resolved by the offline plan: put the values in the file`,
      );
    }
    if (typeof value === "string") {
      result.set(name, { enforcementLevel: level(name, value), properties: {} });
    } else if (isObject(value)) {
      const { enforcementLevel, ...properties } = value;
      result.set(name, {
        ...(enforcementLevel === undefined ? {} : { enforcementLevel: level(name, enforcementLevel) }),
        properties,
      });
    } else {
      throw new PolicyConfigError(
        `parsing "${name}": ${JSON.stringify(value)} is not a valid value; must be a string or object`,
      );
    }
  }
  return result;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new WeakMap<Policy, ValidateFunction>();

function validatorOf(policy: Policy): ValidateFunction | undefined {
  const schema = policy.configSchema;
  if (!schema) return undefined;
  let validate = validators.get(policy);
  if (!validate) {
    validate = ajv.compile({
      type: "object",
      ...(schema.properties ? { properties: schema.properties } : {}),
      ...(schema.required?.length ? { required: schema.required } : {}),
    });
    validators.set(policy, validate);
  }
  return validate;
}

/**
 * Every policy of the pack with its enforcement level and properties, from the pack's defaults
 * and the parsed config. Throws a {@link PolicyConfigError} listing every policy whose properties
 * do not match its schema.
 */
export function resolvePolicyConfig(
  pack: PolicyPackDefinition,
  config: ReadonlyMap<string, PolicyConfigEntry>,
): ReadonlyMap<string, ResolvedPolicyConfig> {
  const all = config.get("all")?.enforcementLevel;
  const result = new Map<string, ResolvedPolicyConfig>();
  const errors: string[] = [];
  for (const policy of pack.policies) {
    const defaults: Record<string, unknown> = {};
    const props = (policy.configSchema?.properties ?? {}) as Record<string, { default?: unknown }>;
    for (const [k, v] of Object.entries(props)) if (v.default !== undefined) defaults[k] = v.default;
    const given = config.get(policy.name);
    const properties = { ...defaults, ...(given?.properties ?? {}) };
    const validate = validatorOf(policy);
    if (validate && !validate(properties)) {
      for (const e of validate.errors ?? []) {
        const at = e.instancePath.slice(1).replace(/\//g, ".");
        errors.push(`${policy.name}: ${at ? `${at} ` : ""}${e.message ?? "is invalid"}`);
      }
    }
    result.set(policy.name, {
      enforcementLevel:
        given?.enforcementLevel ?? all ?? policy.enforcementLevel ?? pack.enforcementLevel ?? "advisory",
      properties,
    });
  }
  if (errors.length > 0) {
    throw new PolicyConfigError(`validating policy config for "${pack.name}": ${errors.sort().join("; ")}`);
  }
  return result;
}

/** Where a stack's policy config lives, relative to the repository root (one file for all three packs). */
export const stackPolicyConfigPath = (stack: string): string => join("policies", "config", `${stack}.json`);

/** Reads a policy config file (JSON); a file that is not JSON is a {@link PolicyConfigError} naming it. */
export function readPolicyConfigFile(path: string): unknown {
  const text = readFileSync(path, "utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new PolicyConfigError(`${path}: not valid JSON (${(e as Error).message})`);
  }
}

/**
 * The stack's own policy config file under `root` (`policies/config/<stack>.json`), read, or
 * undefined when the stack has none. The pull-request workflow passes the same file to
 * `pulumi preview --policy-pack-config` for each pack.
 */
export function readStackPolicyConfig(root: string, stack: string): unknown {
  const path = join(root, stackPolicyConfigPath(stack));
  return existsSync(path) ? readPolicyConfigFile(path) : undefined;
}
