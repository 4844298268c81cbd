import * as aws from "@pulumi/aws";
import type { StackValidationPolicy } from "@pulumi/policy";

/**
 * Every web ACL logs: a logging configuration points at it.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_176.
 */
export const wafLogging: StackValidationPolicy = {
  name: "edge-waf-logging",
  description: "Web ACLs must have a logging configuration.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const configs = args.resources.filter((r) => r.isType(aws.wafv2.WebAclLoggingConfiguration));
    for (const acl of args.resources.filter((r) => r.isType(aws.wafv2.WebAcl))) {
      const logged = configs.some((c) =>
        (c.propertyDependencies.resourceArn ?? []).some((d) => d.urn === acl.urn),
      );
      if (!logged)
        reportViolation(
          `Web ACL "${acl.name}" does not log: add an aws.wafv2.WebAclLoggingConfiguration for it.`,
          acl.urn,
        );
    }
  },
};
