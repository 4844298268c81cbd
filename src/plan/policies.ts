/**
 * Evaluates CrossGuard policy packs on planned resources, the way the Pulumi CLI's analyzer
 * calls them: resource policies once per resource with its inputs, stack policies once with
 * every resource, policy config parsed, reconciled with each policy's defaults and validated as
 * the CLI does (`policy-config.ts`), `disabled` skipped, `remediate` reported as mandatory.
 */
import type {
  PolicyResource,
  PolicyProviderResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyPackDefinition } from "../../policies/pack";
import type { PlanResource, PlanViolation } from "./types";
import { getPulumiType } from "./sdk-internals";
import { providerUrn } from "./values";
import { parsePolicyConfig, resolvePolicyConfig } from "./policy-config";

/** A resource as the policy engine needs it. */
export type PolicyInput = PlanResource;

export interface PolicyContext {
  /** The stack's default region, as the default AWS provider's `region`. */
  readonly region: string;
  /**
   * Policy config in the Pulumi CLI's `--policy-pack-config` format (JSON-decoded): by policy
   * name, an enforcement level or an object with `enforcementLevel` and the policy's own
   * parameters; `all` sets every policy's level. Invalid config throws a PolicyConfigError.
   * @default none
   */
  readonly config?: unknown;
}

class NotApplicable extends Error {}

const isType = (type: string) => (cls: unknown) => getPulumiType(cls) === type;

/** The provider a policy sees for a resource: its explicit one, else the default AWS provider of the stack's region. */
export function providerOf(
  r: PolicyInput,
  byUrn: Map<string, PolicyInput>,
  ctx: PolicyContext,
): PolicyProviderResource {
  if (r.provider) {
    const p = byUrn.get(providerUrn(r.provider));
    if (p) return { type: p.type, props: p.inputs, urn: p.urn, name: p.name };
  }
  const urn = "urn:pulumi:offline::platform::pulumi:providers:aws::default";
  return { type: "pulumi:providers:aws", props: { region: ctx.region }, urn, name: "default" };
}

/** The resource options a policy sees (@pulumi/policy `PolicyResourceOptions`). */
export function optsOf(r: PolicyInput) {
  return {
    protect: r.options.protect,
    ignoreChanges: r.options.ignoreChanges,
    deleteBeforeReplace: r.options.deleteBeforeReplace,
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(r.parent ? { parent: r.parent } : {}),
  };
}

/** Runs every pack on the resources and returns the violations, in pack, policy, resource order. */
export async function evaluatePolicies(
  resources: readonly PolicyInput[],
  packs: readonly PolicyPackDefinition[],
  ctx: PolicyContext,
): Promise<PlanViolation[]> {
  const violations: PlanViolation[] = [];
  const managed = resources.filter((r) => r.operation === "register");
  const byUrn = new Map(resources.map((r) => [r.urn, r]));

  // Stack-policy view of the resources, with dependencies linked.
  const views = new Map<string, PolicyResource>();
  for (const r of managed) {
    views.set(r.urn, {
      type: r.type,
      props: r.inputs,
      urn: r.urn,
      name: r.name,
      opts: optsOf(r),
      provider: providerOf(r, byUrn, ctx),
      dependencies: [],
      propertyDependencies: {},
      isType: isType(r.type),
      asType: ((cls: unknown) =>
        getPulumiType(cls) === r.type ? r.inputs : undefined) as PolicyResource["asType"],
    });
  }
  for (const r of managed) {
    const v = views.get(r.urn)!;
    v.dependencies.push(...r.options.dependsOn.flatMap((u) => views.get(u) ?? []));
    for (const [k, urns] of Object.entries(r.options.propertyDependencies)) {
      v.propertyDependencies[k] = urns.flatMap((u) => views.get(u) ?? []);
    }
    if (r.parent && views.has(r.parent)) v.parent = views.get(r.parent);
  }
  const stackResources = [...views.values()];
  const parsed = parsePolicyConfig(ctx.config);

  for (const pack of packs) {
    const resolved = resolvePolicyConfig(pack, parsed);
    for (const policy of pack.policies) {
      const { enforcementLevel: level, properties: config } = resolved.get(policy.name)!;
      if (level === "disabled") continue;
      const enforcement = level === "remediate" ? "mandatory" : level;
      const report = (defaultUrn: string) => (message: string, urn?: string) =>
        violations.push({
          pack: pack.name,
          policy: policy.name,
          enforcement,
          urn: urn ?? defaultUrn,
          message,
          ...(policy.severity ? { severity: policy.severity } : {}),
          ...(policy.remediationSteps ? { remediation: policy.remediationSteps } : {}),
        });
      const notApplicable = (reason?: string): never => {
        throw new NotApplicable(reason);
      };

      const rp = policy as ResourceValidationPolicy;
      if (rp.validateResource) {
        const validations = Array.isArray(rp.validateResource) ? rp.validateResource : [rp.validateResource];
        for (const validate of validations) {
          const only = getPulumiType(validate);
          for (const r of managed) {
            if (only !== undefined && only !== r.type) continue;
            const args: ResourceValidationArgs = {
              type: r.type,
              props: r.inputs,
              urn: r.urn,
              name: r.name,
              opts: optsOf(r),
              provider: providerOf(r, byUrn, ctx),
              stackTags: new Map(),
              isType: isType(r.type),
              asType: ((cls: unknown) =>
                getPulumiType(cls) === r.type ? r.inputs : undefined) as ResourceValidationArgs["asType"],
              getConfig: <T extends object>() => config as T,
              notApplicable,
            };
            try {
              await validate(args, report(r.urn));
            } catch (e) {
              if (!(e instanceof NotApplicable)) throw e;
            }
          }
        }
      }
      const sp = policy as StackValidationPolicy;
      if (sp.validateStack) {
        const stackUrn = resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? "";
        try {
          await sp.validateStack(
            {
              resources: stackResources,
              stackTags: new Map(),
              getConfig: <T extends object>() => config as T,
              notApplicable,
            },
            report(stackUrn),
          );
        } catch (e) {
          if (!(e instanceof NotApplicable)) throw e;
        }
      }
    }
  }
  return violations;
}
