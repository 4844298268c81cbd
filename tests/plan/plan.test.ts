import { join } from "node:path";
import { PLATFORM_PACKS } from "../../policies/pack";
import { ConfigError } from "../../src/config";
import { SECRET_REPLICA_TYPE } from "../../src/conventions";
import { planStacks } from "../../src/plan/plan";
import { runStack } from "../../src/plan/run-stack";
import { findStackFiles, readStackFile } from "../../src/plan/stack-files";
import type { StackPlan } from "../../src/plan/types";
import { program } from "../../stacks/program";
import { ROOT } from "../helpers/config";
import { realPlans } from "../helpers/plans";
import { thirdRegionFile } from "../helpers/third-region";

const projectFiles = () => findStackFiles(ROOT).map(readStackFile);
const plan = (files = projectFiles(), only?: string) =>
  planStacks({
    project: "platform",
    stackFiles: files,
    program,
    packs: PLATFORM_PACKS,
    ...(only ? { only } : {}),
  });

const custom = (p: StackPlan, type: string) =>
  p.resources.filter((r) => r.type === type && r.operation === "register");

describe("offline plan of the project's two stacks", () => {
  let primary: StackPlan;
  let secondary: StackPlan;
  beforeAll(async () => {
    [primary, secondary] = await realPlans();
  });

  test("plans the stacks in apply order: the primary, then the stack that peers with it", () => {
    expect([primary.stack, secondary.stack]).toEqual(["us-east-1", "eu-west-1"]);
    expect([primary.region, secondary.region]).toEqual(["us-east-1", "eu-west-1"]);
  });

  test("each document has the documented top-level fields", () => {
    for (const p of [primary, secondary]) {
      expect(Object.keys(p)).toEqual([
        "formatVersion",
        "stack",
        "project",
        "region",
        "config",
        "placeholders",
        "resources",
        "outputs",
        "policies",
      ]);
      expect(p.project).toBe("platform");
      expect(p.config["platform:role"]).toBe(p === primary ? "primary" : "secondary");
      expect(p.policies.packs).toEqual([
        { name: "security", version: "0.1.0" },
        { name: "cost", version: "0.1.0" },
        { name: "preflight", version: "0.1.0" },
      ]);
    }
  });

  test("every resource has urn, type, name, custom, parent, region, inputs and the options", () => {
    for (const p of [primary, secondary]) {
      const urns = new Set(p.resources.map((r) => r.urn));
      for (const r of p.resources) {
        expect(r.urn).toBe(`urn:pulumi:${p.stack}::platform::${r.urn.split("::")[2]}::${r.name}`);
        expect(typeof r.custom).toBe("boolean");
        expect(typeof r.region).toBe("string");
        // customTimeouts only where the program set one (the Karpenter NodePools and node class).
        const { customTimeouts, ...options } = r.options;
        if (customTimeouts) expect(Object.keys(customTimeouts).length).toBeGreaterThan(0);
        expect(Object.keys(options).sort()).toEqual([
          "aliases",
          "deleteBeforeReplace",
          "dependsOn",
          "ignoreChanges",
          "propertyDependencies",
          "protect",
          "retainOnDelete",
        ]);
        if (r.type === "pulumi:pulumi:Stack") expect(r.parent).toBeUndefined();
        else expect(urns.has(r.parent!)).toBe(true);
        for (const d of r.options.dependsOn) expect(urns.has(d)).toBe(true);
      }
    }
  });

  test("both stacks plan with no policy violation", () => {
    expect(primary.policies.violations).toEqual([]);
    expect(secondary.policies.violations).toEqual([]);
  });

  test("the primary owns no peering; the secondary owns both sides of its peering with the primary", () => {
    expect(custom(primary, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection")).toHaveLength(0);
    const [pcx] = custom(secondary, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection");
    expect(pcx.region).toBe("eu-west-1");
    const [acc] = custom(secondary, "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter");
    expect(acc.region).toBe("us-east-1");
  });

  test("peering routes cover every private and isolated route table of both stacks, read from the primary's plan outputs", () => {
    const network = primary.outputs.network as Record<string, string[]>;
    const primaryTables = [...network.privateRouteTableIds, ...network.isolatedRouteTableIds];
    expect(primaryTables).toHaveLength(6);
    const routes = custom(secondary, "aws:ec2/route:Route").filter((r) => r.inputs.vpcPeeringConnectionId);
    const remote = routes.filter((r) => r.region === "us-east-1");
    const local = routes.filter((r) => r.region === "eu-west-1");
    expect(remote.map((r) => r.inputs.routeTableId).sort()).toEqual([...primaryTables].sort());
    expect(new Set(remote.map((r) => r.inputs.destinationCidrBlock))).toEqual(new Set(["10.20.0.0/16"]));
    expect(local).toHaveLength(6);
    expect(new Set(local.map((r) => r.inputs.destinationCidrBlock))).toEqual(new Set(["10.10.0.0/16"]));
    const [pcx] = custom(secondary, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection");
    expect(pcx.inputs.peerVpcId).toBe((primary.outputs.network as Record<string, string>).vpcId);
  });

  test("mock IDs and ARNs are realistic and in the resource's own region", () => {
    for (const p of [primary, secondary]) {
      expect(custom(p, "aws:ec2/vpc:Vpc")[0].id).toMatch(/^vpc-[0-9a-f]{17}$/);
      expect(custom(p, "aws:ec2/subnet:Subnet").every((s) => /^subnet-[0-9a-f]{17}$/.test(s.id!))).toBe(true);
      const logsKey = custom(p, "aws:kms/key:Key").find((k) => k.name.endsWith("-logs"))!;
      expect(
        custom(p, "aws:cloudwatch/logGroup:LogGroup").find((g) => g.name.endsWith("-flow-logs"))!.inputs
          .kmsKeyId,
      ).toMatch(new RegExp(`^arn:aws:kms:${p.region}:111122223333:key/${logsKey.id}$`));
      const [fl] = custom(p, "aws:ec2/flowLog:FlowLog");
      expect(fl.inputs.logDestination).toMatch(
        new RegExp(`^arn:aws:logs:${p.region}:111122223333:log-group:`),
      );
    }
  });

  test("stateful resources carry protect from config; the key and its log group are in the stack's region", () => {
    for (const p of [primary, secondary]) {
      const [key] = custom(p, "aws:kms/key:Key");
      expect(key.options.protect).toBe(true);
      expect(key.inputs.enableKeyRotation).toBe(true);
      expect(key.region).toBe(p.region);
      expect(custom(p, "aws:ec2/vpc:Vpc")[0].options.protect).toBe(false);
    }
  });

  test("names come from the environment and region, so they differ between stacks", () => {
    expect(custom(primary, "aws:ec2/vpc:Vpc")[0].name).toBe("prod-use1");
    expect(custom(secondary, "aws:ec2/vpc:Vpc")[0].name).toBe("prod-euw1");
    const peering = secondary.resources.filter((r) => r.name === "prod-euw1-to-us-east-1").map((r) => r.type);
    expect(peering.sort()).toEqual([
      "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
      "platform:network:VpcPeering",
    ]);
  });

  test("a dynamic resource's serialized provider is recorded as a marker, so the plan stays small", () => {
    const dynamic = secondary.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
    expect(dynamic.map((r) => r.inputs.__provider)).toEqual([
      "[dynamic provider: SecretReplica]",
      "[dynamic provider: SecretReplica]",
    ]);
    // A serialized provider is hundreds of kilobytes of closure source; the largest real record (the
    // order workflow's ASL definition) is about 12 kB.
    const largest = Math.max(...secondary.resources.map((r) => JSON.stringify(r).length));
    expect(largest).toBeLessThan(50_000);
  });

  test("two runs give the same plan, byte for byte", async () => {
    const again = await plan();
    expect(JSON.stringify(again)).toBe(JSON.stringify([primary, secondary]));
  });
});

describe("offline plan: a third region needs only its stack file", () => {
  test("ap-south-1 plans after both and peers with each of them", async () => {
    const plans = await plan([...projectFiles(), thirdRegionFile()]);
    expect(plans.map((p) => p.stack)).toEqual(["us-east-1", "eu-west-1", "ap-south-1"]);
    const third = plans[2];
    expect(third.policies.violations).toEqual([]);
    const conns = custom(third, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection");
    expect(conns.map((c) => c.inputs.peerRegion).sort()).toEqual(["eu-west-1", "us-east-1"]);
    const routes = custom(third, "aws:ec2/route:Route").filter((r) => r.inputs.vpcPeeringConnectionId);
    const byRegion = (region: string) =>
      routes.filter((r) => r.region === region).map((r) => r.inputs.destinationCidrBlock);
    expect(byRegion("us-east-1")).toEqual(Array(6).fill("10.30.0.0/16"));
    expect(byRegion("eu-west-1")).toEqual(Array(6).fill("10.30.0.0/16"));
    expect(byRegion("ap-south-1").sort()).toEqual([
      ...Array(6).fill("10.10.0.0/16"),
      ...Array(6).fill("10.20.0.0/16"),
    ]);
    expect(custom(third, "aws:ec2/natGateway:NatGateway")).toHaveLength(1);
    // It replicates the primary's two secrets into its own region itself ...
    const primaryData = plans[0].outputs.data as {
      aurora: { secretArn: string };
      cache: { secretArn: string };
    };
    expect(
      custom(third, SECRET_REPLICA_TYPE).map((r) => [
        r.region,
        r.inputs.primarySecretArn,
        r.inputs.primaryRegion,
      ]),
    ).toEqual([
      ["ap-south-1", primaryData.aurora.secretArn, "us-east-1"],
      ["ap-south-1", primaryData.cache.secretArn, "us-east-1"],
    ]);
    // ... so the earlier stacks plan exactly as without it.
    expect(JSON.stringify(plans.slice(0, 2))).toBe(JSON.stringify(await realPlans()));
  });

  test("--stack plans the requested stack's peers first but returns only it", async () => {
    const plans = await plan([...projectFiles(), thirdRegionFile()], "ap-south-1");
    expect(plans.map((p) => p.stack)).toEqual(["ap-south-1"]);
  });
});

describe("offline plan: invalid config", () => {
  const badFile = () => readStackFile(join(ROOT, "tests", "fixtures", "bad-config", "Pulumi.us-east-1.yaml"));

  test("the plan fails with the ConfigError listing every problem", async () => {
    const error = await plan([badFile()]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'platform:role = "leader" is not a role: expected one of "primary", "secondary"',
      'platform:network.cidr = "10.10.1.0/16" is not a valid VPC CIDR: expected an RFC 1918 IPv4 network address "a.b.c.d/n" with no host bits set and n from 16 to 20',
      'platform:network.availabilityZones = ["us-east-1a"] has fewer than 2 Availability Zones: expected 2 to 6 zones of the stack\'s region',
    ]);
  });

  test("no resource is registered but Pulumi's own root stack", async () => {
    const f = badFile();
    const types: string[] = [];
    const error = await runStack({
      stack: f.stack,
      project: "platform",
      config: f.values,
      secretKeys: [],
      region: "us-east-1",
      accountId: "111122223333",
      stackOutputs: new Map(),
      program,
      onRecord: (r) => types.push(r.type),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(types).toEqual(["pulumi:pulumi:Stack"]);
  });
});
