import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/** Days every log group keeps at least: a year, what an investigation of last year's incident needs. */
export const MIN_LOG_RETENTION_DAYS = 365;

/**
 * Every CloudWatch log group that sets a retention keeps its events at least a year: a retention
 * of a day is present but erases the evidence before anyone looks. (A log group without one keeps
 * everything: observability-log-group-retention refuses that.)
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_338; cdk-nag none.
 */
export const logGroupRetentionFloor: ResourceValidationPolicy = {
  name: "observability-log-group-retention-floor",
  description: `CloudWatch log groups must keep their events at least ${MIN_LOG_RETENTION_DAYS} days.`,
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.cloudwatch.LogGroup, (group, _args, reportViolation) => {
    const days = group.retentionInDays;
    if (typeof days === "number" && days > 0 && days < MIN_LOG_RETENTION_DAYS) {
      reportViolation(
        `The log group keeps its events ${days} days: set retentionInDays to at least ${MIN_LOG_RETENTION_DAYS}.`,
      );
    }
  }),
};
