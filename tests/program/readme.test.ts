/** The README stays true: every top-level config key and every component is in its tables. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stackConfigSchema } from "../../src/config/schema";
import { ROOT } from "../helpers/config";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README", () => {
  test("the configuration table names every top-level key of the schema", () => {
    const keys = Object.keys(stackConfigSchema.shape).map((k) => `\`platform:${k}\``);
    expect(keys.filter((k) => !readme.includes(`| ${k}`))).toEqual([]);
  });

  test("the component table names every component class and its file", () => {
    const missing: string[] = [];
    for (const dir of readdirSync(join(ROOT, "components"))) {
      for (const file of readdirSync(join(ROOT, "components", dir)).filter((f) => f.endsWith(".ts"))) {
        const text = readFileSync(join(ROOT, "components", dir, file), "utf8");
        for (const [, name] of text.matchAll(/export class (\w+) extends pulumi\.ComponentResource/g)) {
          if (!readme.includes(`\`${name}\``)) missing.push(`${name} (components/${dir}/${file})`);
          if (!readme.includes(`components/${dir}/${file}`)) missing.push(`components/${dir}/${file}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
