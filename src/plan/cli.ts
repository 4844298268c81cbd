/**
 * `npm run plan -- [--stack NAME] [--out DIR] [--root DIR] [--stack-file PATH]... [--policy-config FILE] [--quiet]`
 *
 * Plans every `Pulumi.<stack>.yaml` of the project (or one stack) offline and writes
 * `<out>/<stack>.json`. Policy config: --policy-config FILE for every stack, else each stack's
 * `policies/config/<stack>.json` when it exists. Exit status: 0 when every stack planned with no mandatory violation,
 * 1 on invalid config or any mandatory violation, 2 on bad arguments.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PLATFORM_PACKS, type PolicyPackDefinition } from "../../policies/pack";
import type { LoadOptions } from "../config";
import { program } from "../../stacks/program";
import { estimateStack, standbyShares } from "../cost/estimate";
import { standbyShareLines } from "../cost/format";
import { writeDeployment } from "./deployment";
import { planStacks } from "./plan";
import { readPolicyConfigFile, readStackPolicyConfig } from "./policy-config";
import { findStackFiles, readProjectName, readStackFile } from "./stack-files";
import { summarize } from "./summary";
import type { StackPlan } from "./types";

export interface CliArgs {
  stack?: string;
  out: string;
  root: string;
  stackFiles: string[];
  quiet: boolean;
  policyConfig?: string;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { out: ".plan", root: process.cwd(), stackFiles: [], quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--stack") args.stack = value();
    else if (a === "--out") args.out = value();
    else if (a === "--root") args.root = value();
    else if (a === "--stack-file") args.stackFiles.push(value());
    else if (a === "--quiet") args.quiet = true;
    else if (a === "--policy-config") args.policyConfig = value();
    else
      throw new UsageError(
        `unknown argument "${a}": expected --stack NAME, --out DIR, --root DIR, --stack-file PATH, --policy-config FILE or --quiet`,
      );
  }
  return args;
}

export class UsageError extends Error {}

/** What the CLI plans with; tests substitute their own. */
export interface CliDeps {
  readonly program: (options: LoadOptions) => Promise<Record<string, unknown> | undefined>;
  readonly packs: readonly PolicyPackDefinition[];
}

const DEFAULT_DEPS: CliDeps = { program, packs: PLATFORM_PACKS };

export async function main(argv: readonly string[], deps: CliDeps = DEFAULT_DEPS): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    console.error(`plan: ${(e as Error).message}`);
    return 2;
  }
  const root = resolve(args.root);
  const out = resolve(root, args.out);
  const files = [...findStackFiles(root), ...args.stackFiles.map((f) => resolve(f))].map(readStackFile);
  let mandatory = 0;
  const planned: StackPlan[] = [];
  try {
    // --policy-config FILE applies to every stack; without it each stack reads its own
    // policies/config/<stack>.json, as the pull-request workflow passes it to the Pulumi CLI.
    const policyConfig: unknown = args.policyConfig
      ? readPolicyConfigFile(resolve(args.policyConfig))
      : undefined;
    mkdirSync(out, { recursive: true });
    await planStacks({
      project: readProjectName(root),
      stackFiles: files,
      only: args.stack,
      program: deps.program,
      packs: deps.packs,
      policyConfig,
      ...(args.policyConfig
        ? {}
        : { policyConfigFor: (stack: string) => readStackPolicyConfig(root, stack) }),
      onStack: (plan, requested) => {
        planned.push(plan);
        if (!requested) return;
        const path = join(out, `${plan.stack}.json`);
        writeFileSync(path, JSON.stringify(plan, null, 2) + "\n");
        writeDeployment(plan, out);
        mandatory += plan.policies.violations.filter((v) => v.enforcement === "mandatory").length;
        if (!args.quiet) console.log(summarize(plan, path, estimateStack(plan, { peers: planned })));
      },
    });
    if (!args.quiet) for (const line of standbyShareLines(standbyShares(planned))) console.log(line);
  } catch (e) {
    console.error(`plan failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  if (mandatory > 0) {
    console.error(`plan: ${mandatory} mandatory policy violation${mandatory === 1 ? "" : "s"}`);
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
