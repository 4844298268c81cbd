import { Vpc, type VpcArgs } from "../../components/network";
import { run, T, type Ran } from "../helpers/run";

const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];
const base: VpcArgs = {
  cidr: "10.10.0.0/16",
  region: "us-east-1",
  accountId: "111122223333",
  availabilityZones: ZONES,
  flowLogKmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/abc",
  interfaceEndpoints: ["ssm", "ecr.api"],
  karpenterDiscovery: "prod-use1-eks",
  tags: { owner: "team", "cost-center": "cc" },
};
const runVpc = (args: Partial<VpcArgs> = {}) => run(() => new Vpc("net", { ...base, ...args }));

describe("Vpc (one-per-az NAT, three zones)", () => {
  let ran: Ran;
  beforeAll(async () => {
    ran = await runVpc();
  });

  test("one VPC with DNS support and hostnames, parented to the component", () => {
    const [vpc] = ran.ofType(T.vpc);
    expect(ran.ofType(T.vpc)).toHaveLength(1);
    expect(vpc.inputs).toMatchObject({
      cidrBlock: "10.10.0.0/16",
      enableDnsSupport: true,
      enableDnsHostnames: true,
    });
    expect(vpc.parent).toMatch(/platform:network:Vpc::net$/);
  });

  test("three subnets per zone, one per tier, with the layout's CIDRs and no public IP mapping", () => {
    const subnets = ran.ofType(T.subnet);
    expect(subnets).toHaveLength(9);
    for (const az of ZONES) {
      const inZone = subnets.filter((s) => s.inputs.availabilityZone === az);
      expect(inZone.map((s) => (s.inputs.tags as Record<string, string>)["platform:tier"]).sort()).toEqual([
        "isolated",
        "private",
        "public",
      ]);
    }
    expect(subnets.every((s) => s.inputs.mapPublicIpOnLaunch === false)).toBe(true);
    expect(ran.one(T.subnet, "net-private-us-east-1b").inputs.cidrBlock).toBe("10.10.16.0/20");
    expect(ran.one(T.subnet, "net-isolated-us-east-1c").inputs.cidrBlock).toBe("10.10.144.0/21");
    expect(ran.one(T.subnet, "net-public-us-east-1a").inputs.cidrBlock).toBe("10.10.192.0/21");
  });

  test("private subnets carry the Karpenter discovery tag; other tiers do not", () => {
    const tagged = ran
      .ofType(T.subnet)
      .filter((s) => (s.inputs.tags as Record<string, string>)["karpenter.sh/discovery"]);
    expect(tagged.map((s) => s.name).sort()).toEqual(ZONES.map((z) => `net-private-${z}`));
    expect((tagged[0].inputs.tags as Record<string, string>)["karpenter.sh/discovery"]).toBe("prod-use1-eks");
  });

  test("one route table per private and isolated subnet, one shared public table", () => {
    expect(ran.ofType(T.routeTable)).toHaveLength(1 + 3 + 3);
    expect(ran.ofType(T.assoc)).toHaveLength(9);
    const assoc = ran.one(T.assoc, "net-isolated-us-east-1a");
    const rt = ran.one(T.routeTable, "net-isolated-us-east-1a");
    expect(assoc.inputs.routeTableId).toBe(rt.id);
  });

  test("a NAT gateway per zone; each private table routes 0.0.0.0/0 to its own zone's NAT", () => {
    const nats = ran.ofType(T.nat);
    expect(nats).toHaveLength(3);
    expect(ran.ofType(T.eip)).toHaveLength(3);
    for (const az of ZONES) {
      const route = ran.one(T.route, `net-private-${az}-default`);
      expect(route.inputs.destinationCidrBlock).toBe("0.0.0.0/0");
      expect(route.inputs.natGatewayId).toBe(ran.one(T.nat, `net-nat-${az}`).id);
      expect(route.inputs.routeTableId).toBe(ran.one(T.routeTable, `net-private-${az}`).id);
      expect(ran.one(T.nat, `net-nat-${az}`).inputs.subnetId).toBe(ran.one(T.subnet, `net-public-${az}`).id);
    }
  });

  test("isolated route tables have no route at all; the public one routes to the internet gateway", () => {
    const routes = ran.ofType(T.route);
    const isolatedTables = ZONES.map((z) => ran.one(T.routeTable, `net-isolated-${z}`).id);
    expect(routes.filter((r) => isolatedTables.includes(r.inputs.routeTableId as string))).toEqual([]);
    const pub = ran.one(T.route, "net-public-default");
    expect(pub.inputs).toMatchObject({
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: ran.ofType(T.igw)[0].id,
    });
  });

  test("the default security group is adopted with no rules", () => {
    const [sg] = ran.ofType(T.defaultSg);
    expect(sg.inputs).toMatchObject({ ingress: [], egress: [], vpcId: ran.ofType(T.vpc)[0].id });
  });

  test("the isolated tier has a network ACL that admits only the VPC CIDR", () => {
    const [acl] = ran.ofType(T.nacl);
    expect((acl.inputs.subnetIds as string[]).sort()).toEqual(
      ZONES.map((z) => ran.one(T.subnet, `net-isolated-${z}`).id).sort(),
    );
    const rules = ran.ofType(T.naclRule);
    expect(
      rules.map((r) => [r.inputs.egress, r.inputs.cidrBlock, r.inputs.ruleNumber, r.inputs.ruleAction]),
    ).toEqual([
      [true, "10.10.0.0/16", 100, "allow"],
      [false, "10.10.0.0/16", 100, "allow"],
    ]);
  });

  test("S3 and DynamoDB gateway endpoints on the private route tables only (the isolated ACL would deny their traffic); interface endpoints from args", () => {
    const endpoints = ran.ofType(T.endpoint);
    const gateways = endpoints.filter((e) => e.inputs.vpcEndpointType === "Gateway");
    expect(gateways.map((e) => e.inputs.serviceName).sort()).toEqual([
      "com.amazonaws.us-east-1.dynamodb",
      "com.amazonaws.us-east-1.s3",
    ]);
    const privateTables = ZONES.map((z) => ran.one(T.routeTable, `net-private-${z}`).id);
    for (const g of gateways) expect(g.inputs.routeTableIds).toEqual(privateTables);
    const iface = endpoints.filter((e) => e.inputs.vpcEndpointType === "Interface");
    expect(iface.map((e) => e.inputs.serviceName)).toEqual([
      "com.amazonaws.us-east-1.ecr.api",
      "com.amazonaws.us-east-1.ssm",
    ]);
    expect(
      iface.every(
        (e) => e.inputs.privateDnsEnabled === true && (e.inputs.subnetIds as string[]).length === 3,
      ),
    ).toBe(true);
    const [sg] = ran.ofType(T.sg);
    expect(sg.inputs.ingress).toEqual([
      {
        protocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrBlocks: ["10.10.0.0/16"],
        description: "HTTPS from the VPC",
      },
    ]);
  });

  test("flow logs of all traffic go to a KMS-encrypted log group with a retention period", () => {
    const [fl] = ran.ofType(T.flowLog);
    const [group] = ran.ofType(T.logGroup);
    expect(group.inputs).toMatchObject({ kmsKeyId: base.flowLogKmsKeyArn, retentionInDays: 365 });
    expect(fl.inputs).toMatchObject({
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      vpcId: ran.ofType(T.vpc)[0].id,
    });
    expect(fl.inputs.logDestination).toBe(
      "arn:aws:logs:us-east-1:111122223333:log-group:/platform/vpc/net/flow-logs",
    );
    const role = ran.ofType(T.role)[0];
    expect(fl.inputs.iamRoleArn).toBe(`arn:aws:iam::111122223333:role/${String(role.id)}`);
    expect(JSON.parse(role.inputs.assumeRolePolicy as string).Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": "111122223333" },
          ArnLike: { "aws:SourceArn": "arn:aws:ec2:us-east-1:111122223333:vpc-flow-log/*" },
        },
      },
    ]);
  });

  test("every child is parented to the component, named from it, and tagged with the given tags and a Name", () => {
    const children = ran.records.filter((r) => r.custom);
    const component = ran.records.find((r) => r.type === "platform:network:Vpc")!;
    expect(children.every((r) => r.parent === component.urn)).toBe(true);
    expect(children.every((r) => r.name.startsWith("net"))).toBe(true);
    const tagged = children.filter((r) => r.inputs.tags !== undefined);
    expect(tagged.length).toBeGreaterThan(30);
    for (const r of tagged)
      expect(r.inputs.tags).toMatchObject({ owner: "team", "cost-center": "cc", Name: expect.any(String) });
  });
});

describe("Vpc NAT strategies", () => {
  test("single: one NAT gateway that every private table routes to", async () => {
    const ran = await runVpc({ natStrategy: "single" });
    const nats = ran.ofType(T.nat);
    expect(nats).toHaveLength(1);
    const defaults = ran.ofType(T.route).filter((r) => r.name.startsWith("net-private-"));
    expect(defaults).toHaveLength(3);
    expect(new Set(defaults.map((r) => r.inputs.natGatewayId))).toEqual(new Set([nats[0].id]));
  });

  test("none: no NAT gateway, no EIP and no default route in the private tier", async () => {
    const ran = await runVpc({ natStrategy: "none", interfaceEndpoints: [] });
    expect(ran.ofType(T.nat)).toHaveLength(0);
    expect(ran.ofType(T.eip)).toHaveLength(0);
    expect(ran.ofType(T.route).map((r) => r.name)).toEqual(["net-public-default"]);
    expect(ran.ofType(T.sg)).toHaveLength(0);
  });

  test("fewer than 2 zones is refused", async () => {
    await expect(runVpc({ availabilityZones: ["us-east-1a"] })).rejects.toThrow(
      "Vpc net: needs at least 2 Availability Zones, got 1",
    );
  });
});
