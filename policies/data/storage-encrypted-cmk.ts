import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { SECRET_REPLICA_TYPE } from "../../src/conventions";
import { isTrue } from "../lib/values";

/**
 * Data at rest is encrypted with a customer-managed KMS key: Aurora clusters (and so their
 * snapshots), global clusters, ElastiCache members (a secondary inherits encryption at rest but
 * names its own region's key, or falls back to the AWS-managed key) and Secrets Manager secrets
 * and each of their replicas (in a secret's `replicas` block, or a SecretReplica a later stack adds:
 * without a key, ReplicateSecretToRegions uses `aws/secretsmanager`).
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
      // A secondary inherits encryption at rest from the primary, but not the key.
      if (!p.globalReplicationGroupId && !isTrue(p.atRestEncryptionEnabled))
        reportViolation("Replication group is not encrypted at rest: set atRestEncryptionEnabled = true.");
      if (!p.kmsKeyId)
        reportViolation(
          "Replication group uses the AWS-managed key: set kmsKeyId to a customer-managed key of its region.",
        );
    } else if (args.type === SECRET_REPLICA_TYPE) {
      if (!p.kmsKeyArn)
        reportViolation(
          `Secret replica in ${String(p.region)} uses the AWS-managed key: set its kmsKeyArn to a customer-managed key of ${String(p.region)}.`,
        );
    } else if (args.isType(aws.secretsmanager.Secret)) {
      if (!p.kmsKeyId)
        reportViolation(
          "Secret uses the AWS-managed key: set kmsKeyId to a customer-managed key of its region.",
        );
      for (const r of (p.replicas ?? []) as { region?: string; kmsKeyId?: string }[]) {
        if (!r.kmsKeyId)
          reportViolation(
            `Secret replica in ${String(r.region)} uses the AWS-managed key: set its kmsKeyId to a customer-managed key of ${String(r.region)}.`,
          );
      }
    }
  },
};
