import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { isTrue } from "../lib/values";

/**
 * Instances launched from a template get no public IP address.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_88.
 */
export const launchTemplateNoPublicIp: ResourceValidationPolicy = {
  name: "application-launch-template-no-public-ip",
  description: "Launch templates must not associate public IP addresses.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.ec2.LaunchTemplate, (lt, _args, reportViolation) => {
    (lt.networkInterfaces ?? []).forEach((ni, i) => {
      if (isTrue(ni.associatePublicIpAddress)) {
        reportViolation(
          `Launch template network interface ${ni.deviceIndex ?? i} associates a public IP: set associatePublicIpAddress = false.`,
        );
      }
    });
  }),
};
