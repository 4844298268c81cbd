import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";

/**
 * An Auto Scaling group that can scale (minSize below maxSize) lists `desiredCapacity` in its
 * `ignoreChanges`: scaling policies and scheduled actions change the desired capacity in AWS, and
 * without the option every `pulumi up` resets it to the program's value, scaling a loaded group
 * back in (Pulumi AWS provider docs for aws.autoscaling.Group recommend ignoring it).
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const asgIgnoreDesiredCapacity: ResourceValidationPolicy = {
  name: "application-asg-ignore-desired-capacity",
  description: "Auto Scaling groups that can scale must list desiredCapacity in ignoreChanges.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!args.isType(aws.autoscaling.Group)) return;
    const { minSize, maxSize } = args.props as { minSize?: unknown; maxSize?: unknown };
    if (typeof minSize === "number" && typeof maxSize === "number" && minSize === maxSize) return;
    if (!(args.opts.ignoreChanges ?? []).includes("desiredCapacity")) {
      reportViolation(
        'The group scales, but desiredCapacity is not in ignoreChanges: every update would reset the capacity scaling set; add ignoreChanges: ["desiredCapacity"].',
      );
    }
  },
};
