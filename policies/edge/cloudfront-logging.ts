import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * CloudFront distributions log requests.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_86; cdk-nag CFR3.
 */
export const cloudfrontLogging: ResourceValidationPolicy = {
  name: "edge-cloudfront-logging",
  description: "CloudFront distributions must have standard access logging.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (d, _args, reportViolation) => {
    if (!d.loggingConfig?.bucket)
      reportViolation(
        "Distribution does not log requests: set loggingConfig.bucket to a log bucket with ACLs enabled.",
      );
  }),
};
