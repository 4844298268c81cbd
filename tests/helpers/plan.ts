import type { PlanResource, StackPlan } from "../../src/plan/types";

/** The managed resources of a plan with this type (without the "aws:" prefix). */
export const ofType = (p: StackPlan, type: string): PlanResource[] =>
  p.resources.filter((x) => x.type === `aws:${type}` && x.operation === "register");

/** The one managed resource of this type; throws when there are none or several. */
export function one(p: StackPlan, type: string): PlanResource {
  const all = ofType(p, type);
  if (all.length !== 1) throw new Error(`${p.stack}: ${all.length} ${type}`);
  return all[0];
}
