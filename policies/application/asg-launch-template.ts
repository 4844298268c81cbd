import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Auto Scaling groups launch from launch templates: launch configurations are no longer available
 * to new accounts, and they cannot express IMDSv2, gp3 or mixed instances.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_315.
 */
export const asgLaunchTemplate: ResourceValidationPolicy = {
  name: "application-asg-launch-template",
  description: "Auto Scaling groups must use a launch template, never a launch configuration.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.autoscaling.Group, (group, _args, reportViolation) => {
    if (group.launchConfiguration) {
      reportViolation(
        "Auto Scaling group uses a launch configuration: use a launch template (launchTemplate or mixedInstancesPolicy.launchTemplate).",
      );
    } else if (!group.launchTemplate && !group.mixedInstancesPolicy?.launchTemplate) {
      reportViolation(
        "Auto Scaling group names no launch template: set launchTemplate or mixedInstancesPolicy.launchTemplate.",
      );
    }
  }),
};
