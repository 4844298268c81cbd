/**
 * docs/config.md, generated: the hand-written prose of `config.template.md`, with every
 * `<!-- name argument -->` marker line replaced by what the schema and the rule tables say:
 *
 * - `<!-- summary -->`: one line per key;
 * - `<!-- key KEY -->`: the key's heading, description and type, and a table of its fields;
 * - `<!-- rules -->`, `<!-- stack-set-rules -->`: the checks across keys and across stack files;
 * - `<!-- pulumi-yaml -->`: what `Pulumi.yaml` declares, and what it leaves out and why.
 *
 * Every key of the schema must have its `key` marker, so no key goes undocumented.
 */
import { rulesOf, type RuleTable } from "../rule-table";
import type { ConfigKey, JsonSchema } from "./json-schema";
import { undeclaredBecause, type PulumiConfigDeclaration, type PulumiItems } from "./project-config";

/** What the reference is made of. */
export interface ReferenceInputs {
  readonly template: string;
  readonly keys: readonly ConfigKey[];
  readonly rules: RuleTable<never>;
  readonly stackSetRules: RuleTable<never>;
  readonly pulumiYaml: Readonly<Record<string, PulumiConfigDeclaration>>;
}

const code = (v: unknown) => `\`${typeof v === "string" ? v : JSON.stringify(v)}\``;
/** A value as YAML would write it in flow style: `[a, b]`, `{}`, `365`, `true`. */
const yamlish = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(yamlish).join(", ")}]`
    : typeof v === "object" && v !== null
      ? `{ ${Object.entries(v)
          .map(([k, x]) => `${k}: ${yamlish(x)}`)
          .join(", ")} }`.replace("{  }", "{}")
      : String(v);
/** A table cell: pipes escaped, one line. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
/** A description as Markdown: code spans kept, Markdown's special characters escaped elsewhere. */
const text = (s: string | undefined) =>
  (s ?? "")
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/([\\*_<>[\]])/g, "\\$1")))
    .join("");
/** zod's bounds of a whole number with no bounds of its own. */
const bound = (v: unknown) =>
  typeof v === "number" && Math.abs(v) !== Number.MAX_SAFE_INTEGER ? v : undefined;

function typeOf(s: JsonSchema): string {
  if (s.anyOf) return s.anyOf.every((x) => Number.isInteger(x.const)) ? "integer" : "number";
  if (s.type === "array") return `list of ${s.items ? typeOf(s.items) : "values"}`;
  if (s.type === "object" && !s.properties && s.additionalProperties) return "map";
  return s.type ?? "any";
}

function range(min: unknown, max: unknown, unit = ""): string {
  if (typeof min === "number" && typeof max === "number") return `${min} to ${max}${unit}`;
  if (typeof min === "number") return `at least ${min}${unit}`;
  if (typeof max === "number") return `at most ${max}${unit}`;
  return "";
}

function allowedOf(s: JsonSchema): string {
  if (s.allowedText) return s.allowedText;
  if (s.enum) return s.enum.map(code).join(", ");
  if (s.anyOf) return s.anyOf.map((x) => code(x.const)).join(", ");
  switch (s.type) {
    case "integer":
    case "number":
      return range(bound(s.minimum), bound(s.maximum));
    case "string":
      return s.format === "date-time" ? "ISO 8601 date and time, UTC" : s.pattern ? code(s.pattern) : "";
    case "array": {
      const count = range(s.minItems, s.maxItems, " items").replace(/^at least 1 items$/, "at least 1 item");
      const each = s.items ? allowedOf(s.items) : "";
      return [count, each && `each ${each}`].filter(Boolean).join("; ");
    }
    default:
      return "";
  }
}

function defaultOf(s: JsonSchema, required: boolean): string {
  if (s.default !== undefined) {
    const d = s.default;
    return typeof d === "object" && d !== null && !Array.isArray(d) && Object.keys(d).length === 0
      ? "each field's default"
      : code(yamlish(d));
  }
  if (s.defaultText) return s.defaultText;
  return required ? "required" : "none";
}

/** One row of a key's table. */
interface Row {
  readonly path: string;
  readonly schema: JsonSchema;
  readonly required: boolean;
  /** The defaults of merged siblings (`web: 10, app: 15`), when they differ. */
  readonly defaults?: string;
}

/** `s` without defaults at any depth and without its own description: what siblings must share to merge. */
function shape(s: unknown, top = true): unknown {
  if (Array.isArray(s)) return s.map((x) => shape(x, false));
  if (typeof s !== "object" || s === null) return s;
  return Object.fromEntries(
    Object.entries(s)
      .filter(([k]) => k !== "default" && !(top && k === "description"))
      .map(([k, v]) => [k, shape(v, false)]),
  );
}

/** Object properties that are all objects of one shape (the web and app tiers): documented once. */
function mergeable(props: readonly [string, JsonSchema][]): boolean {
  if (props.length < 2 || props.some(([, p]) => p.type !== "object" || !p.properties)) return false;
  const first = JSON.stringify(shape(props[0][1]));
  return props.every(([, p]) => JSON.stringify(shape(p)) === first);
}

const join = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);

/** The rows of an object's or a list's fields, depth first, with paths relative to the key. */
function rowsOf(s: JsonSchema, prefix: string): Row[] {
  if (s.type === "array" && s.items?.properties) return rowsOf(s.items, prefix ? `${prefix}[]` : "");
  if (!s.properties) return [];
  const required = new Set(s.required ?? []);
  const props = Object.entries(s.properties);
  const rows: Row[] = [];
  if (mergeable(props)) {
    for (const [name, p] of props)
      rows.push({ path: join(prefix, name), schema: p, required: required.has(name) });
    const names = props.map(([n]) => n);
    const merged = rowsOf(props[0][1], join(prefix, `{${names.join(",")}}`));
    const each = props.map(([, p]) => rowsOf(p, ""));
    merged.forEach((row, i) => {
      const ds = each.map((rs) => defaultOf(rs[i].schema, rs[i].required));
      rows.push(
        new Set(ds).size > 1 ? { ...row, defaults: names.map((n, j) => `${n}: ${ds[j]}`).join(", ") } : row,
      );
    });
    return rows;
  }
  for (const [name, p] of props) {
    rows.push({ path: join(prefix, name), schema: p, required: required.has(name) });
    rows.push(...rowsOf(p, join(prefix, name)));
  }
  if (typeof s.additionalProperties === "object")
    rows.push({ path: join(prefix, "*"), schema: s.additionalProperties, required: false });
  return rows;
}

function renderKey(k: ConfigKey): string {
  const s = k.schema;
  const d = defaultOf(s, k.required);
  const allowed = allowedOf(s);
  const facts = [
    d === "required" ? "Required." : `Default: ${d}.`,
    `Type: ${typeOf(s)}.`,
    ...(allowed ? [`Allowed: ${allowed}.`] : []),
  ];
  const out = [`### \`${k.key}\``, "", text(s.description), "", facts.join(" ")];
  const rows = rowsOf(s, "");
  if (rows.length > 0) {
    out.push(
      "",
      s.type === "array" ? "Each entry:" : "Fields:",
      "",
      "| Field | Type | Default | Allowed | Description |",
      "| --- | --- | --- | --- | --- |",
      ...rows.map(
        (r) =>
          `| ${[
            code(r.path),
            typeOf(r.schema),
            r.defaults ?? defaultOf(r.schema, r.required),
            allowedOf(r.schema),
            text(r.schema.description),
          ]
            .map(cell)
            .join(" | ")} |`,
      ),
    );
  }
  return out.join("\n");
}

