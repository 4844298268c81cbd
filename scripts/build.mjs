// `node scripts/build.mjs [--force]`: the transpile-only build that `npm run plan` and
// `npm run bench` run first. It writes dist/ in the layout `tsc -p tsconfig.build.json` writes
// (dist/src, dist/components, dist/stacks, dist/policies with its package.json, dist/bench): one
// CommonJS .js file per .ts source of the folders tsconfig.build.json includes, by swc with the
// repository's options (scripts/swc-options.cjs), and a copy of each JSON file those sources
// import (as tsc emits them with resolveJsonModule).
//
// Incremental: a source whose output is newer than it (and than this script, the swc options and
// tsconfig.build.json) is skipped, so an unchanged tree costs a walk of the folders; outputs whose
// source is gone are removed. No type checking: that is `tsc --noEmit -p .` (`npm run lint`,
// `npm run build`). Prints nothing when dist/ was already up to date.
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
const require = createRequire(import.meta.url);
const force = process.argv.includes("--force");

/** The source folders, from tsconfig.build.json's `include` (plain JSON, no comments). */
const folders = JSON.parse(readFileSync(join(ROOT, "tsconfig.build.json"), "utf8")).include;

/** A change to any of these rebuilds everything. */
const inputsMtime = Math.max(
  ...[
    fileURLToPath(import.meta.url),
    join(ROOT, "scripts", "swc-options.cjs"),
    join(ROOT, "tsconfig.build.json"),
  ].map((f) => statSync(f).mtimeMs),
);

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if (e.code === "ENOENT") return;
    throw e;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "node_modules") yield* walk(path);
    } else if (e.isFile()) yield path;
  }
}

/** The dist path of a source file. */
const outputOf = (source) => join(DIST, relative(ROOT, source).replace(/\.ts$/, ".js"));

/** Relative JSON imports of a TypeScript source, as absolute paths. */
const JSON_IMPORT = /(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)["'](\.{1,2}\/[^"']+\.json)["']/g;
const jsonImports = (source, text) =>
  [...text.matchAll(JSON_IMPORT)].map((m) => resolve(dirname(source), m[1]));

const started = process.hrtime.bigint();
/** Every source to emit (TypeScript and the JSON it imports), with the text read so far. */
const sources = new Map();
for (const folder of folders) {
  for (const path of walk(join(ROOT, folder))) {
    if (!path.endsWith(".ts") || path.endsWith(".d.ts")) continue;
    const text = readFileSync(path, "utf8");
    sources.set(path, text);
    for (const json of jsonImports(path, text)) if (!sources.has(json)) sources.set(json, undefined);
  }
}

let swc;
let options;
const expected = new Set();
let built = 0;
for (const [source, read] of sources) {
  const out = outputOf(source);
  expected.add(out);
  const outMtime = mtime(out);
  if (!force && outMtime !== undefined && outMtime >= Math.max(statSync(source).mtimeMs, inputsMtime))
    continue;
  let text = read ?? readFileSync(source, "utf8");
  if (source.endsWith(".ts")) {
    swc ??= require("@swc/core");
    options ??= require("./swc-options.cjs").swcOptions();
    try {
      text = swc.transformSync(text, { ...options, filename: source }).code;
    } catch (e) {
      console.error(`build: ${relative(ROOT, source)}: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    }
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  built++;
}

// Outputs whose source is gone, and the folders that leaves empty.
let removed = 0;
function prune(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if (e.code === "ENOENT") return true;
    throw e;
  }
  let empty = true;
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (prune(path)) rmdirSync(path);
      else empty = false;
    } else if (!expected.has(path)) {
      rmSync(path, { force: true });
      removed++;
    } else empty = false;
  }
  return empty;
}
for (const folder of folders) prune(join(DIST, folder));

if (built > 0 || removed > 0) {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.error(
    `build: ${built} file${built === 1 ? "" : "s"} written, ${removed} removed, ${expected.size - built} up to date ` +
      `in dist/ (swc, no type check; ${ms.toFixed(0)} ms)`,
  );
}
