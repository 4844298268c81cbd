/**
 * Pulumi.yaml's `config:` declarations against the zod schema and the stack files, checked as the
 * Pulumi CLI would apply them (pulumi/pulumi `sdk/go/common/workspace/project.go`,
 * `ValidateConfigValue`, and `pkg/workspace/config.go`, which fills in defaults and requires
 * declared keys that have none).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { parse } from "yaml";
import { stackConfigSchema } from "../../src/config/schema";
import { ROOT } from "../helpers/config";

interface Items {
  type: string;
  items?: Items;
}
interface Declaration extends Items {
  description?: string;
  default?: unknown;
  value?: unknown;
  secret?: boolean;
}
const project = parse(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8")) as {
  name: string;
  requiredPulumiVersion?: string;
  config?: Record<string, Declaration>;
};
const declared = project.config ?? {};
const shape = stackConfigSchema.shape as Record<string, z.ZodType>;

/** The key's schema as JSON Schema (its input form), for its type. */
const jsonOf = (key: string) => z.toJSONSchema(shape[key], { io: "input" }) as Record<string, unknown>;
/** The Pulumi type that matches a JSON Schema node. */
function pulumiType(s: Record<string, unknown>): Items {
  if (Array.isArray(s.anyOf)) return { type: "integer" };
  if (s.type === "array") return { type: "array", items: pulumiType(s.items as Record<string, unknown>) };
  return { type: s.type as string };
}
/** True when zod accepts the key left out and gives it no value: optional, no default. */
const optionalWithoutDefault = (key: string) => {
  const r = shape[key].safeParse(undefined);
  return r.success && r.data === undefined;
};

/** The CLI's ValidateConfigValue: stack values as it holds them (top-level scalars are strings). */
function cliAccepts(t: Items, v: unknown): boolean {
  switch (t.type) {
    case "string":
      return typeof v === "string";
    case "integer":
      return typeof v === "number" ? Number.isInteger(v) : typeof v === "string" && /^[+-]?\d+$/.test(v);
    case "boolean":
      return v === "true" || v === "false" || typeof v === "boolean";
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v);
    default:
      return Array.isArray(v) && t.items !== undefined && v.every((x) => cliAccepts(t.items!, x));
  }
}
/** A stack file's value as the CLI holds it: objects and lists parsed, top-level scalars as strings. */
const asCli = (v: unknown) => (typeof v === "object" && v !== null ? v : String(v));

describe("Pulumi.yaml declares the platform's config keys", () => {
  test("every top-level platform: key is declared, except those optional with no default", () => {
    const expected = Object.keys(shape)
      .filter((k) => !optionalWithoutDefault(k))
      .map((k) => `platform:${k}`);
    expect(Object.keys(declared)).toEqual(expected);
    expect(Object.keys(shape).filter(optionalWithoutDefault)).toEqual(["posture"]);
  });

  test.each(Object.entries(declared))("%s: type, description and default agree with the schema", (key, d) => {
    expect(project.name).toBe("platform");
    expect(key.startsWith("platform:")).toBe(true);
    const k = key.slice("platform:".length);
    expect({ type: d.type, ...(d.items ? { items: d.items } : {}) }).toEqual(pulumiType(jsonOf(k)));
    expect(d.description).toBe(jsonOf(k).description);
    expect(d.value).toBeUndefined();
    expect(d.secret).toBeUndefined();
    if (d.default === undefined) {
      expect(shape[k].safeParse(undefined).success).toBe(false);
    } else {
      expect(cliAccepts(d, d.default)).toBe(true);
      expect(shape[k].parse(d.default)).toEqual(shape[k].parse(undefined));
    }
  });

  test("the CLI version that reads type: object is required", () => {
    expect(Object.values(declared).some((d) => d.type === "object" || d.items?.type === "object")).toBe(true);
    expect(project.requiredPulumiVersion).toBe(">=3.187.0");
  });

  test.each([
    "Pulumi.us-east-1.yaml",
    "Pulumi.eu-west-1.yaml",
    "tests/fixtures/secrets/Pulumi.us-east-1.yaml",
    "tests/fixtures/third-region/Pulumi.ap-south-1.yaml",
  ])("the CLI accepts %s: every declared key present or defaulted, of its declared type", (path) => {
    const config = (parse(readFileSync(join(ROOT, path), "utf8")) as { config: Record<string, unknown> })
      .config;
    for (const [key, d] of Object.entries(declared)) {
      if (!(key in config)) expect([key, d.default]).not.toEqual([key, undefined]);
      else expect([key, cliAccepts(d, asCli(config[key]))]).toEqual([key, true]);
    }
  });

  test("the CLI would refuse a mistyped key", () => {
    const t = (key: string) => declared[key];
    expect(cliAccepts(t("platform:network"), asCli("10.10.0.0/16"))).toBe(false);
    expect(cliAccepts(t("platform:protect"), asCli("yes"))).toBe(false);
    expect(cliAccepts(t("platform:peers"), asCli(["us-east-1"]))).toBe(false);
    expect(cliAccepts(t("platform:role"), asCli({ name: "primary" }))).toBe(false);
  });
});
