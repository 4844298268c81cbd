import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { PEERING_TYPES, peeringSides } from "../lib/aws";
import { asArray, tagValue } from "../lib/values";
import { TAG } from "../../src/conventions";

const DATA_TAG = TAG.dataStore;

/**
 * Data stores (security groups tagged `platform:data-store`, and rules so tagged that the later
 * stack adds to an earlier stack's groups) admit only security groups, which cannot cross regions,
 * and the CIDRs of VPCs peered in this stack; never any other CIDR.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const dataSecurityGroupSources: StackValidationPolicy = {
  name: "data-security-group-sources",
  description: "Data security groups must admit only security groups of their region and peered VPC CIDRs.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const peerCidrs = new Set<string>();
    for (const p of args.resources.filter((r) => PEERING_TYPES.includes(r.type))) {
      const sides = peeringSides(p);
      if (sides) [sides.requester.cidr, sides.accepter.cidr].forEach((c) => peerCidrs.add(c));
    }
    const allowed = [...peerCidrs].join(", ") || "none (no peering in this stack)";
    const isDataGroup = (g: PolicyResource | undefined) =>
      g !== undefined && tagValue(g.props, DATA_TAG) !== undefined;
    const cidrCheck = (cidrs: string[], urn: string, what: string) => {
      for (const c of cidrs) {
        if (!peerCidrs.has(c)) {
          reportViolation(
            `${what} admits ${c}: a data store admits only security groups of its region and the peered VPC CIDRs (${allowed}).`,
            urn,
          );
        }
      }
    };
    for (const g of args.resources.filter((r) => r.isType(aws.ec2.SecurityGroup) && isDataGroup(r))) {
      for (const rule of asArray(g.props.ingress)) {
        cidrCheck(
          [...asArray<string>(rule.cidrBlocks), ...asArray<string>(rule.ipv6CidrBlocks)],
          g.urn,
          `Data security group "${g.name}"`,
        );
      }
    }
    for (const r of args.resources.filter((x) => x.isType(aws.vpc.SecurityGroupIngressRule))) {
      const group = (r.propertyDependencies.securityGroupId ?? []).find((d) =>
        d.isType(aws.ec2.SecurityGroup),
      );
      if (!isDataGroup(group) && tagValue(r.props, DATA_TAG) === undefined) continue;
      const cidrs = [r.props.cidrIpv4, r.props.cidrIpv6].filter((c): c is string => typeof c === "string");
      if (r.props.prefixListId) {
        reportViolation(
          `Data ingress rule "${r.name}" admits a prefix list: expected security groups or peered VPC CIDRs.`,
          r.urn,
        );
      }
      cidrCheck(cidrs, r.urn, `Data ingress rule "${r.name}"`);
    }
  },
};
