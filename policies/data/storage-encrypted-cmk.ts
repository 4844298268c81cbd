import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isTrue } from "../lib/values";

/**
 * Data at rest is encrypted with a customer-managed KMS key: Aurora clusters (and so their
 * snapshots), global clusters, ElastiCache primaries (secondaries inherit encryption) and Secrets
 * Manager secrets.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_96, CKV_AWS_327, CKV_AWS_140,
 * CKV_AWS_29, CKV_AWS_191, CKV_AWS_149; cdk-nag RDS2, AEC3.
 */
export const storageEncryptedCmk: ResourceValidationPolicy = {
  name: "data-storage-encrypted-cmk",
  description: "Databases, caches and secrets must be encrypted with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const p = args.props;
    if (args.isType(aws.rds.Cluster)) {
      if (p.storageEncrypted !== true)
        reportViolation("Aurora cluster storage is not encrypted: set storageEncrypted = true.");
      if (!p.kmsKeyId)
        reportViolation(
          "Aurora cluster uses the AWS-managed key: set kmsKeyId to a customer-managed key of its region.",
        );
    } else if (args.isType(aws.rds.GlobalCluster)) {
      if (p.storageEncrypted !== true && !p.sourceDbClusterIdentifier)
        reportViolation("Global cluster storage is not encrypted: set storageEncrypted = true.");
    } else if (args.isType(aws.elasticache.ReplicationGroup)) {
      if (p.globalReplicationGroupId) return; // a secondary inherits encryption from the primary
      if (!isTrue(p.atRestEncryptionEnabled))
        reportViolation("Replication group is not encrypted at rest: set atRestEncryptionEnabled = true.");
      if (!p.kmsKeyId)
        reportViolation(
          "Replication group uses the AWS-managed key: set kmsKeyId to a customer-managed key of its region.",
        );
    } else if (args.isType(aws.secretsmanager.Secret)) {
      if (!p.kmsKeyId)
        reportViolation(
          "Secret uses the AWS-managed key: set kmsKeyId to a customer-managed key of its region.",
        );
    }
  },
};
