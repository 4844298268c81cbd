/**
 * The files generated from the config schema, formatted as the repository formats them:
 * `schema/stack-file.schema.json`, `docs/config.md` and the `config:` block of `Pulumi.yaml`.
 * `npm run gen:config` writes them; tests/config/generated.test.ts fails when one is stale.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isScalar, parseDocument } from "yaml";
import { STACK_RULES } from "../rules";
import { STACK_SET_RULES } from "../../plan/stack-set";
import { configKeys, stackFileSchema } from "./json-schema";
import { MIN_PULUMI_VERSION, projectConfig, type PulumiConfigDeclaration } from "./project-config";
import { renderReference } from "./reference-doc";

/** Where the generated files live and the template sits, relative to the project root. */
export const PATHS = {
  schema: "schema/stack-file.schema.json",
  reference: "docs/config.md",
  template: "src/config/generate/config.template.md",
  project: "Pulumi.yaml",
} as const;

export interface GeneratedFile {
  /** Relative to the project root. */
  readonly path: string;
  readonly content: string;
}

const GENERATED_NOTE =
  " Generated from the zod schema in src/config by `npm run gen:config`: edit the schema, not this block.\n" +
  ` type: object needs Pulumi CLI ${MIN_PULUMI_VERSION} or newer (requiredPulumiVersion); docs/config.md says which keys are left out and why.`;

/** `Pulumi.yaml` with its `config:` block (and the CLI version it needs) replaced. */
export function withProjectConfig(
  text: string,
  decls: Readonly<Record<string, PulumiConfigDeclaration>>,
): string {
  const doc = parseDocument(text);
  doc.set("requiredPulumiVersion", `>=${MIN_PULUMI_VERSION}`);
  doc.delete("config");
  const config = doc.createPair("config", decls);
  if (isScalar(config.key)) config.key.commentBefore = GENERATED_NOTE;
  doc.add(config);
  return doc.toString({ lineWidth: 0 });
}

/**
 * `text` as Prettier formats the file at `path` (with the project's settings). Prettier runs in a
 * child process: its API is asynchronous and loads ES modules, which jest's module system cannot.
 */
function format(root: string, path: string, text: string): string {
  const bin = join(dirname(require.resolve("prettier/package.json")), "bin", "prettier.cjs");
  return execFileSync(process.execPath, [bin, "--stdin-filepath", join(root, path)], {
    cwd: root,
    input: text,
    encoding: "utf8",
  });
}

/** Every generated file, as it should be committed, for the project at `root`. */
export function generateConfigFiles(root: string): GeneratedFile[] {
  const keys = configKeys();
  const declarations = projectConfig(keys);
  const read = (path: string) => readFileSync(join(root, path), "utf8");
  const files = [
    { path: PATHS.schema, content: JSON.stringify(stackFileSchema(), null, 2) },
    {
      path: PATHS.reference,
      content: renderReference({
        template: read(PATHS.template),
        keys,
        rules: STACK_RULES,
        stackSetRules: STACK_SET_RULES,
        pulumiYaml: declarations,
      }),
    },
    { path: PATHS.project, content: withProjectConfig(read(PATHS.project), declarations) },
  ];
  return files.map((f) => ({ path: f.path, content: format(root, f.path, f.content) }));
}
