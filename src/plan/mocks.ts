/**
 * Realistic mock outputs for the offline plan: IDs in AWS's formats, ARNs and DNS names in the
 * resource's real region, physical names the way auto-naming makes them. Everything is derived
 * from a hash of the stack, type and name, so two runs of the same program give the same plan.
 */
import { createHash } from "node:crypto";
import type { MockResourceArgs, MockResourceResult } from "@pulumi/pulumi/runtime";

export interface MockContext {
  readonly stack: string;
  readonly accountId: string;
  /** The region of a resource (own `region` input, else its provider's, else the stack's). */
  regionOf(args: MockResourceArgs): string;
  /** Outputs of an already planned stack, by its qualified StackReference name. */
  stackOutputs(name: string): Record<string, unknown> | undefined;
}

function hex(seed: string, length: number): string {
  return createHash("sha1").update(seed).digest("hex").slice(0, length);
}

/** EC2 resource-ID prefixes, by Pulumi type token. */
const EC2_PREFIX: Readonly<Record<string, string>> = {
  "aws:ec2/vpc:Vpc": "vpc",
  "aws:ec2/subnet:Subnet": "subnet",
  "aws:ec2/routeTable:RouteTable": "rtb",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
  "aws:ec2/internetGateway:InternetGateway": "igw",
  "aws:ec2/natGateway:NatGateway": "nat",
  "aws:ec2/eip:Eip": "eipalloc",
  "aws:ec2/securityGroup:SecurityGroup": "sg",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
  "aws:ec2/networkAcl:NetworkAcl": "acl",
  "aws:ec2/flowLog:FlowLog": "fl",
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": "pcx",
  "aws:ec2/launchTemplate:LaunchTemplate": "lt",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
};

/** The service part of an ARN, from the type token's module ("aws:ec2/vpc:Vpc" -> "ec2"). */
function serviceOf(type: string): string {
  const mod = type.split(":")[1]?.split("/")[0] ?? "unknown";
  const map: Record<string, string> = {
    cloudwatch: "logs",
    lb: "elasticloadbalancing",
    alb: "elasticloadbalancing",
  };
  return map[mod] ?? mod;
}

function kindOf(type: string): string {
  const last = type.split(":").pop() ?? type;
  return last.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
}

/** Computes the mock ID and output state of one resource. */
export function mockResource(args: MockResourceArgs, ctx: MockContext): MockResourceResult {
  const { type, name } = args;
  const inputs = args.inputs as Record<string, unknown>;
  const seed = `${ctx.stack}/${type}/${name}`;
  const region = ctx.regionOf(args);
  const account = ctx.accountId;
  const state: Record<string, unknown> = { ...inputs };

  if (type === "pulumi:pulumi:StackReference") {
    const refName = typeof inputs.name === "string" ? inputs.name : (args.id ?? name);
    // A stack not planned yet has no outputs, like a stack not deployed yet: the program's own
    // check of the outputs it needs then names the stack and the apply order.
    const outputs = ctx.stackOutputs(refName) ?? {};
    return { id: refName, state: { name: refName, outputs, secretOutputNames: [] } };
  }
  if (type.startsWith("pulumi:providers:")) {
    return { id: hex(seed, 8) + "-" + hex(seed + "p", 4) + "-" + hex(seed + "q", 4), state };
  }

  const physical = typeof inputs.name === "string" ? inputs.name : `${name}-${hex(seed + "n", 7)}`;
  let id: string;
  const prefix = EC2_PREFIX[type];
  if (
    type === "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter" ||
    type === "aws:ec2/peeringConnectionOptions:PeeringConnectionOptions"
  ) {
    id = String(inputs.vpcPeeringConnectionId);
    state.accepterVpcInfo = undefined;
    state.acceptStatus = "active";
  } else if (type === "aws:ec2/route:Route") {
    id = `r-${String(inputs.routeTableId)}${hex(seed, 8)}`;
  } else if (type === "aws:ec2/networkAclRule:NetworkAclRule") {
    id = `nacl-${hex(seed, 8)}`;
  } else if (prefix) {
    id = `${prefix}-${hex(seed, 17)}`;
    state.arn = `arn:aws:ec2:${region}:${account}:${kindOf(type)}/${id}`;
  } else if (type === "aws:kms/key:Key") {
    id = `${hex(seed, 8)}-${hex(seed + 1, 4)}-4${hex(seed + 2, 3)}-8${hex(seed + 3, 3)}-${hex(seed + 4, 12)}`;
    state.keyId = id;
    state.arn = `arn:aws:kms:${region}:${account}:key/${id}`;
  } else if (type === "aws:kms/alias:Alias") {
    id = String(inputs.name);
    state.arn = `arn:aws:kms:${region}:${account}:${id}`;
    state.targetKeyArn = `arn:aws:kms:${region}:${account}:key/${String(inputs.targetKeyId)}`;
  } else if (type === "aws:cloudwatch/logGroup:LogGroup") {
    id = physical;
    state.name = physical;
    state.arn = `arn:aws:logs:${region}:${account}:log-group:${physical}`;
  } else if (type === "aws:iam/role:Role") {
    id = physical;
    state.name = physical;
    state.arn = `arn:aws:iam::${account}:role/${physical}`;
    state.uniqueId = `AROA${hex(seed, 17).toUpperCase()}`;
  } else if (type === "aws:iam/rolePolicy:RolePolicy") {
    id = `${String(inputs.role)}:${physical}`;
  } else {
    id = `${kindOf(type)}-${hex(seed, 12)}`;
    state.arn = `arn:aws:${serviceOf(type)}:${region}:${account}:${kindOf(type)}/${physical}`;
  }

  if (type === "aws:ec2/vpc:Vpc") {
    state.defaultSecurityGroupId = `sg-${hex(seed + "dsg", 17)}`;
    state.defaultNetworkAclId = `acl-${hex(seed + "dacl", 17)}`;
    state.mainRouteTableId = `rtb-${hex(seed + "main", 17)}`;
    state.ownerId = account;
  } else if (type === "aws:ec2/eip:Eip") {
    state.allocationId = id;
    state.publicIp = `203.0.113.${(parseInt(hex(seed, 2), 16) % 254) + 1}`;
  } else if (type === "aws:ec2/natGateway:NatGateway") {
    state.publicIp = `198.51.100.${(parseInt(hex(seed, 2), 16) % 254) + 1}`;
  } else if (type === "aws:ec2/vpcEndpoint:VpcEndpoint" && inputs.vpcEndpointType === "Interface") {
    state.dnsEntries = [
      {
        dnsName: `${id}.${String(inputs.serviceName).split(".").pop()}.${region}.vpce.amazonaws.com`,
        hostedZoneId: "Z7HUB22UULQXV",
      },
    ];
  }
  if (state.name === undefined) state.name = physical;
  if (inputs.tags !== undefined) state.tagsAll = inputs.tags;
  return { id, state };
}
