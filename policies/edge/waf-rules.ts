import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Every web ACL has a rate-based rule and AWS's common rule set.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_175.
 */
export const wafRules: ResourceValidationPolicy = {
  name: "edge-waf-rules",
  description: "Web ACLs must contain a rate-based rule and the AWSManagedRulesCommonRuleSet.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.wafv2.WebAcl, (acl, _args, reportViolation) => {
    const rules = acl.rules ?? [];
    if (!rules.some((r) => r.statement?.rateBasedStatement)) {
      reportViolation(
        "Web ACL has no rate-based rule: add one that blocks a client IP above a request rate.",
      );
    }
    if (!rules.some((r) => r.statement?.managedRuleGroupStatement?.name === "AWSManagedRulesCommonRuleSet")) {
      reportViolation("Web ACL lacks AWSManagedRulesCommonRuleSet: add the AWS managed common rule group.");
    }
  }),
};
