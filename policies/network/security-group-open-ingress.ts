import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { asArray, tagValue } from "../lib/values";
import { EXPOSURE, TAG } from "../../src/conventions";

const WORLD = ["0.0.0.0/0", "::/0"];
/** The tag (set by AppLoadBalancer) that marks a load balancer's group as a CloudFront origin. */
export const CLOUDFRONT_ORIGIN_TAG = { key: TAG.exposure, value: EXPOSURE.cloudfrontOrigin };

interface Ingress {
  from: number | undefined;
  to: number | undefined;
  protocol: string;
  cidrs: string[];
}

/**
 * No security group admits the whole internet (0.0.0.0/0 or ::/0), except on ports 443 and 80 of a
 * load balancer group tagged as a CloudFront origin (`platform:exposure=cloudfront-origin`), which
 * must still check CloudFront's origin header. Covers inline rules and both standalone rule
 * resources.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_24, CKV_AWS_25, CKV_AWS_260,
 * CKV_AWS_277; cdk-nag EC23.
 */
export const securityGroupOpenIngress: StackValidationPolicy = {
  name: "network-security-group-open-ingress",
  description:
    "Security groups must not admit 0.0.0.0/0 or ::/0, except 443/80 on a CloudFront-origin load balancer.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const groups = args.resources.filter((r) => r.isType(aws.ec2.SecurityGroup));
    const groupOf = (rule: PolicyResource): PolicyResource | undefined =>
      (rule.propertyDependencies.securityGroupId ?? []).find((d) => d.isType(aws.ec2.SecurityGroup)) ??
      groups.find((g) => g.props.id !== undefined && g.props.id === rule.props.securityGroupId);
    const check = (group: PolicyResource | undefined, rule: Ingress, urn: string, what: string) => {
      const open = rule.cidrs.filter((c) => WORLD.includes(c));
      if (open.length === 0) return;
      const webPorts =
        rule.protocol === "tcp" && rule.from === rule.to && (rule.from === 443 || rule.from === 80);
      const origin =
        group !== undefined &&
        tagValue(group.props, CLOUDFRONT_ORIGIN_TAG.key) === CLOUDFRONT_ORIGIN_TAG.value;
      if (webPorts && origin) return;
      const ports = rule.protocol === "-1" ? "all ports" : `ports ${rule.from}-${rule.to}/${rule.protocol}`;
      reportViolation(
        `${what} admits ${open.join(" and ")} on ${ports}: expected sources inside the platform (security groups, VPC CIDRs, ` +
          `prefix lists), or 443/80 only on a load balancer group tagged platform:exposure=cloudfront-origin.`,
        urn,
      );
    };
    for (const g of groups) {
      for (const r of asArray(g.props.ingress)) {
        check(
          g,
          {
            from: r.fromPort as number,
            to: r.toPort as number,
            protocol: String(r.protocol),
            cidrs: [...asArray<string>(r.cidrBlocks), ...asArray<string>(r.ipv6CidrBlocks)],
          },
          g.urn,
          `Security group "${g.name}"`,
        );
      }
    }
    for (const r of args.resources.filter(
      (x) => x.isType(aws.ec2.SecurityGroupRule) && x.props.type === "ingress",
    )) {
      check(
        groupOf(r),
        {
          from: r.props.fromPort as number,
          to: r.props.toPort as number,
          protocol: String(r.props.protocol),
          cidrs: [...asArray<string>(r.props.cidrBlocks), ...asArray<string>(r.props.ipv6CidrBlocks)],
        },
        r.urn,
        `Security group rule "${r.name}"`,
      );
    }
    for (const r of args.resources.filter((x) => x.isType(aws.vpc.SecurityGroupIngressRule))) {
      check(
        groupOf(r),
        {
          from: r.props.fromPort as number,
          to: r.props.toPort as number,
          protocol: String(r.props.ipProtocol),
          cidrs: [r.props.cidrIpv4, r.props.cidrIpv6].filter((c): c is string => typeof c === "string"),
        },
        r.urn,
        `Ingress rule "${r.name}"`,
      );
    }
  },
};
