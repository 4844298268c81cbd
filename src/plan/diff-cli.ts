/**
 * `npm run plan:diff -- BEFORE AFTER [--json]`
 *
 * Compares two offline plans: BEFORE and AFTER are plan files (`<stack>.json`) or directories of
 * them (as `npm run plan -- --out DIR` writes); directories are compared stack by stack. Prints
 * what was added, removed, renamed through an alias, and which inputs and options changed.
 * Exit status: 0 when the plans are identical, 1 when they differ, 2 on bad arguments.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { diffPlans, formatDiff, type PlanDiff } from "./diff";
import type { StackPlan } from "./types";

function readPlans(path: string): Map<string, StackPlan> {
  if (!existsSync(path)) throw new Error(`${path}: no such file or directory`);
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((f) => join(path, f))
    : [path];
  return new Map(
    files.map((f) => {
      const plan = JSON.parse(readFileSync(f, "utf8")) as StackPlan;
      return [plan.stack ?? basename(f, ".json"), plan];
    }),
  );
}

const isEmpty = (d: PlanDiff) =>
  d.added.length + d.removed.length + d.renamed.length + d.changed.length === 0 &&
  d.outputs.added.length + d.outputs.removed.length + d.outputs.changed.length === 0;

export function main(argv: readonly string[]): number {
  const json = argv.includes("--json");
  const paths = argv.filter((a) => a !== "--json");
  if (paths.length !== 2 || paths.some((p) => p.startsWith("--"))) {
    console.error("plan:diff: expected two paths (plan files or directories) and optionally --json");
    return 2;
  }
  let before: Map<string, StackPlan>, after: Map<string, StackPlan>;
  try {
    [before, after] = paths.map(readPlans) as [Map<string, StackPlan>, Map<string, StackPlan>];
  } catch (e) {
    console.error(`plan:diff: ${(e as Error).message}`);
    return 2;
  }
  const diffs: PlanDiff[] = [];
  const missing: string[] = [];
  for (const [stack, plan] of after) {
    const earlier =
      before.get(stack) ?? (before.size === 1 && after.size === 1 ? [...before.values()][0] : undefined);
    if (earlier) diffs.push(diffPlans(earlier, plan));
    else missing.push(`${stack}: only in ${paths[1]}`);
  }
  for (const stack of before.keys())
    if (!after.has(stack) && after.size > 1) missing.push(`${stack}: only in ${paths[0]}`);
  console.log(
    json ? JSON.stringify({ diffs, missing }, null, 2) : [...diffs.map(formatDiff), ...missing].join("\n"),
  );
  return missing.length === 0 && diffs.every(isEmpty) ? 0 : 1;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
