import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { opensTheWorld, publicAddresses } from "../lib/cidr";
import { asArray } from "../lib/values";

interface Ingress {
  urn: string;
  what: string;
  from: number | undefined;
  to: number | undefined;
  protocol: string;
  cidrs: string[];
}

/**
 * No security group admits the internet. Judged by address space, not by the string `0.0.0.0/0`
 * (policies/lib/cidr.ts): the public IPv4 and IPv6 addresses all the ingress rules of one group
 * admit, across inline rules, both standalone rule resources and the entries of prefix lists this
 * stack manages (a customer-managed list holds whatever CIDR its owner adds), must stay within a
 * /16 of IPv4 and a /48 of IPv6; `0.0.0.0/1` plus `128.0.0.0/1`, `::/0` or a public /8 do not.
 * There is no exemption a resource can claim with its own tag: the web load balancer admits
 * CloudFront's origin-facing servers and Route 53's health checkers through AWS-managed prefix
 * lists, never through a CIDR.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_24, CKV_AWS_25, CKV_AWS_260,
 * CKV_AWS_277; cdk-nag EC23.
 */
export const securityGroupOpenIngress: StackValidationPolicy = {
  name: "network-security-group-open-ingress",
  description:
    "Security groups must not admit the internet: the public address space a group's ingress CIDRs open (IPv4 and IPv6, however split) stays within a /16 and a /48.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const groups = args.resources.filter((r) => r.isType(aws.ec2.SecurityGroup));
    const ownLists = new Map(
      args.resources
        .filter((r) => r.isType(aws.ec2.ManagedPrefixList))
        .map((l) => [l.urn, asArray(l.props.entries).map((e) => String(e.cidr))]),
    );
    const listCidrs = (rule: PolicyResource) =>
      [
        ...(rule.propertyDependencies.prefixListId ?? []),
        ...(rule.propertyDependencies.prefixListIds ?? []),
      ].flatMap((d) => ownLists.get(d.urn) ?? []);
    const groupOf = (rule: PolicyResource): PolicyResource | undefined =>
      (rule.propertyDependencies.securityGroupId ?? []).find((d) => d.isType(aws.ec2.SecurityGroup)) ??
      groups.find((g) => g.props.id !== undefined && g.props.id === rule.props.securityGroupId);
    const byGroup = new Map<string, Ingress[]>();
    const add = (group: PolicyResource | undefined, rule: Ingress) => {
      const key = group?.urn ?? rule.urn;
      byGroup.set(key, [...(byGroup.get(key) ?? []), rule]);
    };
    for (const g of groups) {
      for (const r of asArray(g.props.ingress)) {
        add(g, {
          urn: g.urn,
          what: `Security group "${g.name}"`,
          from: r.fromPort as number,
          to: r.toPort as number,
          protocol: String(r.protocol),
          cidrs: [...asArray<string>(r.cidrBlocks), ...asArray<string>(r.ipv6CidrBlocks)],
        });
      }
    }
    for (const r of args.resources.filter(
      (x) => x.isType(aws.ec2.SecurityGroupRule) && x.props.type === "ingress",
    )) {
      add(groupOf(r), {
        urn: r.urn,
        what: `Security group rule "${r.name}"`,
        from: r.props.fromPort as number,
        to: r.props.toPort as number,
        protocol: String(r.props.protocol),
        cidrs: [
          ...asArray<string>(r.props.cidrBlocks),
          ...asArray<string>(r.props.ipv6CidrBlocks),
          ...listCidrs(r),
        ],
      });
    }
    for (const r of args.resources.filter((x) => x.isType(aws.vpc.SecurityGroupIngressRule))) {
      add(groupOf(r), {
        urn: r.urn,
        what: `Ingress rule "${r.name}"`,
        from: r.props.fromPort as number,
        to: r.props.toPort as number,
        protocol: String(r.props.ipProtocol),
        cidrs: [
          ...[r.props.cidrIpv4, r.props.cidrIpv6].filter((c): c is string => typeof c === "string"),
          ...listCidrs(r),
        ],
      });
    }
    for (const rules of byGroup.values()) {
      if (!opensTheWorld(rules.flatMap((r) => r.cidrs))) continue;
      const reported = new Set<string>();
      for (const rule of rules) {
        const open = rule.cidrs.filter((c) => publicAddresses(c) > 0n);
        if (open.length === 0) continue;
        const ports = rule.protocol === "-1" ? "all ports" : `ports ${rule.from}-${rule.to}/${rule.protocol}`;
        const message =
          `${rule.what} admits ${open.join(" and ")} on ${ports}, which with its group's other rules opens more ` +
          `than a /16 of public IPv4 or a /48 of IPv6: expected sources inside the platform (security groups, ` +
          `VPC CIDRs, AWS-managed prefix lists).`;
        if (reported.has(rule.urn + message)) continue;
        reported.add(rule.urn + message);
        reportViolation(message, rule.urn);
      }
    }
  },
};
