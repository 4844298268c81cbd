// `npm run packs:stage [-- OUT]` (default dist/packs): makes each policy pack self-contained for
// `pulumi policy publish`, which packs the directory with `npm pack` and so takes only files
// inside it. For each pack it copies the pack entry's import closure (TypeScript and the JSON it
// imports, type-only imports included: the CLI's runner type-checks) into OUT/<pack>/ at the same
// paths as in the repository, and writes OUT/<pack>/package.json (the pack's own, `main` pointing
// at the copied entry) and PulumiPolicy.yaml. Then: `cd OUT/security && pulumi policy publish <org>`.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const ts = createRequire(import.meta.url)("typescript");
const PACKS = ["security", "cost", "preflight"];

/** Every repository file the entry imports, transitively (relative imports only). */
function closure(entry) {
  const files = new Set();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop();
    if (files.has(file)) continue;
    files.add(file);
    if (!file.endsWith(".ts")) continue;
    for (const { fileName: m } of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      if (!m.startsWith(".")) continue;
      const base = resolve(dirname(file), m);
      const found = [base, `${base}.ts`, join(base, "index.ts")].find(
        (c) => existsSync(c) && statSync(c).isFile() && (c.endsWith(".ts") || c.endsWith(".json")),
      );
      if (found) todo.push(found);
    }
  }
  return [...files];
}

const out = resolve(ROOT, process.argv[2] ?? join("dist", "packs"));
for (const name of PACKS) {
  const dir = join(ROOT, "policies", "packs", name);
  const target = join(out, name);
  rmSync(target, { recursive: true, force: true });
  const files = closure(join(dir, "index.ts"));
  for (const f of files) {
    const to = join(target, relative(ROOT, f));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(f, to);
  }
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  pkg.main = relative(ROOT, join(dir, "index.ts")).split("\\").join("/");
  writeFileSync(join(target, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
  copyFileSync(join(dir, "PulumiPolicy.yaml"), join(target, "PulumiPolicy.yaml"));
  console.log(`staged ${name}: ${files.length} files -> ${relative(ROOT, target)}`);
}
