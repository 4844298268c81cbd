import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Every CloudFront distribution is protected by a web ACL.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_68; cdk-nag CFR2.
 */
export const cloudfrontWaf: ResourceValidationPolicy = {
  name: "edge-cloudfront-waf",
  description: "CloudFront distributions must be associated with a WAF web ACL.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (d, _args, reportViolation) => {
    if (!d.webAclId)
      reportViolation("Distribution has no web ACL: set webAclId to a CLOUDFRONT-scope WAFv2 web ACL.");
  }),
};
