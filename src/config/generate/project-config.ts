/**
 * The `config:` block of `Pulumi.yaml`, generated from the schema, so that `pulumi up` refuses a
 * mistyped `platform:` key before the program runs.
 *
 * What the Pulumi CLI can express (pulumi/pulumi `sdk/go/common/workspace/project.go` and its
 * `project.json`; `pkg/workspace/config.go`): a key of the project's namespace may declare
 * `type` (`string`, `integer`, `boolean`, `array` with `items`, and `object` since v3.187.0),
 * `description`, `secret` and `default`. The CLI checks a stack's value against the declared type
 * only at the top level (an object's fields are not typed), fills in `default` when a stack leaves
 * the key out, and fails when a declared key with no default is missing. Keys of other namespaces
 * (`aws:region`) may not carry a type, only a project-wide `value`.
 */
import type { ConfigKey, JsonSchema } from "./json-schema";

/** The Pulumi CLI version that reads `type: object` in a project's config declarations. */
export const MIN_PULUMI_VERSION = "3.187.0";

/** The types a project config declaration may have. */
export type PulumiConfigType = "string" | "integer" | "boolean" | "array" | "object";

/** The item type of an `array` declaration. */
export interface PulumiItems {
  readonly type: PulumiConfigType;
  readonly items?: PulumiItems;
}

/** One key's declaration in `Pulumi.yaml`. */
export interface PulumiConfigDeclaration {
  readonly type?: PulumiConfigType;
  readonly items?: PulumiItems;
  readonly description: string;
  /** The schema's default, as a stack file would write it; only for keys the schema defaults. */
  readonly default?: unknown;
}

/** The Pulumi type of a JSON Schema node; undefined when the CLI has none (e.g. a non-integer number). */
export function pulumiTypeOf(schema: JsonSchema): PulumiItems | undefined {
  if (schema.anyOf) {
    const consts = schema.anyOf.map((s) => s.const);
    return consts.every((c) => Number.isInteger(c)) ? { type: "integer" } : undefined;
  }
  switch (schema.type) {
    case "string":
    case "integer":
    case "boolean":
    case "object":
      return { type: schema.type };
    case "array": {
      const items = schema.items && pulumiTypeOf(schema.items);
      return items ? { type: "array", items } : undefined;
    }
    default:
      return undefined;
  }
}

/** Why a key is left out of `Pulumi.yaml`, or undefined when it is declared. */
export function undeclaredBecause(k: ConfigKey): string | undefined {
  if (!k.key.startsWith("platform:"))
    return "it is not in the project's namespace: the CLI allows no type there, only a project-wide value";
  if (!k.required && k.schema.default === undefined)
    return (
      "it is optional with no single default: declared without a default the CLI would require it in every " +
      "stack file, and with one it would apply that default where the program applies its own"
    );
  return undefined;
}

/** The declarations of every key that can be declared, by full key, in the schema's order. */
export function projectConfig(keys: readonly ConfigKey[]): Record<string, PulumiConfigDeclaration> {
  const out: Record<string, PulumiConfigDeclaration> = {};
  for (const k of keys) {
    if (undeclaredBecause(k) !== undefined) continue;
    const t = pulumiTypeOf(k.schema);
    out[k.key] = {
      ...(t ?? {}),
      description: k.schema.description ?? "",
      ...(k.schema.default === undefined ? {} : { default: k.schema.default }),
    };
  }
  return out;
}
