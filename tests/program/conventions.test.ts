/**
 * The tag keys policies rely on and the data stores' ports are written once, in src/conventions.ts:
 * a component that spelled one out again could drift from the policy that reads it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { PORT, TAG } from "../../src/conventions";
import { ROOT } from "../helpers/config";

/** Every .ts file below a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "reference" ? [] : sources(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

const FILES = ["components", "stacks", "policies", join("src", "aws")].flatMap((d) => sources(join(ROOT, d)));

describe("conventions are written once", () => {
  test("the folders checked hold the program's sources", () => {
    expect(FILES.length).toBeGreaterThan(100);
  });

  test.each(Object.entries(TAG))("tag key %s (%s) appears only through TAG", (_, key) => {
    // A string literal of the key (comments name it in backticks, which is fine).
    const literal = new RegExp(`["']${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']`);
    const offenders = FILES.filter((f) => literal.test(readFileSync(f, "utf8"))).map((f) =>
      relative(ROOT, f),
    );
    expect(offenders).toEqual([]);
  });

  test.each([
    ["postgres", PORT.postgres],
    ["redis", PORT.redis],
  ])("the %s port (%d) appears only through PORT", (_, port) => {
    const literal = new RegExp(`(?<![\\w.-])${port}(?![\\w.-])`);
    const offenders = FILES.filter((f) => literal.test(readFileSync(f, "utf8"))).map((f) =>
      relative(ROOT, f),
    );
    expect(offenders).toEqual([]);
  });
});
