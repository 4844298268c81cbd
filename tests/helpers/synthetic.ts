/**
 * Small synthetic plans in the documented format, for tests of tools that read plans (cost
 * estimate, policy report, deployment export) without planning a program.
 */
import type { PlanResource, PlanViolation, StackPlan } from "../../src/plan/types";

export interface SyntheticResource {
  type: string;
  name: string;
  /** The parent's name (a resource of this plan); the root stack when absent. */
  parent?: string;
  inputs?: Record<string, unknown>;
  custom?: boolean;
  id?: string;
  operation?: "register" | "read";
  region?: string;
  protect?: boolean;
  dependsOn?: string[];
  provider?: string;
}

/** A plan of the given resources under a root stack; URNs follow the mock runtime's scheme. */
export function syntheticPlan(
  stack: string,
  resources: readonly SyntheticResource[],
  opts: { region?: string; role?: string; violations?: PlanViolation[]; project?: string } = {},
): StackPlan {
  const project = opts.project ?? "platform";
  const region = opts.region ?? stack;
  const rootUrn = `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
  const urnOf = new Map<string, string>();
  const typeOf = new Map<string, string>();
  for (const r of resources) typeOf.set(r.name, r.type);
  const urn = (r: SyntheticResource): string => {
    const parentType = r.parent ? typeOf.get(r.parent)! : "pulumi:pulumi:Stack";
    return `urn:pulumi:${stack}::${project}::${parentType}$${r.type}::${r.name}`;
  };
  for (const r of resources) urnOf.set(r.name, urn(r));
  const root: PlanResource = {
    urn: rootUrn,
    type: "pulumi:pulumi:Stack",
    name: `${project}-${stack}`,
    custom: false,
    operation: "register",
    region,
    inputs: {},
    options: options(),
  };
  const planned: PlanResource[] = resources.map((r) => {
    const custom = r.custom ?? !r.type.startsWith("platform:");
    return {
      urn: urnOf.get(r.name)!,
      type: r.type,
      name: r.name,
      custom,
      operation: r.operation ?? "register",
      parent: r.parent ? urnOf.get(r.parent)! : rootUrn,
      ...(r.provider ? { provider: r.provider } : {}),
      region: r.region ?? region,
      ...(custom ? { id: r.id ?? `${r.name}-id` } : {}),
      inputs: r.inputs ?? {},
      options: options({
        protect: r.protect ?? false,
        dependsOn: (r.dependsOn ?? []).map((n) => urnOf.get(n)!),
      }),
    };
  });
  return {
    formatVersion: 1,
    stack,
    project,
    region,
    config: { "aws:region": region, ...(opts.role ? { "platform:role": opts.role } : {}) },
    resources: [root, ...planned],
    outputs: {},
    policies: { packs: [{ name: "platform", version: "0.1.0" }], violations: opts.violations ?? [] },
  };
}

function options(over: Partial<PlanResource["options"]> = {}): PlanResource["options"] {
  return {
    dependsOn: [],
    protect: false,
    ignoreChanges: [],
    retainOnDelete: false,
    deleteBeforeReplace: false,
    propertyDependencies: {},
    aliases: [],
    ...over,
  };
}

/** The URN of a resource of a plan, by name. */
export const urnOf = (plan: StackPlan, name: string): string => {
  const r = plan.resources.find((x) => x.name === name);
  if (!r) throw new Error(`no resource ${name} in ${plan.stack}`);
  return r.urn;
};
