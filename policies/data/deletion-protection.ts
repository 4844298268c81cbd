import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Databases cannot be deleted by accident: Aurora clusters and global clusters have deletion
 * protection, and clusters keep a final snapshot. No Aurora cluster, global cluster or ElastiCache
 * replication group is replaced delete-first (`deleteBeforeReplace`): a replacement must fail at
 * its create step rather than delete the data first (an Aurora global database cannot hold two
 * clusters in one region anyway: Aurora User Guide, "Configuration requirements of an Amazon Aurora
 * global database").
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_139; cdk-nag RDS10.
 */
export const deletionProtection: ResourceValidationPolicy = {
  name: "data-deletion-protection",
  description:
    "Aurora clusters and global clusters must have deletion protection; clusters must keep a final snapshot; no data store is replaced delete-first.",
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
    const stateful =
      args.isType(aws.rds.Cluster) ||
      args.isType(aws.rds.GlobalCluster) ||
      args.isType(aws.elasticache.ReplicationGroup);
    if (stateful && args.opts.deleteBeforeReplace === true) {
      reportViolation(
        "A data store is replaced delete-first (deleteBeforeReplace): its data would be gone before its replacement " +
          "exists; leave deleteBeforeReplace off so that a replacement fails at its create step instead.",
      );
    }
  },
};
