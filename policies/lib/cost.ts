/**
 * The offline cost estimate (src/cost/, docs/cost.md) of the stack a stack policy is looking at,
 * from the policy's own view of the resources: the same pricing functions and price snapshot as
 * `npm run plan`, so a cost rule judges the figure the plan summary shows.
 */
import type { PolicyResource } from "@pulumi/policy";
import { estimateStack, type CostEstimate } from "../../src/cost/estimate";
import type { PlanResource, StackPlan } from "../../src/plan/types";

const ROOT = "pulumi:pulumi:Stack";

/** The stack's name: the `<stack>` of `urn:pulumi:<stack>::<project>::...`. */
export function stackNameOf(resources: readonly PolicyResource[]): string {
  const urn = resources.find((r) => r.type === ROOT)?.urn ?? resources[0]?.urn ?? "";
  return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1] ?? "";
}

/**
 * The stack's region: the one most resources name (every component passes `region` to each
 * child, the house rule tests/program/shape.test.ts checks).
 */
export function stackRegionOf(resources: readonly PolicyResource[]): string {
  const counts = new Map<string, number>();
  for (const r of resources) {
    const region: unknown = r.props.region;
    if (typeof region === "string" && region !== "") counts.set(region, (counts.get(region) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? "";
}

/** A policy resource as a plan resource (what the pricing functions read). */
function planResourceOf(r: PolicyResource, region: string): PlanResource {
  const own: unknown = r.props.region;
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    // Components are this program's own types (platform:<module>:<Name>), custom resources a
    // provider's; the policy SDK does not say which is which.
    custom: r.type !== ROOT && !r.type.startsWith("platform:"),
    operation: "register",
    ...(r.parent ? { parent: r.parent.urn } : {}),
    region: typeof own === "string" && own !== "" ? own : region,
    inputs: r.props as Record<string, unknown>,
    options: {
      dependsOn: [],
      protect: false,
      ignoreChanges: [],
      retainOnDelete: false,
      deleteBeforeReplace: false,
      propertyDependencies: {},
      aliases: [],
    },
  };
}

/**
 * The estimate of the stack whose resources a stack policy sees, at the stack's region's prices.
 * Settings inherited from another stack (a global datastore secondary's node type) are not
 * visible here: those items are listed as not estimated, as in a plan estimated without peers.
 */
export function estimateOfStack(resources: readonly PolicyResource[]): CostEstimate {
  const region = stackRegionOf(resources);
  const plan: StackPlan = {
    formatVersion: 0,
    stack: stackNameOf(resources),
    project: "",
    region,
    config: {},
    resources: resources.map((r) => planResourceOf(r, region)),
    outputs: {},
    policies: { packs: [], violations: [] },
  };
  return estimateStack(plan);
}

/** "x in eu-west-1, y in eu-west-1": the prices an incomplete estimate lacks. */
export const missingPricesText = (e: CostEstimate): string =>
  e.missingPrices.map((m) => `"${m.priceKey}" in ${m.region}`).join(", ");

export const usd = (n: number): string =>
  `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
