/**
 * `node dist/bench/policies.js PLAN_DIR ROUNDS`: times the policy evaluation of the offline plan
 * on its own: the three packs (security, cost, preflight) with each stack's policy config file,
 * on every plan in PLAN_DIR (the plans `npm run bench` just wrote), the evaluator the plan runs
 * (src/plan/policies.ts). Prints JSON: the first (cold: modules loaded, nothing JIT-compiled yet)
 * and the median round, in ms. `npm run bench` divides it by the whole offline plan's median.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PLATFORM_PACKS } from "../policies/pack";
import { evaluatePolicies } from "../src/plan/policies";
import { readStackPolicyConfig } from "../src/plan/policy-config";
import type { StackPlan } from "../src/plan/types";

const ROOT = join(__dirname, "..", "..");

async function main(): Promise<void> {
  const [dir, roundsArg] = process.argv.slice(2);
  const rounds = Number(roundsArg ?? 7);
  const plans = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as StackPlan);
  const configs = new Map(plans.map((p) => [p.stack, readStackPolicyConfig(ROOT, p.stack)]));
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (const p of plans) {
      await evaluatePolicies(p.resources, PLATFORM_PACKS, { region: p.region, config: configs.get(p.stack) });
    }
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median =
    sorted.length % 2
      ? sorted[(sorted.length - 1) / 2]
      : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  console.log(JSON.stringify({ stacks: plans.length, coldMs: times[0], medianMs: median }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
