import type { Policy } from "@pulumi/policy";
import { evaluatePolicies } from "../../src/plan/policies";
import type { PlanResource, PlanViolation } from "../../src/plan/types";

export const urnOf = (type: string, name: string) => `urn:pulumi:test::platform::${type}::${name}`;

/** A planned resource for policy tests. */
export function res(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: { region?: string; propertyDependencies?: Record<string, string[]>; id?: string } = {},
): PlanResource {
  return {
    urn: urnOf(type, name),
    type,
    name,
    custom: true,
    operation: "register",
    region: extra.region ?? "us-east-1",
    ...(extra.id ? { id: extra.id } : {}),
    inputs,
    options: {
      dependsOn: Object.values(extra.propertyDependencies ?? {}).flat(),
      protect: false,
      ignoreChanges: [],
      retainOnDelete: false,
      deleteBeforeReplace: false,
      propertyDependencies: extra.propertyDependencies ?? {},
      aliases: [],
    },
  };
}

/** Runs one policy, as the offline plan does, on the resources; the stack region is us-east-1. */
export function check(
  policy: Policy,
  resources: PlanResource[],
  region = "us-east-1",
): Promise<PlanViolation[]> {
  return evaluatePolicies(
    resources,
    [{ name: "test", version: "0.0.0", enforcementLevel: "mandatory", policies: [policy] }],
    { region },
  );
}