function renderSummary(keys: readonly ConfigKey[]): string {
  return [
    "| Key | Type | Default | Description |",
    "| --- | --- | --- | --- |",
    ...keys.map(
      (k) =>
        `| ${[
          `[${code(k.key)}](#${anchor(k.key)})`,
          typeOf(k.schema),
          defaultOf(k.schema, k.required),
          text(k.schema.description),
        ]
          .map(cell)
          .join(" | ")} |`,
    ),
  ].join("\n");
}

/** GitHub's anchor of a key's heading (`platform:role` is `#platformrole`). */
const anchor = (key: string) => key.toLowerCase().replace(/[^\p{L}\p{N}_-]/gu, "");

function renderRules(table: RuleTable<never>): string {
  return [
    "| Rule | Reads |",
    "| --- | --- |",
    ...rulesOf(table).map((r) => `| ${cell(r.name)} | ${cell(r.reads.map(code).join(", "))} |`),
  ].join("\n");
}

const pulumiType = (t: PulumiItems): string => (t.items ? `${t.type} of ${pulumiType(t.items)}` : t.type);

function renderPulumiYaml(
  keys: readonly ConfigKey[],
  declared: Readonly<Record<string, PulumiConfigDeclaration>>,
) {
  return [
    "| Key | Declared as | Default |",
    "| --- | --- | --- |",
    ...keys.map((k) => {
      const d = declared[k.key];
      if (!d) return `| ${code(k.key)} | not declared: ${cell(undeclaredBecause(k) ?? "")} | |`;
      const type = d.type ? pulumiType({ type: d.type, ...(d.items ? { items: d.items } : {}) }) : "no type";
      return `| ${code(k.key)} | ${type} | ${d.default === undefined ? "none (required)" : code(yamlish(d.default))} |`;
    }),
  ].join("\n");
}

const MARKER = /^<!-- (summary|key|rules|stack-set-rules|pulumi-yaml)(?: (\S+))? -->$/;

/** The reference, unformatted. Throws when the template misses a key of the schema or names an unknown one. */
export function renderReference(inputs: ReferenceInputs): string {
  const byKey = new Map(inputs.keys.map((k) => [k.key, k]));
  const seen = new Set<string>();
  const lines = inputs.template.split("\n").map((line) => {
    const m = MARKER.exec(line.trim());
    if (!m) return line;
    switch (m[1]) {
      case "summary":
        return renderSummary(inputs.keys);
      case "rules":
        return renderRules(inputs.rules);
      case "stack-set-rules":
        return renderRules(inputs.stackSetRules);
      case "pulumi-yaml":
        return renderPulumiYaml(inputs.keys, inputs.pulumiYaml);
      default: {
        const k = byKey.get(m[2] ?? "");
        if (!k) throw new Error(`config template: ${line.trim()} names no key of the schema`);
        seen.add(k.key);
        return renderKey(k);
      }
    }
  });
  const missing = inputs.keys.filter((k) => !seen.has(k.key)).map((k) => k.key);
  if (missing.length > 0)
    throw new Error(`config template: no <!-- key ... --> marker for ${missing.join(", ")}`);
  return lines.join("\n");
}
