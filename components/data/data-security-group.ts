import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";

/** Who may reach a data store on its port. */
export interface DataAccess {
  /** Security groups of this region (e.g. the app tier, EKS nodes). */
  readonly securityGroupIds: readonly pulumi.Input<string>[];
  /** Peer VPC CIDRs (security groups cannot be referenced across regions). @default [] */
  readonly peerCidrs?: readonly string[];
}

/**
 * A data store's security group: its port from the given groups and peer CIDRs, nothing else, no
 * egress. Tagged `platform:data-store` so that policies can find it.
 */
export function dataSecurityGroup(
  name: string,
  args: { vpcId: pulumi.Input<string>; port: number; store: string; access: DataAccess; tags?: Tags },
  parent: pulumi.Resource,
): aws.ec2.SecurityGroup {
  const child = { parent };
  const tags = (n: string) => tagsFor(args.tags, n, { "platform:data-store": args.store });
  const sg = new aws.ec2.SecurityGroup(
    name,
    {
      vpcId: args.vpcId,
      description: `${args.store}: port ${args.port} from the platform's callers only`,
      tags: tags(name),
    },
    child,
  );
  args.access.securityGroupIds.forEach((id, i) => {
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-from-sg${i}`,
      {
        securityGroupId: sg.id,
        ipProtocol: "tcp",
        fromPort: args.port,
        toPort: args.port,
        referencedSecurityGroupId: id,
        description: "caller in this region",
        tags: tags(`${name}-from-sg${i}`),
      },
      child,
    );
  });
  (args.access.peerCidrs ?? []).forEach((cidr, i) => {
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-from-peer${i}`,
      {
        securityGroupId: sg.id,
        ipProtocol: "tcp",
        fromPort: args.port,
        toPort: args.port,
        cidrIpv4: cidr,
        description: `peer VPC ${cidr}`,
        tags: tags(`${name}-from-peer${i}`),
      },
      child,
    );
  });
  return sg;
}
