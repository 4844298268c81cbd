import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { TAG } from "../../src/conventions";
import { asArray, tagValue } from "../lib/values";

const INGRESS = [
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:ec2/securityGroupRule:SecurityGroupRule",
];
const depsOf = (r: PolicyResource, ...inputs: string[]) =>
  inputs.flatMap((i) => r.propertyDependencies[i] ?? []).filter((d) => d.isType(aws.ec2.SecurityGroup));

/**
 * Only the tiers that need the data stores reach them: no ingress rule of a data store's security
 * group admits a group of the web tier or of a load balancer. The data groups are found from what
 * uses them, not from their tags: the security groups of Aurora clusters, RDS proxies and
 * ElastiCache replication groups, plus any group tagged `platform:data-store`. A group is on the
 * web path when it is tagged `platform:tier-name=web`, sits on a load balancer, or is the group of
 * a launch template whose Auto Scaling group is tagged for the web tier.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const tierSegmentation: StackValidationPolicy = {
  name: "data-tier-segmentation",
  description:
    "Data stores' security groups (Aurora, RDS Proxy, ElastiCache) must not admit the web tier's or a load balancer's groups.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const data = new Set<string>();
    for (const r of args.resources) {
      if (r.isType(aws.rds.Cluster) || r.isType(aws.rds.Proxy))
        depsOf(r, "vpcSecurityGroupIds").forEach((g) => data.add(g.urn));
      if (r.isType(aws.elasticache.ReplicationGroup))
        depsOf(r, "securityGroupIds").forEach((g) => data.add(g.urn));
      if (r.isType(aws.ec2.SecurityGroup) && tagValue(r.props, TAG.dataStore) !== undefined) data.add(r.urn);
    }
    const web = new Map<string, string>();
    for (const r of args.resources) {
      if (r.isType(aws.ec2.SecurityGroup) && tagValue(r.props, TAG.tierName) === "web")
        web.set(r.urn, "a web-tier group");
      if (r.isType(aws.lb.LoadBalancer) || r.isType(aws.alb.LoadBalancer))
        depsOf(r, "securityGroups").forEach((g) => web.set(g.urn, `load balancer "${r.name}"'s group`));
    }
    for (const asg of args.resources.filter(
      (r) => r.isType(aws.autoscaling.Group) && tagValue(r.props, TAG.tierName) === "web",
    )) {
      for (const lt of args.resources.filter(
        (r) =>
          r.isType(aws.ec2.LaunchTemplate) &&
          [
            ...(asg.propertyDependencies.launchTemplate ?? []),
            ...(asg.propertyDependencies.mixedInstancesPolicy ?? []),
          ].some((d) => d.urn === r.urn),
      )) {
        depsOf(lt, "vpcSecurityGroupIds", "networkInterfaces").forEach((g) =>
          web.set(g.urn, `the web tier's launch template "${lt.name}"`),
        );
      }
    }
    const check = (
      target: PolicyResource | undefined,
      sources: PolicyResource[],
      urn: string,
      what: string,
    ) => {
      if (!target || !data.has(target.urn)) return;
      for (const s of sources) {
        const why = web.get(s.urn);
        if (why) {
          reportViolation(
            `${what} lets group "${s.name}" (${why}) reach data store group "${target.name}": only the app tier, EKS nodes and the proxy may.`,
            urn,
          );
        }
      }
    };
    for (const r of args.resources.filter((x) => INGRESS.includes(x.type))) {
      if (r.isType(aws.ec2.SecurityGroupRule) && r.props.type !== "ingress") continue;
      check(
        depsOf(r, "securityGroupId")[0],
        depsOf(r, "referencedSecurityGroupId", "sourceSecurityGroupId"),
        r.urn,
        `Ingress rule "${r.name}"`,
      );
    }
    for (const g of args.resources.filter((r) => r.isType(aws.ec2.SecurityGroup) && data.has(r.urn))) {
      if (asArray(g.props.ingress).length === 0) continue;
      check(g, depsOf(g, "ingress"), g.urn, `Security group "${g.name}"`);
    }
  },
};
