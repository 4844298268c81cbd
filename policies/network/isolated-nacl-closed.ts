import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { TAG } from "../../src/conventions";
import { opensTheWorld } from "../lib/cidr";
import { asArray, tagValue } from "../lib/values";

/**
 * The network ACL of the isolated tier (the ACL associated with any subnet tagged
 * `platform:tier=isolated`) admits no internet address space: no allow entry, inline or as a
 * NetworkAclRule, opens more public IPv4 or IPv6 space than a /16 or a /48 (policies/lib/cidr.ts),
 * in either direction. The isolated tier has no route to the internet; its ACL is the second
 * wall should one appear.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const isolatedNaclClosed: StackValidationPolicy = {
  name: "network-isolated-nacl-closed",
  description: "The isolated tier's network ACLs must not allow internet address space in or out.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const isolated = (acl: PolicyResource) =>
      (acl.propertyDependencies.subnetIds ?? []).some(
        (s) => tagValue(s.props, TAG.subnetTier) === "isolated",
      ) ||
      args.resources.some(
        (a) =>
          a.isType(aws.ec2.NetworkAclAssociation) &&
          (a.propertyDependencies.networkAclId ?? []).some((d) => d.urn === acl.urn) &&
          (a.propertyDependencies.subnetId ?? []).some(
            (s) => tagValue(s.props, TAG.subnetTier) === "isolated",
          ),
      );
    const acls = args.resources.filter((r) => r.isType(aws.ec2.NetworkAcl) && isolated(r));
    const report = (
      cidrs: string[],
      action: unknown,
      egress: boolean,
      urn: string,
      what: string,
      acl: string,
    ) => {
      if (action !== "allow" || !opensTheWorld(cidrs)) return;
      reportViolation(
        `${what} of isolated network ACL "${acl}" allows ${cidrs.join(", ")} ${egress ? "out" : "in"}: ` +
          `allow only the VPC's and peered VPCs' CIDRs.`,
        urn,
      );
    };
    for (const acl of acls) {
      for (const [dir, egress] of [
        ["ingress", false],
        ["egress", true],
      ] as const) {
        for (const e of asArray(acl.props[dir])) {
          report(
            [e.cidrBlock, e.ipv6CidrBlock].filter((c): c is string => typeof c === "string"),
            e.action,
            egress,
            acl.urn,
            `An inline ${dir} entry`,
            acl.name,
          );
        }
      }
      for (const r of args.resources.filter(
        (x) =>
          x.isType(aws.ec2.NetworkAclRule) &&
          (x.propertyDependencies.networkAclId ?? []).some((d) => d.urn === acl.urn),
      )) {
        report(
          [r.props.cidrBlock, r.props.ipv6CidrBlock].filter((c): c is string => typeof c === "string"),
          r.props.ruleAction,
          r.props.egress === true,
          r.urn,
          `Rule "${r.name}"`,
          acl.name,
        );
      }
    }
  },
};
