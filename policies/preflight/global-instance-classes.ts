import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";

/** Instance classes Aurora global databases accept: memory-optimized db.r* and db.x*. */
export const GLOBAL_DB_CLASS = /^db\.(r|x)\d+[a-z]*\.(large|\d*xlarge)$/;
/** Node types global datastores accept: M5, M6g, M7g, R5, R6g, R6gd, R7g, C7gn; large or above. */
export const GLOBAL_CACHE_NODE = /^cache\.(m5|m6g|m7g|r5|r6g|r6gd|r7g|c7gn)\.(large|\d*xlarge)$/;

/**
 * Instance classes and node types of global members are ones AWS allows for global use.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const globalInstanceClasses: StackValidationPolicy = {
  name: "preflight-global-instance-classes",
  description:
    "Members of Aurora global databases and ElastiCache global datastores must use classes AWS allows for global use.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const globalClusters = new Set(
      args.resources
        .filter((r) => r.isType(aws.rds.Cluster) && r.props.globalClusterIdentifier)
        .map((r) => r.urn),
    );
    for (const i of args.resources.filter((r) => r.isType(aws.rds.ClusterInstance))) {
      const cluster = (i.propertyDependencies.clusterIdentifier ?? []).find((d: PolicyResource) =>
        globalClusters.has(d.urn),
      );
      if (cluster && !GLOBAL_DB_CLASS.test(String(i.props.instanceClass))) {
        reportViolation(
          `Instance "${i.name}" of global cluster "${cluster.name}" uses ${String(i.props.instanceClass)}: global databases need a memory-optimized class (db.r*, db.x*), large or above.`,
          i.urn,
        );
      }
    }
    const primaries = new Set(
      args.resources
        .filter((r) => r.isType(aws.elasticache.GlobalReplicationGroup))
        .flatMap((g) => (g.propertyDependencies.primaryReplicationGroupId ?? []).map((d) => d.urn)),
    );
    for (const g of args.resources.filter(
      (r) => r.isType(aws.elasticache.ReplicationGroup) && primaries.has(r.urn),
    )) {
      if (!GLOBAL_CACHE_NODE.test(String(g.props.nodeType))) {
        reportViolation(
          `Global datastore primary "${g.name}" uses ${String(g.props.nodeType)}: expected an M5, M6g, M7g, R5, R6g, R6gd, R7g or C7gn node, large or above.`,
          g.urn,
        );
      }
    }
  },
};
