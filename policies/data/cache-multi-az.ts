import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isTrue } from "../lib/values";

/**
 * ElastiCache replication groups run Multi-AZ with automatic failover, so losing the primary's
 * zone promotes a replica in another one. The provider defaults both `multiAzEnabled` and
 * `automaticFailoverEnabled` to false, and Multi-AZ requires automatic failover (provider docs,
 * `elasticache.ReplicationGroup` `multiAzEnabled`: "If true, automaticFailoverEnabled must also
 * be enabled") and a replica to fail over to, so a group of one node per shard fails too.
 * Global datastore secondaries set both themselves (they are not inherited).
 *
 * Catalogue counterparts (policies/catalog.ts): checkov none; cdk-nag AEC4.
 */
export const cacheMultiAz: ResourceValidationPolicy = {
  name: "data-cache-multi-az",
  description:
    "ElastiCache replication groups must enable Multi-AZ and automatic failover, with a replica in every shard.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!args.isType(aws.elasticache.ReplicationGroup)) return;
    const p = args.props as {
      multiAzEnabled?: unknown;
      automaticFailoverEnabled?: unknown;
      numCacheClusters?: unknown;
      replicasPerNodeGroup?: unknown;
    };
    if (!isTrue(p.multiAzEnabled))
      reportViolation(
        `Replication group is not Multi-AZ (multiAzEnabled = ${JSON.stringify(p.multiAzEnabled)}): set it to true.`,
      );
    if (!isTrue(p.automaticFailoverEnabled))
      reportViolation(
        `Replication group does not fail over automatically (automaticFailoverEnabled = ${JSON.stringify(p.automaticFailoverEnabled)}): set it to true.`,
      );
    const single =
      (typeof p.numCacheClusters === "number" && p.numCacheClusters < 2) ||
      (typeof p.replicasPerNodeGroup === "number" && p.replicasPerNodeGroup < 1);
    if (single)
      reportViolation(
        "Replication group has no replica to fail over to (numCacheClusters below 2, or replicasPerNodeGroup 0): give every shard at least one replica.",
      );
  },
};
