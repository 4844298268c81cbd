import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Caches encrypt in transit and require authentication. Secondaries of a global datastore inherit
 * both from the primary.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_30, CKV_AWS_31; cdk-nag AEC3, AEC6.
 */
export const cacheTransitAuth: ResourceValidationPolicy = {
  name: "data-cache-transit-auth",
  description:
    "ElastiCache replication groups must encrypt in transit and require AUTH or an RBAC user group.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(
    aws.elasticache.ReplicationGroup,
    (group, args, reportViolation) => {
      if (group.globalReplicationGroupId)
        args.notApplicable("a global datastore secondary inherits these settings");
      if (group.transitEncryptionEnabled !== true)
        reportViolation(
          "Replication group does not encrypt in transit: set transitEncryptionEnabled = true.",
        );
      if (!group.authToken && (group.userGroupIds ?? []).length === 0) {
        reportViolation(
          "Replication group requires no authentication: set an authToken (from Secrets Manager) or an RBAC user group.",
        );
      }
    },
  ),
};
