import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { refersTo } from "./aurora-autoscaling-secondary";
import { proxyTargets } from "./proxy-egress-to-target";

/** The instances of the stack that belong to `cluster`. */
export function clusterInstances(
  cluster: PolicyResource,
  resources: readonly PolicyResource[],
): PolicyResource[] {
  return resources.filter(
    (i) =>
      i.isType(aws.rds.ClusterInstance) &&
      refersTo(i, "clusterIdentifier", cluster, cluster.props.clusterIdentifier),
  );
}

/**
 * A cluster behind an RDS Proxy with a READ_ONLY endpoint has at least two instances. RDS Proxy
 * sends that endpoint's requests to reader instances only: "When you create a new endpoint that is
 * read-only, RDS Proxy requires that the Aurora cluster has one or more reader DB instances. [...]
 * If you do [target a cluster with only a writer], any requests to the reader endpoint fail with an
 * error" (RDS Proxy guide, "Using reader endpoints with Aurora clusters"). A cluster of one instance
 * has no reader as soon as that instance is the writer: at once in the writer's region, and in a
 * global database's secondary after a switchover.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const proxyReaderInstances: StackValidationPolicy = {
  name: "preflight-proxy-reader-instances",
  description:
    "A cluster behind an RDS Proxy READ_ONLY endpoint must have at least two instances (a writer and a reader).",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const proxies = args.resources.filter((r) => r.isType(aws.rds.Proxy));
    for (const endpoint of args.resources.filter(
      (r) => r.isType(aws.rds.ProxyEndpoint) && r.props.targetRole === "READ_ONLY",
    )) {
      const proxy = proxies.find((p) => refersTo(endpoint, "dbProxyName", p, p.props.name));
      if (!proxy) continue;
      for (const cluster of proxyTargets(proxy, args.resources)) {
        const count = clusterInstances(cluster, args.resources).length;
        if (count >= 2) continue;
        reportViolation(
          `RDS Proxy endpoint "${endpoint.name}" is READ_ONLY and its proxy "${proxy.name}" fronts "${cluster.name}", ` +
            `which has ${count} instance${count === 1 ? "" : "s"}: RDS Proxy requires one or more reader instances ` +
            `for a read-only endpoint, and any request to it fails on a cluster whose only instance is (or, after ` +
            `a switchover, becomes) the writer; give the cluster at least 2 instances.`,
          endpoint.urn,
        );
      }
    }
  },
};
