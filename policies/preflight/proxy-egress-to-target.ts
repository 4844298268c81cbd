import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { PORT } from "../../src/conventions";
import { refersTo } from "./aurora-autoscaling-secondary";

const deps = (r: PolicyResource, prop: string): PolicyResource[] => r.propertyDependencies[prop] ?? [];

/** The clusters an RDS Proxy of the stack fronts, through its ProxyTargets. */
export function proxyTargets(proxy: PolicyResource, resources: readonly PolicyResource[]): PolicyResource[] {
  const targets = resources.filter(
    (t) => t.isType(aws.rds.ProxyTarget) && refersTo(t, "dbProxyName", proxy, proxy.props.name),
  );
  return resources.filter(
    (c) =>
      c.isType(aws.rds.Cluster) &&
      targets.some((t) => refersTo(t, "dbClusterIdentifier", c, c.props.clusterIdentifier)),
  );
}

interface EgressLike {
  protocol: unknown;
  from: unknown;
  to: unknown;
  toGroups: readonly PolicyResource[];
  toCidr: boolean;
}

const allowsPort = (e: EgressLike, port: number) =>
  String(e.protocol) === "-1" ||
  (String(e.protocol) === "tcp" && Number(e.from) <= port && port <= Number(e.to));

/** Every egress permission on `group`: standalone rules (both resource types) and inline blocks. */
function egressOf(group: PolicyResource, resources: readonly PolicyResource[]): EgressLike[] {
  const out: EgressLike[] = [];
  for (const r of resources) {
    if (!deps(r, "securityGroupId").some((d) => d.urn === group.urn)) continue;
    if (r.isType(aws.vpc.SecurityGroupEgressRule)) {
      out.push({
        protocol: r.props.ipProtocol,
        from: r.props.fromPort,
        to: r.props.toPort,
        toGroups: deps(r, "referencedSecurityGroupId"),
        toCidr: r.props.cidrIpv4 !== undefined,
      });
    } else if (r.isType(aws.ec2.SecurityGroupRule) && r.props.type === "egress") {
      out.push({
        protocol: r.props.protocol,
        from: r.props.fromPort,
        to: r.props.toPort,
        toGroups: deps(r, "sourceSecurityGroupId"),
        toCidr: Array.isArray(r.props.cidrBlocks) && r.props.cidrBlocks.length > 0,
      });
    }
  }
  for (const e of (group.props.egress ?? []) as Record<string, unknown>[]) {
    out.push({
      protocol: e.protocol,
      from: e.fromPort,
      to: e.toPort,
      toGroups: deps(group, "egress"),
      toCidr: Array.isArray(e.cidrBlocks) && e.cidrBlocks.length > 0,
    });
  }
  return out;
}

/**
 * Every RDS Proxy's security group lets it reach its target: an egress rule on the database port
 * to the target cluster's security group (or to an address range). New security groups get no
 * egress from the provider, so a proxy in a group without one registers its target and then
 * reports it unavailable; every connection fails ("timed out waiting for a database connection",
 * the target's health "UNAVAILABLE"/"CONNECTION_FAILED" in DescribeDBProxyTargets). RDS Proxy
 * "Getting started": the proxy's security group must allow access to the database it connects to.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const proxyEgressToTarget: StackValidationPolicy = {
  name: "preflight-proxy-egress-to-target",
  description:
    "Every RDS Proxy's security group must have egress to its target cluster on the database port.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const proxy of args.resources.filter((r) => r.isType(aws.rds.Proxy))) {
      const groups = deps(proxy, "vpcSecurityGroupIds");
      for (const cluster of proxyTargets(proxy, args.resources)) {
        const port = typeof cluster.props.port === "number" ? cluster.props.port : PORT.postgres;
        const clusterGroups = deps(cluster, "vpcSecurityGroupIds");
        const reaches = groups.some((g) =>
          egressOf(g, args.resources).some(
            (e) =>
              allowsPort(e, port) &&
              (e.toCidr || e.toGroups.some((t) => clusterGroups.some((c) => c.urn === t.urn))),
          ),
        );
        if (!reaches) {
          reportViolation(
            `RDS Proxy "${proxy.name}" cannot reach its target "${cluster.name}": none of its security groups has ` +
              `egress on port ${port} to the cluster's security group, and new groups get no egress; every connection ` +
              `through the proxy would fail. Give the proxy's group an egress rule to the cluster's group on ${port}.`,
            proxy.urn,
          );
        }
      }
    }
  },
};
