import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { TAG } from "../../src/conventions";
import { regionOf } from "../lib/aws";
import { tagValue } from "../lib/values";

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
 * cluster: "Aurora global databases currently don't support Aurora Auto Scaling for secondary DB
 * clusters" (Aurora User Guide, "Using Amazon Aurora Auto Scaling with Aurora replicas"). Only the
 * writer's cluster scales its readers; a secondary runs a fixed count. The writer is where
 * `platform:failover.writerRegion` puts it, not always in the stack that creates the global
 * cluster, so a target declares the writer region it was planned with (tag
 * `platform:writer-region`, {@link TAG.writerRegion}) and:
 * - a target whose declared writer region is not its own region fires, whichever cluster it scales;
 * - a target on a cluster that joins a global cluster this stack does not create fires unless it
 *   declares its own region as the writer region (the writer was moved into this region).
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
      const region = regionOf(t.props, t.provider);
      const declared = tagValue(t.props, TAG.writerRegion);
      if (declared !== undefined && region !== undefined && declared !== region) {
        reportViolation(
          `Auto Scaling target "${t.name}" is in ${region} but declares the writer in ${declared} ` +
            `(tag ${TAG.writerRegion}): Aurora Auto Scaling is not supported on a global database's secondary ` +
            `cluster; register the target only in the stack of the writer region.`,
          t.urn,
        );
        continue;
      }
      const cluster = secondaries.find((c) =>
        refersTo(
          t,
          "resourceId",
          c,
          c.props.clusterIdentifier ? `cluster:${String(c.props.clusterIdentifier)}` : undefined,
        ),
      );
      if (cluster && declared !== region) {
        reportViolation(
          `Auto Scaling target "${t.name}" scales the readers of "${cluster.name}", a secondary cluster of a global ` +
            `database: Aurora Auto Scaling is not supported there; give the secondary a fixed reader count and scale ` +
            `only the writer's cluster (a target on a member that holds the writer declares it with the tag ` +
            `${TAG.writerRegion} = its region).`,
          t.urn,
        );
      }
    }
  },
};
