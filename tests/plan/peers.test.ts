import { SECRET_REPLICA_TYPE } from "../../src/conventions";
import { runStack } from "../../src/plan/run-stack";
import { readStackFile } from "../../src/plan/stack-files";
import { program } from "../../stacks/program";
import { ROOT } from "../helpers/config";
import { join } from "node:path";

const secondary = readStackFile(join(ROOT, "Pulumi.eu-west-1.yaml"));
const network = {
  region: "us-east-1",
  vpcId: "vpc-0123456789abcdef0",
  cidr: "10.10.0.0/16",
  availabilityZones: ["us-east-1a"],
  publicSubnetIds: ["subnet-a"],
  privateSubnetIds: ["subnet-b"],
  isolatedSubnetIds: ["subnet-c"],
  privateRouteTableIds: ["rtb-1"],
  isolatedRouteTableIds: ["rtb-2"],
  isolatedNetworkAclId: "acl-1",
  peeringConnectionIds: {},
};
const data = {
  aurora: {
    globalClusterIdentifier: "prod-platform",
    globalWriterEndpoint: "prod-platform.global-x.global.rds.amazonaws.com",
    readerEndpoint: "r",
    securityGroupId: "sg-db",
    secretArn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:a",
    port: 5432,
  },
  cache: {
    globalReplicationGroupId: "x-prod",
    writerEndpoint: "p",
    readerEndpoint: "r",
    securityGroupId: "sg-cache",
    secretArn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:c",
    port: 6379,
  },
};
const tier = (name: string) => ({
  hostname: `${name}.example.com`,
  albDnsName: `${name}-alb.us-east-1.elb.amazonaws.com`,
  albZoneId: "Z35SXDOTRQ7X7K",
  albArnSuffix: `app/${name}/1`,
  targetGroupArnSuffix: `targetgroup/${name}/1`,
  asgName: `${name}-asg`,
  albSecurityGroupIds: [`sg-${name}-alb`],
  instanceSecurityGroupId: `sg-${name}`,
});
const tiers = { web: tier("web"), app: tier("app") };
/** The primary's edge: the secondary's order global endpoint fails over on its health check. */
const edge = { healthCheckId: "11111111-2222-3333-4444-555555555555", recordNames: ["origin.example.com"] };

const planSecondary = (peerOutputs?: Record<string, unknown>) =>
  runStack({
    stack: secondary.stack,
    project: "platform",
    config: secondary.values,
    secretKeys: [],
    region: "eu-west-1",
    accountId: "111122223333",
    stackOutputs: new Map(peerOutputs ? [["us-east-1", peerOutputs]] : []),
    program,
  });

