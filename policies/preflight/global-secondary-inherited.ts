import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";

/**
 * Settings a global datastore secondary inherits; AWS rejects a secondary that sets them. Its KMS
 * key is not among them: a secondary names its own region's key (terraform-provider-aws
 * `replication_group.go` lists what `global_replication_group_id` conflicts with, and `kms_key_id`
 * is not in that list).
 */
export const CACHE_INHERITED = [
  "engine",
  "engineVersion",
  "nodeType",
  "numNodeGroups",
  "parameterGroupName",
  "atRestEncryptionEnabled",
  "transitEncryptionEnabled",
  "authToken",
] as const;

/**
 * Preflight for global members, as AWS would reject them at apply time:
 * - an Aurora cluster joining a global cluster that this stack does not create is a secondary and
 *   sets no master credentials ("Cannot specify password for cross region replication cluster");
 * - no global member lets RDS manage its master password (not supported for global databases);
 * - an ElastiCache secondary (`globalReplicationGroupId`) sets none of the inherited settings.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const globalSecondaryInherited: StackValidationPolicy = {
  name: "preflight-global-secondary-inherited",
  description:
    "Global secondaries must not set credentials or settings they inherit; global members must not use RDS-managed passwords.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const globals = args.resources.filter((r) => r.isType(aws.rds.GlobalCluster));
    const joinsLocalGlobal = (c: PolicyResource) =>
      (c.propertyDependencies.globalClusterIdentifier ?? []).some((d) => d.isType(aws.rds.GlobalCluster)) ||
      globals.some((g) => g.props.globalClusterIdentifier === c.props.globalClusterIdentifier);
    for (const c of args.resources.filter(
      (r) => r.isType(aws.rds.Cluster) && r.props.globalClusterIdentifier,
    )) {
      if (c.props.manageMasterUserPassword === true) {
        reportViolation(
          `Cluster "${c.name}" lets RDS manage its master password: global database members do not support it; store a generated password in Secrets Manager.`,
          c.urn,
        );
      }
      if (!joinsLocalGlobal(c)) {
        const set = ["masterUsername", "masterPassword"].filter((k) => c.props[k] !== undefined);
        if (set.length > 0) {
          reportViolation(
            `Secondary cluster "${c.name}" sets ${set.join(" and ")}: a global secondary inherits its credentials (AWS: "Cannot specify password for cross region replication cluster").`,
            c.urn,
          );
        }
      }
    }
    for (const g of args.resources.filter(
      (r) => r.isType(aws.elasticache.ReplicationGroup) && r.props.globalReplicationGroupId,
    )) {
      const set = CACHE_INHERITED.filter((k) => g.props[k] !== undefined);
      if (set.length > 0) {
        reportViolation(
          `Global datastore secondary "${g.name}" sets ${set.join(", ")}: these are inherited from the primary and AWS rejects them.`,
          g.urn,
        );
      }
    }
  },
};
