import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Performance Insights data (which holds query text) is encrypted with a customer-managed key:
 * a cluster instance or cluster that enables Performance Insights names
 * `performanceInsightsKmsKeyId`; without it RDS uses the AWS-managed `aws/rds` key.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_354; cdk-nag none.
 */
export const performanceInsightsCmk: ResourceValidationPolicy = {
  name: "data-performance-insights-cmk",
  description: "Performance Insights must be encrypted with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!args.isType(aws.rds.ClusterInstance) && !args.isType(aws.rds.Cluster)) return;
    const p = args.props as { performanceInsightsEnabled?: unknown; performanceInsightsKmsKeyId?: unknown };
    if (p.performanceInsightsEnabled === true && !p.performanceInsightsKmsKeyId) {
      reportViolation(
        "Performance Insights is on with the AWS-managed key: set performanceInsightsKmsKeyId to the region's data key.",
      );
    }
  },
};
