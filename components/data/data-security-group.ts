import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TAG, type DataStoreName } from "../../src/conventions";
import { tagsFor, type Tags } from "../lib/tags";

/** A security group of this region allowed to reach a data store, with the name its rule is keyed by. */
export interface DataCaller {
  /** Unique among the callers, e.g. "app" or "eks-nodes". */
  readonly name: string;
  readonly securityGroupId: pulumi.Input<string>;
}

/** A peer VPC allowed to reach a data store (security groups cannot be referenced across regions). */
export interface DataPeer {
  /** The peer's region: it keys the rule's name. */
  readonly region: string;
  readonly cidr: string;
}

/** Who may reach a data store on its port. */
export interface DataAccess {
  /** Security groups of this region (e.g. the app tier, EKS nodes). */
  readonly callers: readonly DataCaller[];
  /** Peer VPCs. @default [] */
  readonly peers?: readonly DataPeer[];
}

/** Arguments of {@link dataSecurityGroup}. */
export interface DataSecurityGroupArgs {
  /** The region of the group and its rules. */
  readonly region: string;
  readonly vpcId: pulumi.Input<string>;
  readonly port: number;
  readonly store: DataStoreName;
  readonly access: DataAccess;
  /** @default {} */
  readonly tags?: Tags;
}

/**
 * A data store's security group: its port from the given groups and peer CIDRs, nothing else, no
 * egress. Tagged `platform:data-store` so that policies can find it. Rules are keyed by the
 * caller's name and the peer's region (they were keyed by position, "from-sg<i>" and
 * "from-peer<i>"; aliases map those names, so existing stacks see no replacement).
 */
export function dataSecurityGroup(
  name: string,
  args: DataSecurityGroupArgs,
  parent: pulumi.Resource,
): aws.ec2.SecurityGroup {
  const child = { parent };
  const region = args.region;
  const tags = (n: string) => tagsFor(args.tags, n, { [TAG.dataStore]: args.store });
  const sg = new aws.ec2.SecurityGroup(
    name,
    {
      region,
      vpcId: args.vpcId,
      description: `${args.store}: port ${args.port} from the platform callers only`,
      tags: tags(name),
    },
    child,
  );
  const ingress = (suffix: string, legacy: string, from: Partial<aws.vpc.SecurityGroupIngressRuleArgs>) =>
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-from-${suffix}`,
      {
        region,
        securityGroupId: sg.id,
        ipProtocol: "tcp",
        fromPort: args.port,
        toPort: args.port,
        ...from,
        tags: tags(`${name}-from-${suffix}`),
      },
      { ...child, aliases: [{ name: `${name}-from-${legacy}` }] },
    );
  args.access.callers.forEach(({ name: caller, securityGroupId }, i) =>
    ingress(caller, `sg${i}`, {
      referencedSecurityGroupId: securityGroupId,
      description: "caller in this region",
    }),
  );
  (args.access.peers ?? []).forEach((peer, i) =>
    ingress(peer.region, `peer${i}`, { cidrIpv4: peer.cidr, description: `peer VPC ${peer.cidr}` }),
  );
  return sg;
}
