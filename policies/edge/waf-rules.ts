import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { EXPOSURE, TAG } from "../../src/conventions";
import { tagValue } from "../lib/values";

/**
 * Every web ACL has a rate-based rule and AWS's common rule set. A REGIONAL ACL tagged as
 * protecting a CloudFront origin (`platform:exposure=cloudfront-origin`) needs no rate rule: its
 * load balancer admits only CloudFront, so every source IP is an edge's, and the forwarded
 * client address WAF could read instead (the first of `X-Forwarded-For`) is the client's to forge;
 * the CLOUDFRONT ACL in front of it limits each real client IP.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_175.
 */
export const wafRules: ResourceValidationPolicy = {
  name: "edge-waf-rules",
  description:
    "Web ACLs must contain the AWSManagedRulesCommonRuleSet and a rate-based rule (except a REGIONAL ACL on an origin only CloudFront reaches).",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.wafv2.WebAcl, (acl, _args, reportViolation) => {
    const rules = acl.rules ?? [];
    const behindCloudFront =
      acl.scope === "REGIONAL" && tagValue(acl, TAG.exposure) === EXPOSURE.cloudfrontOrigin;
    if (!behindCloudFront && !rules.some((r) => r.statement?.rateBasedStatement)) {
      reportViolation(
        "Web ACL has no rate-based rule: add one that blocks a client IP above a request rate.",
      );
    }
    if (!rules.some((r) => r.statement?.managedRuleGroupStatement?.name === "AWSManagedRulesCommonRuleSet")) {
      reportViolation("Web ACL lacks AWSManagedRulesCommonRuleSet: add the AWS managed common rule group.");
    }
  }),
};
