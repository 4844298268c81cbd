import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { TAG } from "../../src/conventions";
import { opensTheWorld } from "../lib/cidr";
import { asArray, tagValue } from "../lib/values";

const allPorts = (protocol: unknown, from: unknown, to: unknown) =>
  String(protocol) === "-1" || String(protocol) === "all" || (Number(from) <= 0 && Number(to) >= 65535);

/**
 * The data tier sends nothing to the internet: no egress rule of a data store's security group
 * (the groups of Aurora clusters, RDS proxies and ElastiCache replication groups, and any group
 * tagged `platform:data-store`) opens internet address space (policies/lib/cidr.ts) on all ports,
 * inline or as a standalone rule. A data store answers its clients; it starts no connection out.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const dataEgressNotWorld: StackValidationPolicy = {
  name: "network-data-egress-not-world",
  description:
    "Security groups of data stores (Aurora, RDS Proxy, ElastiCache) must not allow egress to internet address space on all ports.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const data = new Set<string>();
    const sgDeps = (r: PolicyResource, input: string) =>
      (r.propertyDependencies[input] ?? []).filter((d) => d.isType(aws.ec2.SecurityGroup));
    for (const r of args.resources) {
      if (r.isType(aws.rds.Cluster) || r.isType(aws.rds.Proxy))
        sgDeps(r, "vpcSecurityGroupIds").forEach((g) => data.add(g.urn));
      if (r.isType(aws.elasticache.ReplicationGroup))
        sgDeps(r, "securityGroupIds").forEach((g) => data.add(g.urn));
      if (r.isType(aws.ec2.SecurityGroup) && tagValue(r.props, TAG.dataStore) !== undefined) data.add(r.urn);
    }
    const msg = (what: string, cidrs: string[]) =>
      `${what} lets a data store send to ${cidrs.join(", ")} on all ports: allow only the ports and destinations it needs (none, for a database or cache).`;
    for (const g of args.resources.filter((r) => r.isType(aws.ec2.SecurityGroup) && data.has(r.urn))) {
      for (const e of asArray(g.props.egress)) {
        const cidrs = [...asArray<string>(e.cidrBlocks), ...asArray<string>(e.ipv6CidrBlocks)];
        if (allPorts(e.protocol, e.fromPort, e.toPort) && opensTheWorld(cidrs))
          reportViolation(msg(`Security group "${g.name}"`, cidrs), g.urn);
      }
    }
    for (const r of args.resources) {
      const group = sgDeps(r, "securityGroupId")[0];
      if (!group || !data.has(group.urn)) continue;
      if (r.isType(aws.vpc.SecurityGroupEgressRule)) {
        const cidrs = [r.props.cidrIpv4, r.props.cidrIpv6].filter((c): c is string => typeof c === "string");
        if (allPorts(r.props.ipProtocol, r.props.fromPort, r.props.toPort) && opensTheWorld(cidrs))
          reportViolation(msg(`Egress rule "${r.name}"`, cidrs), r.urn);
      } else if (r.isType(aws.ec2.SecurityGroupRule) && r.props.type === "egress") {
        const cidrs = [...asArray<string>(r.props.cidrBlocks), ...asArray<string>(r.props.ipv6CidrBlocks)];
        if (allPorts(r.props.protocol, r.props.fromPort, r.props.toPort) && opensTheWorld(cidrs))
          reportViolation(msg(`Security group rule "${r.name}"`, cidrs), r.urn);
      }
    }
  },
};
