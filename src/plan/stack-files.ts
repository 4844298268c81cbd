/**
 * Reads `Pulumi.yaml` and `Pulumi.<stack>.yaml` files the way the Pulumi CLI hands them to a
 * program: every config value as a string (objects and lists as JSON), secure values listed as
 * secret. Secure values cannot be decrypted offline and are replaced by a placeholder.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";
import { REDACTED } from "./types";

export interface StackFile {
  readonly stack: string;
  readonly path: string;
  /** Namespaced keys to Pulumi's string encoding of the values. */
  readonly values: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
  /** The decoded values (objects as objects), secrets redacted: the plan's `config` field. */
  readonly decoded: Readonly<Record<string, unknown>>;
}

/** The project name from `Pulumi.yaml` in `root`. */
export function readProjectName(root: string): string {
  const path = join(root, "Pulumi.yaml");
  const doc = parse(readFileSync(path, "utf8")) as { name?: unknown } | null;
  if (!doc || typeof doc.name !== "string") throw new Error(`${path}: expected a "name"`);
  return doc.name;
}

/** Paths of every `Pulumi.<stack>.yaml` in `dir`, sorted. */
export function findStackFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^Pulumi\.[^.]+(\.[^.]+)*\.ya?ml$/.test(f) && f !== "Pulumi.yaml" && f !== "Pulumi.yml")
    .sort()
    .map((f) => join(dir, f));
}

const isSecure = (v: unknown): boolean =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && "secure" in v;

function hasSecure(v: unknown): boolean {
  if (isSecure(v)) return true;
  if (Array.isArray(v)) return v.some(hasSecure);
  if (v && typeof v === "object") return Object.values(v).some(hasSecure);
  return false;
}

function redactSecure(v: unknown): unknown {
  if (isSecure(v)) return REDACTED;
  if (Array.isArray(v)) return v.map(redactSecure);
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactSecure(x)]));
  return v;
}

export function readStackFile(path: string): StackFile {
  const stack = basename(path)
    .replace(/^Pulumi\./, "")
    .replace(/\.ya?ml$/, "");
  const doc = (parse(readFileSync(path, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  const config = doc.config ?? {};
  if (typeof config !== "object" || Array.isArray(config))
    throw new Error(`${path}: "config" must be a mapping`);
  const values: Record<string, string> = {};
  const decoded: Record<string, unknown> = {};
  const secretKeys: string[] = [];
  for (const [key, raw] of Object.entries(config)) {
    const value = redactSecure(raw);
    if (hasSecure(raw)) secretKeys.push(key);
    decoded[key] = value;
    values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { stack, path, values, secretKeys, decoded };
}
