import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";

/** Arguments of {@link PeerEgress}. */
export interface PeerEgressArgs {
  /** The region of the security group (an earlier stack's), where every rule is created. */
  readonly region: string;
  /** The security group that may reach the CIDR (the earlier stack's app instances). */
  readonly securityGroupId: pulumi.Input<string>;
  /** The destination: this (later) stack's VPC CIDR. */
  readonly cidr: string;
  /** TCP ports it may reach there, one rule each (keyed by the port). */
  readonly ports: readonly number[];
  /** @default {} */
  readonly tags?: Tags;
}

/**
 * Egress from an earlier stack's security group to this stack's VPC CIDR, on the given ports
 * only, through each rule's own `region` input: the later stack owns both directions of
 * cross-region access, as it owns the peering, and no stack waits on a later one. Security groups
 * cannot reference groups across regions, so the rule names the CIDR.
 */
export class PeerEgress extends pulumi.ComponentResource {
  constructor(name: string, args: PeerEgressArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:PeerEgress", name, {}, opts);
    for (const port of args.ports) {
      const n = `${name}-${port}`;
      new aws.vpc.SecurityGroupEgressRule(
        n,
        {
          region: args.region,
          securityGroupId: args.securityGroupId,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          cidrIpv4: args.cidr,
          description: `peer VPC ${args.cidr} port ${port}`,
          tags: tagsFor(args.tags, n),
        },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}
