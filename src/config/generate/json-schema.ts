/**
 * JSON Schemas generated from the zod schema: the documented schema of each config key (with the
 * doc-only annotations the reference uses), and the schema of a whole `Pulumi.<stack>.yaml` that
 * editors validate stack files against (`schema/stack-file.schema.json`).
 */
import { z } from "zod";
import { KNOWN_NAMESPACES, NAMESPACE, awsRegionSchema, stackConfigSchema } from "../schema";

/** A JSON Schema node, as zod emits it. */
export interface JsonSchema {
  readonly [keyword: string]: unknown;
  readonly type?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly JsonSchema[];
  /** Doc-only annotation (zod `.meta`): the default in words, where no value says it. */
  readonly defaultText?: string;
  /** Doc-only annotation (zod `.meta`): the allowed values in words, where the schema's would not help. */
  readonly allowedText?: string;
}

/** Annotations that only the generated reference reads; left out of the stack-file schema. */
const DOC_ONLY = ["defaultText", "allowedText"];

/** One top-level key of a stack file, documented. */
export interface ConfigKey {
  /** The full key, e.g. `platform:network`. */
  readonly key: string;
  readonly required: boolean;
  readonly schema: JsonSchema;
}

const toJson = (schema: z.ZodType): JsonSchema => {
  const json: Record<string, unknown> = { ...z.toJSONSchema(schema, { io: "input", target: "draft-07" }) };
  delete json.$schema;
  return json;
};

/** Every key a stack file can set for the program, in the schema's order: `aws:region`, then `platform:*`. */
export function configKeys(): ConfigKey[] {
  const platform = toJson(stackConfigSchema);
  const required = new Set(platform.required ?? []);
  return [
    { key: "aws:region", required: true, schema: toJson(awsRegionSchema) },
    ...Object.entries(platform.properties ?? {}).map(([k, schema]) => ({
      key: `${NAMESPACE}:${k}`,
      required: required.has(k),
      schema,
    })),
  ];
}

/** Keywords whose value is a map of names to schemas. */
const SCHEMA_MAPS = ["properties", "patternProperties", "definitions"];
/** Keywords whose value is data, not a schema. */
const DATA = ["default", "enum", "const", "required"];
const isSafeIntegerBound = (k: string, v: unknown) =>
  (k === "minimum" || k === "maximum") && Math.abs(v as number) === Number.MAX_SAFE_INTEGER;

/** `schema` without doc-only annotations and without zod's implicit safe-integer bounds. */
function clean(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(clean);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (DOC_ONLY.includes(k) || isSafeIntegerBound(k, v)) continue;
    if (SCHEMA_MAPS.includes(k))
      out[k] = Object.fromEntries(Object.entries(v as object).map(([name, s]) => [name, clean(s)]));
    else out[k] = DATA.includes(k) ? v : clean(v);
  }
  return out;
}

/**
 * The keys of the other namespaces a stack file may use (provider and Pulumi settings), except
 * those `keys` types themselves (`aws:region`): `^(?!(aws:region)$)(aws|pulumi):`.
 */
function otherSettings(keys: readonly ConfigKey[]): string {
  const typed = keys
    .filter((k) => !k.key.startsWith(`${NAMESPACE}:`))
    .map((k) => k.key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const namespaces = KNOWN_NAMESPACES.filter((n) => n !== NAMESPACE).join("|");
  return `^${typed.length > 0 ? `(?!(${typed.join("|")})$)` : ""}(${namespaces}):`;
}

/**
 * The JSON Schema of a whole `Pulumi.<stack>.yaml`, for editors and tests. Draft 7: the YAML
 * language server (VS Code's YAML extension) supports no later draft.
 */
export function stackFileSchema(): Record<string, unknown> {
  const keys = configKeys();
  return clean({
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Pulumi.<stack>.yaml of the platform project",
    description:
      "Generated from the zod schema in src/config by `npm run gen:config`: edit the schema, not this file. " +
      "Reference: docs/config.md.",
    type: "object",
    properties: {
      config: {
        description:
          "The stack's config: aws:region and the platform: keys the program reads, plus provider and Pulumi settings (aws:, pulumi:), which may be secrets. Keys of any other namespace are refused.",
        type: "object",
        properties: Object.fromEntries(keys.map((k) => [k.key, k.schema])),
        required: keys.filter((k) => k.required).map((k) => k.key),
        patternProperties: { [otherSettings(keys)]: { $ref: "#/definitions/setting" } },
        additionalProperties: false,
      },
      secretsprovider: {
        type: "string",
        description: "The stack's secrets provider, written by the Pulumi CLI.",
      },
      encryptedkey: {
        type: "string",
        description: "The stack's encrypted data key, written by the Pulumi CLI.",
      },
      encryptionsalt: { type: "string", description: "The passphrase salt, written by the Pulumi CLI." },
      environment: {
        description: "Pulumi ESC environments the stack imports.",
        anyOf: [{ type: "array", items: { type: "string" } }, { type: "object" }],
      },
    },
    required: ["config"],
    additionalProperties: false,
    definitions: {
      secure: {
        description: "A secret: the ciphertext `pulumi config set --secret` writes.",
        type: "object",
        properties: { secure: { type: "string" } },
        required: ["secure"],
        additionalProperties: false,
      },
      setting: {
        description:
          "A provider or Pulumi setting, passed through as it is; may be a secret ({ secure: ... }).",
        anyOf: [{ $ref: "#/definitions/secure" }, { not: { type: "object", required: ["secure"] } }],
      },
    },
  }) as Record<string, unknown>;
}
