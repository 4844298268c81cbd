import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { asArray, asObject, tagValue } from "../lib/values";
import { TAG } from "../../src/conventions";

export interface InstanceTypeAllowlistConfig {
  /** Allowed instance families per tier (`platform:tier-name` tag); "*" for every other tier. */
  allowedFamilies: Record<string, string[]>;
  /** Allowed sizes (the part after the dot: "large", "2xlarge") per tier; "*" for every other tier. */
  allowedSizes: Record<string, string[]>;
}

const GENERAL = ["m5", "m6i", "m7i", "m6g", "m7g", "c5", "c6i", "c7i", "c6g", "c7g"];
const SIZES = ["medium", "large", "xlarge", "2xlarge"];

/**
 * The instance types a tier may launch, by family and by size, per tier (configurable): keeps tiers
 * on current-generation general-purpose and compute families, and a family that is allowed does
 * not open every size of it (an m7i.48xlarge costs 96 m7i.large), unless someone decides otherwise.
 * Checks launch templates and the overrides of mixed instances policies.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const instanceTypeAllowlist: StackValidationPolicy = {
  name: "cost-instance-type-allowlist",
  description:
    "Launch templates and Auto Scaling groups may use only the instance families and sizes allowed for their tier.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowedFamilies: {
        type: "object",
        additionalProperties: { type: "array", items: { type: "string" } },
        default: { "*": GENERAL, web: GENERAL, app: [...GENERAL, "r6i", "r7i", "r6g", "r7g"] },
      },
      allowedSizes: {
        type: "object",
        additionalProperties: { type: "array", items: { type: "string" } },
        default: { "*": SIZES },
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const { allowedFamilies, allowedSizes } = args.getConfig<InstanceTypeAllowlistConfig>();
    const check = (r: PolicyResource, types: string[]) => {
      const tier = tagValue(r.props, TAG.tierName) ?? "*";
      const allowed = allowedFamilies[tier] ?? allowedFamilies["*"] ?? [];
      const sizes = allowedSizes[tier] ?? allowedSizes["*"] ?? [];
      for (const type of types) {
        const [family, size = ""] = type.split(".");
        if (!allowed.includes(family)) {
          reportViolation(
            `"${r.name}" (tier ${tier}) uses instance type ${type}: allowed families for that tier are ${allowed.join(", ")} (policy config allowedFamilies).`,
            r.urn,
          );
        } else if (!sizes.includes(size)) {
          reportViolation(
            `"${r.name}" (tier ${tier}) uses instance type ${type}: allowed sizes for that tier are ${sizes.join(", ")} (policy config allowedSizes).`,
            r.urn,
          );
        }
      }
    };
    for (const lt of args.resources.filter((r) => r.isType(aws.ec2.LaunchTemplate))) {
      if (typeof lt.props.instanceType === "string") check(lt, [lt.props.instanceType]);
    }
    for (const g of args.resources.filter((r) => r.isType(aws.autoscaling.Group))) {
      const overrides = asArray(asObject(asObject(g.props.mixedInstancesPolicy).launchTemplate).overrides);
      check(
        g,
        overrides.map((o) => o.instanceType).filter((t): t is string => typeof t === "string"),
      );
    }
  },
};
