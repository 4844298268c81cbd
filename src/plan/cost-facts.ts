/**
 * What the cost policies need to know about a stack that its resources do not say, passed to them
 * through policy config by the offline plan (docs/cost.md, "Cost rules"):
 *
 * - `cost-nat-gateways-by-posture` gets the stack file's `platform:posture`;
 * - `cost-standby-share` gets the primary stack's name and monthly estimate, on every stack but the
 *   primary: the plan plans the primary first (apply order), so its estimate is known by then.
 *
 * Values the user's policy config already sets win. With the Pulumi CLI, the stack's policy
 * config file carries the same keys.
 */
import { estimateStack } from "../cost/estimate";
import type { StackPlan } from "./types";

export interface CostFacts {
  readonly posture?: string;
  readonly primary?: { readonly stack: string; readonly monthlyUsd: number };
}

/** The facts for a stack with this decoded config, given the stacks planned before it. */
export function costFactsFor(
  config: Record<string, unknown>,
  plannedBefore: readonly StackPlan[],
): CostFacts {
  const posture = typeof config["platform:posture"] === "string" ? config["platform:posture"] : undefined;
  const primary = plannedBefore.find((p) => p.config["platform:role"] === "primary");
  if (config["platform:role"] === "primary" || !primary) return posture ? { posture } : {};
  const e = estimateStack(primary, { peers: plannedBefore });
  // An incomplete primary estimate would make every share look larger than it is: leave it out.
  if (!e.complete) return posture ? { posture } : {};
  return { ...(posture ? { posture } : {}), primary: { stack: primary.stack, monthlyUsd: e.monthly } };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** The policy config (the CLI's `--policy-pack-config` format) with the facts added. */
export function withCostFacts(config: unknown, facts: CostFacts): unknown {
  const add: Record<string, Record<string, unknown>> = {};
  if (facts.posture) add["cost-nat-gateways-by-posture"] = { posture: facts.posture };
  if (facts.primary)
    add["cost-standby-share"] = {
      primaryStack: facts.primary.stack,
      primaryMonthlyUsd: facts.primary.monthlyUsd,
    };
  if (Object.keys(add).length === 0) return config;
  if (config !== undefined && !isObject(config)) return config; // invalid: the parser says so
  const base: Record<string, unknown> = isObject(config) ? { ...config } : {};
  for (const [policy, values] of Object.entries(add)) {
    const given = base[policy];
    if (typeof given === "string") base[policy] = { enforcementLevel: given, ...values };
    else if (isObject(given)) base[policy] = { ...values, ...given };
    else base[policy] = values;
  }
  return base;
}
