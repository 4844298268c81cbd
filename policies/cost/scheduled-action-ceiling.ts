import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

export interface ScheduledActionCeilingConfig {
  /** The most instances a scheduled action may ask for (the same ceiling as cost-asg-max-size). */
  maxSizeCeiling: number;
}

/**
 * Scheduled actions within the cost ceiling (configurable): a scheduled action sets the group's
 * maxSize and desiredCapacity when it fires (Auto Scaling API reference, PutScheduledUpdateGroupAction),
 * so a group whose own maxSize passes cost-asg-max-size can still be scaled past the ceiling
 * by its schedule. Judges both values (-1 means "leave unchanged": @pulumi/aws autoscaling.Schedule docs).
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const scheduledActionCeiling: ResourceValidationPolicy = {
  name: "cost-scheduled-action-ceiling",
  description:
    "Scheduled actions must not set an Auto Scaling group's maxSize or desiredCapacity above the cost ceiling.",
  enforcementLevel: "mandatory",
  configSchema: { properties: { maxSizeCeiling: { type: "integer", minimum: 1, default: 20 } } },
  validateResource: validateResourceOfType(aws.autoscaling.Schedule, (action, args, reportViolation) => {
    const { maxSizeCeiling } = args.getConfig<ScheduledActionCeilingConfig>();
    const over = (["maxSize", "desiredCapacity"] as const).filter((k) => {
      const v = action[k];
      return typeof v === "number" && v > maxSizeCeiling;
    });
    if (over.length > 0) {
      reportViolation(
        `Scheduled action "${action.scheduledActionName}" sets ${over.map((k) => `${k} ${action[k]}`).join(" and ")}: the ceiling is ${maxSizeCeiling} (policy config maxSizeCeiling).`,
      );
    }
  }),
};
