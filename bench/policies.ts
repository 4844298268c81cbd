/**
 * The benchmark's policy share: every pack evaluated on every stack's plan, as the offline plan
 * evaluates them (same packs, the policy config with the cost facts the plan passes), once each
 * and cold, as in the plan process. `node dist/bench/policies.js PLAN_DIR` prints
 * `{"ms": <evaluation time of all stacks>, "violations": <count>}`; module loading is not counted
 * (the plan process loads the pack too).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { platformPack } from "../policies/pack";
import { costFactsFor, withCostFacts } from "../src/plan/cost-facts";
import { evaluatePolicies } from "../src/plan/policies";
import type { StackPlan } from "../src/plan/types";

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: policies.js PLAN_DIR");
  const plans = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as StackPlan);
  // The primary first, as in the plan's apply order: the other stacks' cost facts need it.
  const isPrimary = (p: StackPlan) => (p.config["platform:role"] === "primary" ? 0 : 1);
  const ordered = [...plans].sort((a, b) => isPrimary(a) - isPrimary(b) || a.stack.localeCompare(b.stack));
  let ms = 0;
  let violations = 0;
  for (const [i, plan] of ordered.entries()) {
    const config = withCostFacts(undefined, costFactsFor(plan.config, ordered.slice(0, i)));
    const start = process.hrtime.bigint();
    const v = await evaluatePolicies(plan.resources, [platformPack], { region: plan.region, config });
    ms += Number(process.hrtime.bigint() - start) / 1e6;
    violations += v.length;
  }
  console.log(JSON.stringify({ ms, violations }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
