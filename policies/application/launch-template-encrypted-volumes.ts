import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { isTrue } from "../lib/values";

/**
 * Every EBS volume a launch template defines is encrypted.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_8; cdk-nag EC26.
 */
export const launchTemplateEncryptedVolumes: ResourceValidationPolicy = {
  name: "application-launch-template-encrypted-volumes",
  description: "Launch templates must encrypt every EBS volume they define.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.ec2.LaunchTemplate, (lt, _args, reportViolation) => {
    const mappings = lt.blockDeviceMappings ?? [];
    if (mappings.length === 0) {
      reportViolation(
        "Launch template defines no block device mapping: the AMI's root volume would be used unencrypted unless the account encrypts by default; define it with ebs.encrypted = true.",
      );
    }
    for (const m of mappings) {
      if (m.ebs && !isTrue(m.ebs.encrypted)) {
        reportViolation(
          `Launch template volume ${m.deviceName ?? "(no device name)"} is not encrypted: set ebs.encrypted = true.`,
        );
      }
    }
  }),
};
