/** Which catalogue rules judge which resource types of the plans (policies/coverage.ts), for the docs and the tests. */
import { CDK_NAG_RULES, TERRAFORM_TYPES } from "../../policies/coverage";
import type { Catalogues } from "./catalogues";

/** The catalogue rules that judge any of the given Pulumi types: ID to the types it judges. */
export function applicableRules(types: readonly string[], catalogues: Catalogues): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (id: string, type: string) => out.set(id, [...(out.get(id) ?? []), type]);
  for (const type of [...types].sort()) {
    const tf = TERRAFORM_TYPES[type];
    if (tf) for (const c of catalogues.checkov.values()) if (c.resourceTypes.includes(tf)) add(c.id, type);
    for (const id of CDK_NAG_RULES[type] ?? []) add(id, type);
  }
  return out;
}
