import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { PEERING_TYPES, peeringSides, regionOf } from "../lib/aws";

/**
 * A route through a VPC peering connection names exactly the CIDR of the VPC on the other side,
 * and nothing broader or different: peering is not transitive, and a wider route (a default
 * route, a supernet) would send traffic to the peer that it must not receive or cannot forward.
 * The sides come from the tags the VpcPeering component writes on its connection.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const peeringRoutesPeerCidrOnly: StackValidationPolicy = {
  name: "network-peering-routes-peer-cidr-only",
  description: "Routes through a VPC peering connection must target only the peer VPC's CIDR.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const peerings = args.resources.filter((r) => PEERING_TYPES.includes(r.type));
    const peeringOf = (route: PolicyResource): PolicyResource | undefined => {
      const deps = route.propertyDependencies.vpcPeeringConnectionId ?? [];
      const byDep = deps.find((d) => PEERING_TYPES.includes(d.type));
      if (byDep) return byDep;
      const id: unknown = route.props.vpcPeeringConnectionId;
      return peerings.find((p) => p.props.id === id || p.props.vpcPeeringConnectionId === id);
    };
    for (const route of args.resources.filter((r) => r.isType(aws.ec2.Route))) {
      if (!route.props.vpcPeeringConnectionId) continue;
      const where = `Route "${route.name}" through a peering connection`;
      if (route.props.destinationIpv6CidrBlock || route.props.destinationPrefixListId) {
        reportViolation(
          `${where} uses an IPv6 or prefix-list destination: expected only the peer VPC's IPv4 CIDR.`,
          route.urn,
        );
        continue;
      }
      const peering = peeringOf(route);
      const sides = peering ? peeringSides(peering) : undefined;
      if (!sides) {
        reportViolation(
          `${where} uses a connection this stack does not declare with its sides' regions and CIDRs ` +
            `(platform:requester-*/accepter-* tags): cannot tell the peer CIDR.`,
          route.urn,
        );
        continue;
      }
      const region = regionOf(route.props, route.provider);
      const expected =
        region === sides.requester.region
          ? sides.accepter.cidr
          : region === sides.accepter.region
            ? sides.requester.cidr
            : undefined;
      if (expected === undefined) {
        reportViolation(
          `${where} is in region "${region ?? "unknown"}", on neither side of the connection.`,
          route.urn,
        );
      } else if (route.props.destinationCidrBlock !== expected) {
        reportViolation(
          `${where} targets "${String(route.props.destinationCidrBlock)}": expected exactly the peer VPC's CIDR "${expected}".`,
          route.urn,
        );
      }
    }
  },
};
