import * as aws from "@pulumi/aws";
import type { StackValidationPolicy } from "@pulumi/policy";
import { globalSecondaryClusters, refersTo } from "./aurora-autoscaling-secondary";
import { proxyTargets } from "./proxy-egress-to-target";

/**
 * An RDS Proxy in front of a global database's secondary cluster has a READ_ONLY endpoint: the
 * proxy's default endpoint is read/write, and on a cluster without a writer it fails every
 * request with "The target group doesn't have any associated read/write instances" (Aurora User
 * Guide, "Using RDS Proxy with Aurora global databases").
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const proxyReadOnlyEndpoint: StackValidationPolicy = {
  name: "preflight-proxy-read-only-endpoint",
  description:
    "An RDS Proxy in front of a global database's secondary cluster must have a READ_ONLY endpoint.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const secondaries = new Set(globalSecondaryClusters(args.resources).map((c) => c.urn));
    for (const proxy of args.resources.filter((r) => r.isType(aws.rds.Proxy))) {
      const secondary = proxyTargets(proxy, args.resources).find((c) => secondaries.has(c.urn));
      if (!secondary) continue;
      const readOnly = args.resources.some(
        (e) =>
          e.isType(aws.rds.ProxyEndpoint) &&
          e.props.targetRole === "READ_ONLY" &&
          refersTo(e, "dbProxyName", proxy, proxy.props.name),
      );
      if (!readOnly) {
        reportViolation(
          `RDS Proxy "${proxy.name}" fronts "${secondary.name}", a secondary cluster of a global database, and has no ` +
            `READ_ONLY endpoint: its default endpoint fails there ("The target group doesn't have any associated ` +
            `read/write instances"); add an aws.rds.ProxyEndpoint with targetRole READ_ONLY and give applications that one.`,
          proxy.urn,
        );
      }
    }
  },
};
