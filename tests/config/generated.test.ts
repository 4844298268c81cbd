import { readFileSync } from "node:fs";
import { join } from "node:path";
import { configKeys, type JsonSchema } from "../../src/config/generate/json-schema";
import { generateConfigFiles, PATHS } from "../../src/config/generate";
import { renderReference } from "../../src/config/generate/reference-doc";
import { ROOT } from "../helpers/config";

const committed = (path: string) => readFileSync(join(ROOT, path), "utf8");

/** Every field of a key, as a path relative to it: `cidr`, `web.scaling.step.scaleOutAt`, `scaling.scheduled[].name`. */
function fieldPaths(s: JsonSchema, prefix = ""): string[] {
  if (s.type === "array" && s.items) return fieldPaths(s.items, prefix ? `${prefix}[]` : "");
  return Object.entries(s.properties ?? {}).flatMap(([name, p]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return [path, ...fieldPaths(p, path)];
  });
}

/** The paths docs/config.md documents under each key's heading (first column of its table; `{a,b}` expanded). */
function documentedPaths(doc: string): Map<string, Set<string>> {
  const byKey = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const line of doc.split("\n")) {
    const heading = /^### `([^`]+)`/.exec(line);
    if (heading) byKey.set(heading[1], (current = new Set()));
    else if (line.startsWith("## ")) current = undefined;
    const row = /^\| `([^`]+)`\s+\|/.exec(line);
    if (row && current) {
      const braces = /\{([^}]+)\}/.exec(row[1]);
      const paths = braces ? braces[1].split(",").map((b) => row[1].replace(braces[0], b)) : [row[1]];
      paths.forEach((p) => current!.add(p));
    }
  }
  return byKey;
}

describe("files generated from the config schema", () => {
  let files: ReturnType<typeof generateConfigFiles>;
  beforeAll(() => {
    files = generateConfigFiles(ROOT);
  });

  test.each(Object.values({ a: PATHS.reference, b: PATHS.schema, c: PATHS.project }))(
    "the committed %s is current (else run npm run gen:config)",
    (path) => {
      expect(committed(path)).toBe(files.find((f) => f.path === path)?.content);
    },
  );

  test("docs/config.md documents every key and every field of the schema", () => {
    const documented = documentedPaths(committed(PATHS.reference));
    const missing = configKeys().flatMap((k) => {
      const paths = documented.get(k.key);
      if (!paths) return [k.key];
      return fieldPaths(k.schema)
        .filter((p) => !paths.has(p))
        .map((p) => `${k.key}: ${p}`);
    });
    expect(missing).toEqual([]);
  });

  test("every key and every field has a description", () => {
    const undescribed = (s: JsonSchema, at: string): string[] => [
      ...(s.description ? [] : [at]),
      ...Object.entries(s.properties ?? {}).flatMap(([n, p]) => undescribed(p, `${at}.${n}`)),
      ...(s.type === "array" && s.items?.properties
        ? undescribed({ ...s.items, description: "-" }, `${at}[]`)
        : []),
    ];
    expect(configKeys().flatMap((k) => undescribed(k.schema, k.key))).toEqual([]);
  });

  test("the template must name every key, and only keys of the schema", () => {
    const inputs = { keys: configKeys(), rules: [], stackSetRules: [], pulumiYaml: {} };
    const template = committed(PATHS.template);
    expect(() =>
      renderReference({ ...inputs, template: template.replace("<!-- key platform:dns -->", "") }),
    ).toThrow("config template: no <!-- key ... --> marker for platform:dns");
    expect(() =>
      renderReference({ ...inputs, template: `${template}\n<!-- key platform:colour -->\n` }),
    ).toThrow("config template: <!-- key platform:colour --> names no key of the schema");
  });
});
