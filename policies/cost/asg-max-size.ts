import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

export interface AsgMaxSizeConfig {
  /** The largest maxSize any Auto Scaling group may have. */
  maxSizeCeiling: number;
}

/**
 * A ceiling on every Auto Scaling group's maxSize (configurable): a runaway scale-out has a cost limit.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const asgMaxSize: ResourceValidationPolicy = {
  name: "cost-asg-max-size",
  description: "Auto Scaling groups must not allow more instances than the configured ceiling.",
  enforcementLevel: "mandatory",
  configSchema: { properties: { maxSizeCeiling: { type: "integer", minimum: 1, default: 20 } } },
  validateResource: validateResourceOfType(aws.autoscaling.Group, (group, args, reportViolation) => {
    const { maxSizeCeiling } = args.getConfig<AsgMaxSizeConfig>();
    if (group.maxSize > maxSizeCeiling) {
      reportViolation(
        `Auto Scaling group maxSize is ${group.maxSize}: the ceiling is ${maxSizeCeiling} (policy config maxSizeCeiling).`,
      );
    }
  }),
};
