/**
 * The pack directories (policies/packs/<pack>): what `pulumi preview --policy-pack DIR` and
 * `pulumi policy publish` read. PulumiPolicy.yaml (valid YAML, runtime nodejs), a package.json
 * whose `dependencies` name every package the pack's code imports (its import closure, type-only
 * imports included: the CLI's runner type-checks with ts-node) at the root's pinned versions,
 * plus @pulumi/pulumi (the runner itself) and typescript (the runner falls back to a vendored
 * TypeScript 3.8 without it). Starting each directory as the CLI does: tests/policies/sdk-analyzer.test.ts.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import * as ts from "typescript";
import { parse } from "yaml";
import { PLATFORM_PACKS } from "../../policies/pack";
import { PACK_DIRS } from "../../src/plan/sdk-analyzer";

const ROOT = join(__dirname, "..", "..");
const rootPackage = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const pinned = { ...rootPackage.dependencies, ...rootPackage.devDependencies };

/** The files a TypeScript entry imports, transitively, and the packages it imports. */
function closure(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [resolve(entry)];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const { fileName: m } of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      if (m.startsWith(".")) {
        const base = resolve(dirname(file), m);
        const found = [`${base}.ts`, join(base, "index.ts")].find(
          (c) => existsSync(c) && statSync(c).isFile(),
        );
        if (found) todo.push(found);
      } else if (!m.startsWith("node:")) {
        packages.add(
          m
            .split("/")
            .slice(0, m.startsWith("@") ? 2 : 1)
            .join("/"),
        );
      }
    }
  }
  return { files: [...files], packages: [...packages].sort() };
}

describe.each(PLATFORM_PACKS.map((p) => [p.name, p] as const))("policies/packs/%s", (name, pack) => {
  const dir = join(ROOT, PACK_DIRS[name]);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    name: string;
    version: string;
    description: string;
    main: string;
    dependencies: Record<string, string>;
  };

  test("PulumiPolicy.yaml: a Node.js pack, described as in package.json", () => {
    expect(parse(readFileSync(join(dir, "PulumiPolicy.yaml"), "utf8"))).toEqual({
      description: pkg.description,
      runtime: "nodejs",
    });
    expect(pack.description).toBe(pkg.description);
    expect(pack.version).toBe(pkg.version);
  });

  test("package.json declares every package the pack imports, at the root's pinned versions", () => {
    expect(pkg.main).toBe("index.ts");
    const { files, packages } = closure(join(dir, pkg.main));
    const needed = [...new Set([...packages, "@pulumi/pulumi", "typescript"])].sort();
    expect(Object.keys(pkg.dependencies).sort()).toEqual(needed);
    for (const d of needed) expect([d, pkg.dependencies[d]]).toEqual([d, pinned[d]]);
    // The entry reaches its own layers only: the cost pack does not load the security layers.
    const layers = new Set(
      files
        .map((f) => /\/policies\/([a-z]+)\//.exec(f)?.[1])
        .filter((l): l is string => l !== undefined && !["lib", "packs"].includes(l)),
    );
    expect([...layers].sort()).toEqual([...new Set(pack.policies.map((p) => p.name.split("-")[0]))].sort());
  });
});
