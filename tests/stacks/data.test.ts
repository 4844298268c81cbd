import type { StackPlan } from "../../src/plan/types";
import { one, ofType } from "../helpers/plan";
import { realPlans } from "../helpers/plans";

describe("the data tier in both region stacks", () => {
  let use1: StackPlan;
  let euw1: StackPlan;
  beforeAll(async () => {
    [use1, euw1] = await realPlans();
  });

  test("every data and preflight policy passes", () => {
    expect([...use1.policies.violations, ...euw1.policies.violations]).toEqual([]);
  });

  test("the global objects live only in the primary, protected; each stack has its own members", () => {
    expect(ofType(use1, "rds/globalCluster:GlobalCluster")).toHaveLength(1);
    expect(ofType(euw1, "rds/globalCluster:GlobalCluster")).toHaveLength(0);
    expect(ofType(use1, "elasticache/globalReplicationGroup:GlobalReplicationGroup")).toHaveLength(1);
    expect(ofType(euw1, "elasticache/globalReplicationGroup:GlobalReplicationGroup")).toHaveLength(0);
    const g = one(use1, "rds/globalCluster:GlobalCluster");
    expect(g.inputs).toMatchObject({
      engine: "aurora-postgresql",
      engineVersion: "16.4",
      storageEncrypted: true,
      deletionProtection: true,
    });
    expect(g.options.protect).toBe(true);
    const grg = one(use1, "elasticache/globalReplicationGroup:GlobalReplicationGroup");
    expect(grg.options).toMatchObject({ protect: true, ignoreChanges: ["primaryReplicationGroupId"] });
    for (const p of [use1, euw1]) {
      expect(ofType(p, "rds/cluster:Cluster")).toHaveLength(1);
      expect(ofType(p, "elasticache/replicationGroup:ReplicationGroup")).toHaveLength(1);
    }
  });

  test("the primary has a writer and a reader; the secondary a reader", () => {
    expect(ofType(use1, "rds/clusterInstance:ClusterInstance")).toHaveLength(2);
    expect(ofType(euw1, "rds/clusterInstance:ClusterInstance")).toHaveLength(1);
  });

  test("the secondary joins through the primary's outputs and sets no credentials nor inherited settings", () => {
    const c = one(euw1, "rds/cluster:Cluster");
    expect(c.inputs.globalClusterIdentifier).toBe(
      (use1.outputs.data as { aurora: { globalClusterIdentifier: string } }).aurora.globalClusterIdentifier,
    );
    expect(c.inputs.masterUsername).toBeUndefined();
    expect(c.inputs.masterPassword).toBeUndefined();
    const r = one(euw1, "elasticache/replicationGroup:ReplicationGroup");
    expect(r.inputs.globalReplicationGroupId).toBe(
      (use1.outputs.data as { cache: { globalReplicationGroupId: string } }).cache.globalReplicationGroupId,
    );
    expect(
      Object.keys(r.inputs).filter((k) =>
        [
          "engine",
          "engineVersion",
          "nodeType",
          "kmsKeyId",
          "authToken",
          "atRestEncryptionEnabled",
          "transitEncryptionEnabled",
        ].includes(k),
      ),
    ).toEqual([]);
  });

  test("the primary publishes the global cluster id only once its writer exists", () => {
    const writer = ofType(use1, "rds/clusterInstance:ClusterInstance").find(
      (i) => i.name === "prod-use1-aurora-1",
    )!;
    expect(writer.inputs.promotionTier).toBe(0);
    expect((use1.outputs.data as { aurora: Record<string, unknown> }).aurora.globalClusterIdentifier).toBe(
      "prod-platform",
    );
  });

  test("each cluster, cache and secret uses a customer-managed key of its own region, and every stateful resource is protected", () => {
    for (const p of [use1, euw1]) {
      const key = ofType(p, "kms/key:Key").find((k) => k.name.endsWith("-data"))!;
      expect(key.options.protect).toBe(true);
      const keyRegion = (arn: unknown) => String(arn).split(":")[3];
      expect(keyRegion(one(p, "rds/cluster:Cluster").inputs.kmsKeyId)).toBe(p.region);
      for (const s of ofType(p, "secretsmanager/secret:Secret")) {
        expect(keyRegion(s.inputs.kmsKeyId)).toBe(p.region);
        expect(s.options.protect).toBe(true);
      }
      expect(one(p, "rds/cluster:Cluster").options.protect).toBe(true);
      expect(one(p, "elasticache/replicationGroup:ReplicationGroup").options.protect).toBe(true);
    }
    expect(
      String(one(use1, "elasticache/replicationGroup:ReplicationGroup").inputs.kmsKeyId).split(":")[3],
    ).toBe("us-east-1");
  });

  test("credentials: generated once in the primary, copied into the secondary, never in a plan", () => {
    expect(
      ofType(use1, "secretsmanager/secret:Secret")
        .map((s) => s.name)
        .sort(),
    ).toEqual(["prod-use1-aurora-master", "prod-use1-cache-auth"]);
    expect(
      ofType(euw1, "secretsmanager/secret:Secret")
        .map((s) => s.name)
        .sort(),
    ).toEqual(["prod-euw1-aurora-master", "prod-euw1-cache-auth"]);
    expect(
      use1.resources
        .filter((r) => r.type === "random:index/randomPassword:RandomPassword")
        .map((r) => r.name)
        .sort(),
    ).toEqual(["prod-use1-aurora-master", "prod-use1-cache-auth", "prod-use1-origin-verify"]);
    expect(
      euw1.resources.filter((r) => r.type === "random:index/randomPassword:RandomPassword"),
    ).toHaveLength(0);
    expect(use1.outputs.auroraMasterPassword).toBe("[secret]");
    expect(use1.outputs.cacheAuthToken).toBe("[secret]");
    for (const p of [use1, euw1]) {
      for (const v of ofType(p, "secretsmanager/secretVersion:SecretVersion"))
        expect(v.inputs.secretString).toBe("[secret]");
    }
  });

  test("data stores admit the app tier's group and the peer's CIDR only; the later stack opens the earlier stack's stores to itself", () => {
    const appSg = ofType(use1, "ec2/securityGroup:SecurityGroup").find(
      (g) => g.name === "prod-use1-app-instances",
    )!;
    const rules = (p: StackPlan, prefix: string) =>
      ofType(p, "vpc/securityGroupIngressRule:SecurityGroupIngressRule")
        .filter((r) => r.name.startsWith(prefix))
        .map((r) => [
          r.name,
          r.region,
          r.inputs.fromPort,
          r.inputs.referencedSecurityGroupId ?? r.inputs.cidrIpv4,
        ]);
    const nodes = (p: StackPlan, prefix: string) =>
      ofType(p, "ec2/securityGroup:SecurityGroup").find((g) => g.name === `${prefix}-eks-nodes`)!.id;
    expect(rules(use1, "prod-use1-cache-")).toEqual([
      ["prod-use1-cache-from-app", "us-east-1", 6379, appSg.id],
      ["prod-use1-cache-from-eks-nodes", "us-east-1", 6379, nodes(use1, "prod-use1")],
    ]);
    const euApp = ofType(euw1, "ec2/securityGroup:SecurityGroup").find(
      (g) => g.name === "prod-euw1-app-instances",
    )!;
    expect(rules(euw1, "prod-euw1-cache-")).toEqual([
      ["prod-euw1-cache-from-app", "eu-west-1", 6379, euApp.id],
      ["prod-euw1-cache-from-eks-nodes", "eu-west-1", 6379, nodes(euw1, "prod-euw1")],
      ["prod-euw1-cache-from-us-east-1", "eu-west-1", 6379, "10.10.0.0/16"],
    ]);
    const primaryData = use1.outputs.data as {
      aurora: { securityGroupId: string };
      cache: { securityGroupId: string };
    };
    const cross = ofType(euw1, "vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) =>
      r.name.startsWith("prod-euw1-data-from-us-east-1"),
    );
    expect(
      cross.map((r) => [r.region, r.inputs.securityGroupId, r.inputs.fromPort, r.inputs.cidrIpv4]),
    ).toEqual([
      ["us-east-1", primaryData.aurora.securityGroupId, 5432, "10.20.0.0/16"],
      ["us-east-1", primaryData.cache.securityGroupId, 6379, "10.20.0.0/16"],
    ]);
  });

  test("outputs: the global writer endpoint everywhere, each region's reader endpoint, secret ARNs, groups", () => {
    const d = (p: StackPlan) =>
      p.outputs.data as { aurora: Record<string, string>; cache: Record<string, unknown> };
    expect(d(use1).aurora.globalWriterEndpoint).toMatch(
      /^prod-platform\.global-[0-9a-f]+\.global\.rds\.amazonaws\.com$/,
    );
    expect(d(euw1).aurora.globalWriterEndpoint).toBe(d(use1).aurora.globalWriterEndpoint);
    expect(d(use1).aurora.readerEndpoint).toContain(".cluster-ro-");
    expect(d(euw1).aurora.readerEndpoint).toContain(".eu-west-1.rds.amazonaws.com");
    expect(d(euw1).aurora.secretArn).toMatch(/^arn:aws:secretsmanager:eu-west-1:/);
    expect(d(euw1).cache).toMatchObject({
      port: 6379,
      secretArn: expect.stringMatching(/^arn:aws:secretsmanager:eu-west-1:/),
    });
    expect(d(use1).cache.primaryEndpoint).toMatch(/^master\..*\.us-east-1\.cache\.amazonaws\.com$/);
  });
});
