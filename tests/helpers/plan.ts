import type { PlanResource, StackPlan } from "../../src/plan/types";
import { realPlans } from "./plans";

/** The managed resources of a plan with this type (without the "aws:" prefix). */
export const ofType = (p: StackPlan, type: string): PlanResource[] =>
  p.resources.filter((x) => x.type === `aws:${type}` && x.operation === "register");

/** The one managed resource of this type; throws when there are none or several. */
export function one(p: StackPlan, type: string): PlanResource {
  const all = ofType(p, type);
  if (all.length !== 1) throw new Error(`${p.stack}: ${all.length} ${type}`);
  return all[0];
}

/** The registered resources of a plan with this full type token (e.g. "aws:sqs/queue:Queue"). */
export const registered = (p: StackPlan, type: string): PlanResource[] =>
  p.resources.filter((r) => r.type === type && r.operation === "register");

/** The registered resource of this type and name; throws, naming both, when there is none. */
export function named(p: StackPlan, type: string, name: string): PlanResource {
  const r = registered(p, type).find((x) => x.name === name);
  if (!r) throw new Error(`${p.stack}: no ${type} named ${name}`);
  return r;
}

/** The two real stacks' plans (planned once per jest run), by stack name. */
export async function plansByStack(): Promise<Record<string, StackPlan>> {
  const [use1, euw1] = await realPlans();
  return { "us-east-1": use1, "eu-west-1": euw1 };
}
