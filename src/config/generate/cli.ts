/**
 * `npm run gen:config`: writes the files generated from the config schema (see `index.ts`).
 * With `--check`, writes nothing and exits 1 when a committed file is not current.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generateConfigFiles } from "./index";

function main(): number {
  const root = process.cwd();
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const f of generateConfigFiles(root)) {
    const path = join(root, f.path);
    const current = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    if (current === f.content) continue;
    stale += 1;
    if (check) {
      console.error(`${f.path} is not current: run npm run gen:config`);
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
      console.log(`wrote ${f.path}`);
    }
  }
  if (stale === 0) console.log("generated config files are current");
  return check && stale > 0 ? 1 : 0;
}

process.exit(main());
