import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Every CloudWatch log group sets a retention period: left out (or 0), CloudWatch Logs keeps the
 * events forever, and so does the bill. The platform's log groups keep a year (flow logs, EKS,
 * Aurora, WAF), set by config where the period is a choice.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_66, CKV_AWS_338; cdk-nag none.
 */
export const observabilityLogGroupRetention: ResourceValidationPolicy = {
  name: "observability-log-group-retention",
  description:
    "CloudWatch log groups must set a retention period (retentionInDays), so logs do not pile up forever.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.cloudwatch.LogGroup, (group, _args, reportViolation) => {
    const days = group.retentionInDays;
    if (typeof days !== "number" || days <= 0) {
      reportViolation(
        `The log group keeps its events forever (retentionInDays = ${JSON.stringify(days) ?? "unset"}): set a retention period CloudWatch Logs offers, e.g. 365.`,
      );
    }
  }),
};
