import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";

export const MIN_BACKUP_DAYS = 7;

/**
 * Backups are kept at least 7 days: Aurora backups and cache snapshots.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_133, CKV_AWS_134.
 */
export const backupRetention: ResourceValidationPolicy = {
  name: "data-backup-retention",
  description: "Aurora clusters and ElastiCache replication groups must keep backups at least 7 days.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.isType(aws.rds.Cluster)) {
      const days = Number(args.props.backupRetentionPeriod ?? 1);
      if (days < MIN_BACKUP_DAYS)
        reportViolation(
          `Cluster keeps backups ${days} days: expected at least ${MIN_BACKUP_DAYS} (backupRetentionPeriod).`,
        );
    } else if (args.isType(aws.elasticache.ReplicationGroup)) {
      const days = Number(args.props.snapshotRetentionLimit ?? 0);
      if (days < MIN_BACKUP_DAYS)
        reportViolation(
          `Replication group keeps snapshots ${days} days: expected at least ${MIN_BACKUP_DAYS} (snapshotRetentionLimit).`,
        );
    }
  },
};
