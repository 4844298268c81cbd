/**
 * The plans of the project's real stacks (every `Pulumi.<stack>.yaml` of the repository, the
 * three packs, no other option), as JSON documents in apply order.
 *
 * A full `jest` run plans them once, in its global setup (tests/setup/global-plans.ts), and every
 * test file reads that result; a filtered or watch run plans them here, in the test file's own
 * process. Either way each call returns fresh objects, parsed from the plan's JSON text, so a test
 * may change what it gets. Plan anything else (other stack files, overrides, policy config, the
 * CLI) in the test itself.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { StackPlan } from "../../src/plan/types";

const ROOT = join(__dirname, "..", "..");

/** The environment variable through which the global setup passes the plans' JSON file. */
export const REAL_PLANS_ENV = "PLATFORM_TEST_REAL_PLANS";

/** Plans the real stacks in this process; resolves to the plans' JSON text (an array, apply order). */
export async function planRealStacks(): Promise<string> {
  const [{ PLATFORM_PACKS }, { planStacks }, { findStackFiles, readStackFile }, { program }] =
    await Promise.all([
      import("../../policies/pack"),
      import("../../src/plan/plan"),
      import("../../src/plan/stack-files"),
      import("../../stacks/program"),
    ]);
  const plans = await planStacks({
    project: "platform",
    stackFiles: findStackFiles(ROOT).map(readStackFile),
    program,
    packs: PLATFORM_PACKS,
  });
  return JSON.stringify(plans);
}

/** The real stacks' plans, in apply order (us-east-1, then eu-west-1). */
export async function realPlans(): Promise<StackPlan[]> {
  const file = process.env[REAL_PLANS_ENV];
  const text = file ? readFileSync(file, "utf8") : await planRealStacks();
  return JSON.parse(text) as StackPlan[];
}
