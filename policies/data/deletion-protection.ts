import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Databases cannot be deleted by accident: Aurora clusters and global clusters have deletion
 * protection, and clusters keep a final snapshot.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_139; cdk-nag RDS10.
 */
export const deletionProtection: ResourceValidationPolicy = {
  name: "data-deletion-protection",
  description:
    "Aurora clusters and global clusters must have deletion protection; clusters must keep a final snapshot.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.isType(aws.rds.Cluster) || args.isType(aws.rds.GlobalCluster)) {
      if (args.props.deletionProtection !== true)
        reportViolation("Deletion protection is off: set deletionProtection = true.");
    }
    if (args.isType(aws.rds.Cluster) && args.props.skipFinalSnapshot === true) {
      reportViolation(
        "Cluster skips its final snapshot: set skipFinalSnapshot = false and a finalSnapshotIdentifier.",
      );
    }
  },
};
