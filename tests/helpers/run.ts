import * as pulumi from "@pulumi/pulumi";
import { runStack, type StackRunResult } from "../../src/plan/run-stack";
import type { RecordedResource } from "../../src/plan/recorder";

export interface Ran extends StackRunResult {
  /** Registered resources of a type. */
  ofType(type: string): RecordedResource[];
  /** The one registered resource with this type and name (throws when absent). */
  one(type: string, name: string): RecordedResource;
  regionOf(r: RecordedResource): string;
}

/**
 * Runs `program` on the offline plan's recording mock runtime (no config unless given) and
 * returns what it registered.
 */
export async function run(
  program: () => unknown,
  opts: {
    region?: string;
    stack?: string;
    config?: Record<string, string>;
    stackOutputs?: Map<string, Record<string, unknown>>;
  } = {},
): Promise<Ran> {
  const result = await runStack({
    stack: opts.stack ?? "test",
    project: "platform",
    config: opts.config ?? {},
    secretKeys: [],
    region: opts.region ?? "us-east-1",
    accountId: "111122223333",
    stackOutputs: opts.stackOutputs ?? new Map(),
    program: async () => {
      const out = await program();
      // A component returned by the program is not a stack output (its fields would be exported).
      return (out === undefined || pulumi.Resource.isInstance(out) ? {} : out) as Record<string, unknown>;
    },
  });
  // Completion order depends on timing; URN order is stable.
  const registered = result.records
    .filter((r) => r.operation === "register")
    .sort((a, b) => (a.urn < b.urn ? -1 : 1));
  return {
    ...result,
    ofType: (type) => registered.filter((r) => r.type === type),
    one: (type, name) => {
      const r = registered.find((x) => x.type === type && x.name === name);
      if (!r)
        throw new Error(
          `no ${type} named ${name}; have ${registered
            .filter((x) => x.type === type)
            .map((x) => x.name)
            .join(", ")}`,
        );
      return r;
    },
    regionOf: (r) => result.regions.get(r.urn) ?? "",
  };
}

export const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  routeTable: "aws:ec2/routeTable:RouteTable",
  route: "aws:ec2/route:Route",
  assoc: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  nat: "aws:ec2/natGateway:NatGateway",
  eip: "aws:ec2/eip:Eip",
  igw: "aws:ec2/internetGateway:InternetGateway",
  defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  nacl: "aws:ec2/networkAcl:NetworkAcl",
  naclRule: "aws:ec2/networkAclRule:NetworkAclRule",
  flowLog: "aws:ec2/flowLog:FlowLog",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  kmsKey: "aws:kms/key:Key",
  peering: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
  accepter: "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
  peeringOptions: "aws:ec2/peeringConnectionOptions:PeeringConnectionOptions",
} as const;
