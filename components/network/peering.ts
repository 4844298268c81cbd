import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TAG } from "../../src/conventions";
import { tagsFor, type Tags } from "../lib/tags";
import { peerNaclRuleNumber } from "./layout";

/** A route table and the stable key its peering route is named by. */
export interface KeyedRouteTable {
  /** Unique among the side's tables and stable for the table's life, e.g. "isolated-eu-west-1b". */
  readonly key: string;
  readonly id: pulumi.Input<string>;
  /**
   * The table's position in the side's list before routes were keyed (their names then ended in
   * "-route-<index>"); an alias maps that old name to the keyed one, so existing stacks see no
   * replacement. @default no alias
   */
  readonly legacyIndex?: number;
}

/** One side of a peering: a VPC and the route tables and network ACL that must reach the other side. */
export interface PeeringSide {
  /** The side's region. */
  readonly region: string;
  readonly vpcId: pulumi.Input<string>;
  /** The side's VPC CIDR; the other side routes exactly this block through the peering. */
  readonly cidr: string;
  /**
   * Route tables that get a route to the other side's CIDR (the private and isolated ones), each
   * with a key that stays the same while the table exists (e.g. "private-us-east-1a"): the route's
   * name is made from it, so adding or removing another table renames nothing.
   */
  readonly routeTables: readonly KeyedRouteTable[];
  /** Network ACL of the isolated tier, opened to the other side's CIDR. @default none */
  readonly networkAclId?: pulumi.Input<string>;
}

/** Arguments of {@link VpcPeering}. */
export interface VpcPeeringArgs {
  /** This stack's side: it requests the peering, in the stack's own region. */
  readonly requester: PeeringSide;
  /** The earlier stack's side, reached through each resource's own `region` input. */
  readonly accepter: PeeringSide & {
    /** The AWS account that owns the accepter VPC. */
    readonly accountId: string;
  };
  /** Tags for every resource; each also gets a `Name`. @default {} */
  readonly tags?: Tags;
}

/**
 * A cross-region VPC peering owned entirely by one stack (the one applied later): the
 * connection (requester side), its acceptance and DNS options in the peer's region, a route to the
 * other side's CIDR, and only that CIDR, in every given route table on both sides, and network
 * ACL rules for that CIDR on both isolated tiers. The earlier stack never waits on a later one.
 *
 * AWS facts honoured: a cross-region connection cannot be auto-accepted by the requester; DNS
 * resolution options can only be set once the connection is active; security groups cannot
 * reference groups across regions (use the CIDRs); routing is not transitive.
 */
export class VpcPeering extends pulumi.ComponentResource {
  readonly connectionId: pulumi.Output<string>;
  readonly requesterRoutes: aws.ec2.Route[];
  readonly accepterRoutes: aws.ec2.Route[];

  constructor(name: string, args: VpcPeeringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:VpcPeering", name, {}, opts);
    const child = { parent: this };
    const { requester, accepter } = args;
    const sideTags = {
      [TAG.requesterRegion]: requester.region,
      [TAG.requesterCidr]: requester.cidr,
      [TAG.accepterRegion]: accepter.region,
      [TAG.accepterCidr]: accepter.cidr,
    };
    const tags = (n: string) => tagsFor(args.tags, n, sideTags);

    const connection = new aws.ec2.VpcPeeringConnection(
      name,
      {
        region: requester.region,
        vpcId: requester.vpcId,
        peerVpcId: accepter.vpcId,
        peerRegion: accepter.region,
        peerOwnerId: accepter.accountId,
        autoAccept: false,
        tags: tags(name),
      },
      child,
    );
    const acceptance = new aws.ec2.VpcPeeringConnectionAccepter(
      `${name}-accepter`,
      {
        region: accepter.region,
        vpcPeeringConnectionId: connection.id,
        autoAccept: true,
        tags: tags(`${name}-accepter`),
      },
      child,
    );
    // Both ids below come from the acceptance, so everything waits until the connection is active.
    const activeId = acceptance.vpcPeeringConnectionId;
    new aws.ec2.PeeringConnectionOptions(
      `${name}-requester-dns`,
      {
        region: requester.region,
        vpcPeeringConnectionId: activeId,
        requester: { allowRemoteVpcDnsResolution: true },
      },
      { ...child, dependsOn: [acceptance] },
    );
    new aws.ec2.PeeringConnectionOptions(
      `${name}-accepter-dns`,
      {
        region: accepter.region,
        vpcPeeringConnectionId: activeId,
        accepter: { allowRemoteVpcDnsResolution: true },
      },
      { ...child, dependsOn: [acceptance] },
    );

    const routes = (side: PeeringSide, other: PeeringSide, label: string) => {
      const keys = new Set(side.routeTables.map((t) => t.key));
      if (keys.size !== side.routeTables.length) {
        throw new Error(`VpcPeering ${name}: the ${label} side's route table keys are not unique`);
      }
      return side.routeTables.map(({ key, id, legacyIndex }) => {
        const aliases = legacyIndex === undefined ? [] : [{ name: `${name}-${label}-route-${legacyIndex}` }];
        return new aws.ec2.Route(
          `${name}-${label}-route-${key}`,
          {
            region: side.region,
            routeTableId: id,
            destinationCidrBlock: other.cidr,
            vpcPeeringConnectionId: activeId,
          },
          { ...child, aliases },
        );
      });
    };
    this.requesterRoutes = routes(requester, accepter, "requester");
    this.accepterRoutes = routes(accepter, requester, "accepter");

    const naclRules = (side: PeeringSide, other: PeeringSide, label: string) => {
      if (side.networkAclId === undefined) return;
      for (const egress of [false, true]) {
        new aws.ec2.NetworkAclRule(
          `${name}-${label}-nacl-${egress ? "egress" : "ingress"}`,
          {
            region: side.region,
            networkAclId: side.networkAclId,
            ruleNumber: peerNaclRuleNumber(other.cidr),
            egress,
            protocol: "-1",
            ruleAction: "allow",
            cidrBlock: other.cidr,
          },
          child,
        );
      }
    };
    naclRules(requester, accepter, "requester");
    naclRules(accepter, requester, "accepter");

    this.connectionId = activeId;
    this.registerOutputs({ connectionId: this.connectionId });
  }
}
