import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";

/**
 * The Aurora clusters of the stack that are secondaries of a global database: they join a global
 * cluster that this stack does not create (the stack that creates it owns the writer's cluster).
 */
export function globalSecondaryClusters(resources: readonly PolicyResource[]): PolicyResource[] {
  const globals = resources.filter((r) => r.isType(aws.rds.GlobalCluster));
  const joinsLocalGlobal = (c: PolicyResource) =>
    (c.propertyDependencies.globalClusterIdentifier ?? []).some((d) => d.isType(aws.rds.GlobalCluster)) ||
    globals.some((g) => g.props.globalClusterIdentifier === c.props.globalClusterIdentifier);
  return resources.filter(
    (r) => r.isType(aws.rds.Cluster) && r.props.globalClusterIdentifier && !joinsLocalGlobal(r),
  );
}

/** Whether `r`'s input `prop` came from `target`, or holds `value` when it is known. */
export function refersTo(r: PolicyResource, prop: string, target: PolicyResource, value?: unknown): boolean {
  if ((r.propertyDependencies[prop] ?? []).some((d) => d.urn === target.urn)) return true;
  return value !== undefined && r.props[prop] === value;
}

/**
 * No Application Auto Scaling target on the reader count of a global database's secondary
 * cluster: Aurora Auto Scaling is not supported there (Aurora User Guide, "Amazon Aurora Auto
 * Scaling with Aurora Replicas"; the scaling activities fail, and after a switchover they would
 * fight the new writer's cluster). Only the writer's cluster scales its readers; a secondary runs
 * a fixed count.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const auroraAutoscalingSecondary: StackValidationPolicy = {
  name: "preflight-aurora-autoscaling-secondary",
  description:
    "Aurora Auto Scaling targets only the writer's cluster, never a global database's secondary cluster.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const secondaries = globalSecondaryClusters(args.resources);
    for (const t of args.resources.filter(
      (r) => r.isType(aws.appautoscaling.Target) && r.props.serviceNamespace === "rds",
    )) {
      const cluster = secondaries.find((c) =>
        refersTo(
          t,
          "resourceId",
          c,
          c.props.clusterIdentifier ? `cluster:${String(c.props.clusterIdentifier)}` : undefined,
        ),
      );
      if (cluster) {
        reportViolation(
          `Auto Scaling target "${t.name}" scales the readers of "${cluster.name}", a secondary cluster of a global ` +
            `database: Aurora Auto Scaling is not supported there; give the secondary a fixed reader count and scale ` +
            `only the writer's cluster.`,
          t.urn,
        );
      }
    }
  },
};
