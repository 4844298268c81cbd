import { readStackFile } from "../../src/plan/stack-files";
import { ConfigError, validateStackConfig, type RawStackConfig } from "../../src/config";
import { join } from "node:path";

export const ROOT = join(__dirname, "..", "..");

/** The decoded values of a real stack file of the project, e.g. "us-east-1". */
export function stackValues(stack: string): Record<string, unknown> {
  return { ...readStackFile(join(ROOT, `Pulumi.${stack}.yaml`)).decoded };
}

/**
 * A RawStackConfig from decoded values, encoded the way Pulumi hands them to a program.
 * `undefined` values are dropped (a missing key).
 */
export function rawConfig(stack: string, values: Record<string, unknown>): RawStackConfig {
  const encoded: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    encoded[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return { stack, project: "platform", values: encoded };
}

/** A real stack file's values with some keys replaced (or removed with `undefined`). */
export function withOverrides(stack: string, overrides: Record<string, unknown>): RawStackConfig {
  return rawConfig(stack, { ...stackValues(stack), ...overrides });
}

/** The problems validation reports for a stack file with some keys replaced; fails if it is valid. */
export function problemsOf(stack: string, overrides: Record<string, unknown>): readonly string[] {
  try {
    validateStackConfig(withOverrides(stack, overrides));
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error("expected a ConfigError");
}
