/**
 * `npm run policy -- --plan FILE [FILE...] [--plan FILE...] [--format text|json|markdown|sarif]
 *   [--out PATH] [--evaluate] [--policy-config FILE] [--root DIR]`
 *
 * Checks plan files in the documented format (docs/plan-format.md): by default it reports the
 * violations each plan recorded (the offline plan already evaluated the packs); with --evaluate it
 * runs this repository's packs on the plan's resources again, so a plan produced elsewhere is
 * judged by these packs (with --policy-config FILE, else each stack's policies/config/<stack>.json
 * under --root). Exit status: 0 with no mandatory violation, 1 with one or more,
 * 2 on bad arguments or an unreadable plan file.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { PLATFORM_PACKS, type PolicyPackDefinition } from "../../policies/pack";
import { readPolicyConfigFile } from "../plan/policy-config";
import { PLAN_FORMAT_VERSION, type StackPlan } from "../plan/types";
import { SourceIndex } from "./locate";
import { renderMarkdown } from "./markdown";
import { buildReport, type Report } from "./model";
import { renderSarif } from "./sarif";
import { renderText } from "./text";
import packageJson from "../../package.json";

export const FORMATS = ["text", "json", "markdown", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

export interface PolicyCliArgs {
  plans: string[];
  format: Format;
  out?: string;
  evaluate: boolean;
  policyConfig?: string;
  root: string;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): PolicyCliArgs {
  const args: PolicyCliArgs = { plans: [], format: "text", evaluate: false, root: process.cwd() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--plan") {
      // A shell glob (--plan .plan/*.json) expands to several files after one --plan.
      args.plans.push(value());
      while (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) args.plans.push(argv[++i]);
    } else if (a === "--format") {
      const f = value();
      if (!(FORMATS as readonly string[]).includes(f)) {
        throw new UsageError(`--format ${f} is not a format: expected one of ${FORMATS.join(", ")}`);
      }
      args.format = f as Format;
    } else if (a === "--out") args.out = value();
    else if (a === "--evaluate") args.evaluate = true;
    else if (a === "--policy-config") args.policyConfig = value();
    else if (a === "--root") args.root = value();
    else {
      throw new UsageError(
        `unknown argument "${a}": expected --plan FILE..., --format ${FORMATS.join("|")}, --out PATH, --evaluate, --policy-config FILE or --root DIR`,
      );
    }
  }
  if (args.plans.length === 0) throw new UsageError("--plan FILE is required (one or more plan files)");
  return args;
}

/** Reads a plan file, checking the fields the report relies on; errors name the file and field. */
export function readPlanFile(path: string): StackPlan {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`${path}: not a readable JSON file (${(e as Error).message})`);
  }
  const d = doc as Record<string, unknown>;
  const fail = (what: string) => {
    throw new UsageError(`${path}: not a plan file in the documented format (docs/plan-format.md): ${what}`);
  };
  if (d === null || typeof d !== "object" || Array.isArray(d)) fail("expected a JSON object");
  if (typeof d.version === "number" && typeof d.deployment === "object") {
    fail(
      "this is a deployment file (pulumi stack export); check it with `pulumi policy analyze --file`, or pass the plan .plan/<stack>.json",
    );
  }
  if (typeof d.formatVersion !== "number") fail("formatVersion is missing");
  if ((d.formatVersion as number) > PLAN_FORMAT_VERSION) {
    fail(`formatVersion ${String(d.formatVersion)} is newer than this tool's ${PLAN_FORMAT_VERSION}`);
  }
  for (const k of ["stack", "project", "region"]) if (typeof d[k] !== "string") fail(`${k} is not a string`);
  if (!Array.isArray(d.resources)) fail("resources is not an array");
  (d.resources as unknown[]).forEach((r, i) => {
    const x = r as Record<string, unknown>;
    for (const k of ["urn", "type", "name"])
      if (typeof x?.[k] !== "string") fail(`resources[${i}].${k} is not a string`);
    if (typeof x.custom !== "boolean") fail(`resources[${i}].custom is not a boolean`);
    if (typeof x.inputs !== "object" || x.inputs === null) fail(`resources[${i}].inputs is not an object`);
    if (typeof x.options !== "object" || x.options === null) fail(`resources[${i}].options is not an object`);
  });
  const policies = d.policies as Record<string, unknown> | undefined;
  if (!policies || !Array.isArray(policies.violations) || !Array.isArray(policies.packs)) {
    fail("policies.packs and policies.violations must be arrays");
  }
  if (typeof d.config !== "object" || d.config === null) fail("config is not an object");
  return doc as StackPlan;
}

/** What the CLI checks with; tests substitute their own. */
export interface PolicyCliDeps {
  readonly packs: readonly PolicyPackDefinition[];
}

export function render(report: Report, format: Format): string {
  switch (format) {
    case "text":
      return renderText(report);
    case "markdown":
      return renderMarkdown(report);
    case "sarif":
      return renderSarif(report, packageJson.version);
    case "json": {
      const { stacks, ...rest } = report;
      return (
        JSON.stringify(
          { reportVersion: 1, ...rest, stacks: stacks.map(({ plan: _plan, ...s }) => s) },
          null,
          2,
        ) + "\n"
      );
    }
  }
}

export async function main(
  argv: readonly string[],
  deps: PolicyCliDeps = { packs: PLATFORM_PACKS },
): Promise<number> {
  let args: PolicyCliArgs;
  let plans: { plan: StackPlan; file: string }[];
  let policyConfig: unknown;
  try {
    args = parseArgs(argv);
    const root = resolve(args.root);
    plans = args.plans.map((p) => ({
      plan: readPlanFile(resolve(p)),
      file: relative(root, resolve(p)) || p,
    }));
    if (args.policyConfig) {
      policyConfig = readPolicyConfigFile(resolve(args.policyConfig));
    }
  } catch (e) {
    console.error(`policy: ${(e as Error).message}`);
    return 2;
  }
  const report = await buildReport(plans, {
    packs: deps.packs,
    evaluate: args.evaluate,
    ...(policyConfig !== undefined ? { policyConfig } : {}),
    root: resolve(args.root),
    sources: SourceIndex.build(resolve(args.root)),
  });
  const text = render(report, args.format);
  if (args.out) {
    mkdirSync(dirname(resolve(args.out)), { recursive: true });
    writeFileSync(resolve(args.out), text);
  } else {
    process.stdout.write(text);
  }
  if (report.mandatory > 0) {
    console.error(
      `policy: ${report.mandatory} mandatory policy violation${report.mandatory === 1 ? "" : "s"}`,
    );
    return 1;
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
