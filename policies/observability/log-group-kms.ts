import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Every CloudWatch log group is encrypted with a customer-managed KMS key (`kmsKeyId`), like the
 * region's logs key (stacks/foundation.ts), whose policy lets `logs.<region>.amazonaws.com` use it
 * for this account's log groups only. Without one, CloudWatch Logs uses its own key, which the
 * account can neither restrict nor audit.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_158; cdk-nag none.
 */
export const observabilityLogGroupKms: ResourceValidationPolicy = {
  name: "observability-log-group-kms",
  description: "CloudWatch log groups must be encrypted with a customer-managed KMS key (kmsKeyId).",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.cloudwatch.LogGroup, (group, _args, reportViolation) => {
    const key = group.kmsKeyId;
    if (typeof key !== "string" || key === "") {
      reportViolation(
        "The log group has no kmsKeyId, so CloudWatch Logs encrypts it with a key the account does not control: set kmsKeyId to the region's logs key.",
      );
    }
  }),
};