describe("reading a peer stack's outputs", () => {
  test("the peer's real CIDR must match what config declares", async () => {
    await expect(planSecondary({ network: { ...network, cidr: "10.11.0.0/16" } })).rejects.toThrow(
      'platform:peers[0].cidr = "10.10.0.0/16" but stack "us-east-1" has VPC CIDR "10.11.0.0/16": expected the peer\'s real CIDR',
    );
  });

  test("the peer's real region must match what config declares", async () => {
    await expect(planSecondary({ network: { ...network, region: "us-west-2" } })).rejects.toThrow(
      'platform:peers[0].region = "us-east-1" but stack "us-east-1" is in "us-west-2": expected the peer\'s real region',
    );
  });

  test("a peer that was never applied (no network output) is named, with the fix", async () => {
    await expect(planSecondary({})).rejects.toThrow(
      'Stack "us-east-1" has no "network" output: apply it before the stacks that list it in platform:peers',
    );
  });

  test("a malformed output names the stack, the output, each bad field and the fix", async () => {
    const older: Record<string, unknown> = { ...network };
    delete older.availabilityZones;
    await expect(
      planSecondary({ network: { ...older, isolatedRouteTableIds: "rtb-2", vpcId: "" }, data }),
    ).rejects.toThrow(
      'Stack "us-east-1" output "network" does not match this program\'s contract (stacks/contract.ts): ' +
        'network.vpcId = "": expected a non-empty string; ' +
        'network.isolatedRouteTableIds = "rtb-2": Invalid input: expected array, received string. ' +
        'Apply "us-east-1" with this version of the program first (it comes earlier in the apply order).',
    );
  });

  test("a peer without a data output is named, with the fix", async () => {
    await expect(planSecondary({ network })).rejects.toThrow(
      'Stack "us-east-1" has no "data" output: apply it before the stacks that list it in platform:peers',
    );
  });

  test("a peer without a tiers output is named, with the fix", async () => {
    await expect(planSecondary({ network, data })).rejects.toThrow(
      'Stack "us-east-1" has no "tiers" output: apply it before the stacks that list it in platform:peers',
    );
  });

  test("with a well-formed peer, one route per listed peer route table lands in the peer's region", async () => {
    const result = await planSecondary({
      network,
      tiers,
      originVerifySecret: "s3cr3t",
      data,
      edge,
    });
    const remote = result.records.filter(
      (r) => r.type === "aws:ec2/route:Route" && result.regions.get(r.urn) === "us-east-1",
    );
    expect(remote.map((r) => r.inputs.routeTableId)).toEqual(["rtb-1", "rtb-2"]);
    // The peer's app tier (its `tiers` output) may send to this VPC on the data ports, in its region.
    const egress = result.records.filter(
      (r) =>
        r.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" &&
        r.inputs.securityGroupId === "sg-app",
    );
    expect(egress.map((r) => [result.regions.get(r.urn), r.inputs.toPort, r.inputs.cidrIpv4])).toEqual([
      ["us-east-1", 5432, "10.20.0.0/16"],
      ["us-east-1", 6379, "10.20.0.0/16"],
    ]);
  });

  test("an earlier stack applied by the previous program (no zones, no peering IDs) still plans; its routes keep their old names", async () => {
    const older: Record<string, unknown> = { ...network };
    delete older.availabilityZones;
    delete older.peeringConnectionIds;
    const result = await planSecondary({
      network: older,
      tiers,
      originVerifySecret: "s3cr3t",
      data,
      edge,
      auroraMasterPassword: "p",
      cacheAuthToken: "t",
    });
    const remote = result.records.filter(
      (r) => r.type === "aws:ec2/route:Route" && result.regions.get(r.urn) === "us-east-1",
    );
    expect(remote.map((r) => [r.name, r.inputs.routeTableId])).toEqual([
      ["prod-euw1-to-us-east-1-accepter-route-0", "rtb-1"],
      ["prod-euw1-to-us-east-1-accepter-route-1", "rtb-2"],
    ]);
  });

  test("the secondary replicates the primary's secrets named in its data output into its own region, and reads those replicas", async () => {
    const result = await planSecondary({ network, tiers, originVerifySecret: "s3cr3t", data, edge });
    const replicas = result.records.filter((r) => r.type === SECRET_REPLICA_TYPE);
    expect(
      replicas.map((r) => [r.name, r.inputs.primarySecretArn, r.inputs.primaryRegion, r.inputs.region]),
    ).toEqual([
      ["prod-euw1-aurora-master-replica", data.aurora.secretArn, "us-east-1", "eu-west-1"],
      ["prod-euw1-cache-auth-replica", data.cache.secretArn, "us-east-1", "eu-west-1"],
    ]);
    const proxy = result.records.find((r) => r.type === "aws:rds/proxy:Proxy")!;
    expect(proxy.inputs.auths).toEqual([
      expect.objectContaining({ secretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:a" }),
    ]);
    expect(result.records.filter((r) => r.type === "aws:secretsmanager/secret:Secret")).toEqual([]);
  });

  test("a primary applied by the earlier design (data.secretReplicas, primary-owned replica keys) still plans", async () => {
    const earlier = {
      ...data,
      secretReplicas: { "eu-west-1": { kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/replicas" } },
    };
    const result = await planSecondary({ network, tiers, originVerifySecret: "s3cr3t", data: earlier, edge });
    const replicas = result.records.filter((r) => r.type === SECRET_REPLICA_TYPE);
    // This stack's replicas use its own data key, never the primary-owned one.
    expect(replicas.map((r) => String(r.inputs.kmsKeyArn).split("/")[1])).not.toContain("replicas");
    expect(replicas).toHaveLength(2);
  });

  test("a primary without its origin secret output is named, with the fix", async () => {
    await expect(planSecondary({ network, tiers, data })).rejects.toThrow(
      'Stack "us-east-1" has no "originVerifySecret" output: apply it before the stacks that list it in platform:peers',
    );
  });

  test("planning a stack before its peer explains the apply order", async () => {
    const error = await planSecondary().catch((e: unknown) => e);
    expect(String(error)).toBe(
      'StackOutputError: Stack "us-east-1" has no "network" output: apply it before the stacks that list it in platform:peers',
    );
  });
});
