import { SECRET_REPLICA_TYPE } from "../../src/conventions";
import type { StackPlan } from "../../src/plan/types";
import { one, ofType } from "../helpers/plan";
import { realPlans } from "../helpers/plans";
import { secondaryReaders } from "../../stacks/data";

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
    // Engine, version and node type live on the global datastore (the engine explicitly: with a
    // version and no engine the provider assumes redis), which upgrades and resizes every member.
    expect(grg.inputs).toMatchObject({
      engine: "valkey",
      engineVersion: "8.0",
      cacheNodeType: "cache.r7g.large",
    });
    for (const p of [use1, euw1]) {
      expect(ofType(p, "rds/cluster:Cluster")).toHaveLength(1);
      expect(ofType(p, "elasticache/replicationGroup:ReplicationGroup")).toHaveLength(1);
    }
  });

  test("every region behind a proxy runs two instances: the primary a writer and a reader, the warm-standby secondary two", () => {
    expect(ofType(use1, "rds/clusterInstance:ClusterInstance")).toHaveLength(2);
    // One becomes the writer after a switchover; the proxy's READ_ONLY endpoint needs the other.
    const secondary = ofType(euw1, "rds/clusterInstance:ClusterInstance");
    expect(secondary.map((i) => [i.name, i.inputs.promotionTier])).toEqual([
      ["prod-euw1-aurora-1", 0],
      ["prod-euw1-aurora-2", 1],
    ]);
  });

  test("Aurora Auto Scaling only on the writer's cluster; secondaries run a fixed count", () => {
    const target = one(use1, "appautoscaling/target:Target");
    expect(target.options.propertyDependencies.resourceId).toEqual([one(use1, "rds/cluster:Cluster").urn]);
    expect(ofType(euw1, "appautoscaling/target:Target")).toHaveLength(0);
    expect(ofType(euw1, "appautoscaling/policy:Policy")).toHaveLength(0);
    expect(secondaryReaders(3, "active", false)).toBe(3);
    expect(secondaryReaders(3, "warm-standby", false)).toBe(1);
    expect(secondaryReaders(2, "pilot-light", false)).toBe(1);
    // Behind a proxy, two in every posture (a writer after a switchover, and a reader).
    expect(secondaryReaders(3, "active", true)).toBe(3);
    expect(secondaryReaders(1, "active", true)).toBe(2);
    expect(secondaryReaders(3, "warm-standby", true)).toBe(2);
    expect(secondaryReaders(2, "pilot-light", true)).toBe(2);
  });

  test("upgrades go through the global cluster: it does not ignore its engine version, members do", () => {
    const g = one(use1, "rds/globalCluster:GlobalCluster");
    expect(g.options.ignoreChanges).not.toContain("engineVersion");
    // A major upgrade changes the parameter group family with the version: the cluster moves to the
    // new group only after the global cluster's upgrade (it depends on the global cluster), and every
    // stack's family follows the one version all stack files pin.
    const major = String(g.inputs.engineVersion).split(".")[0];
    expect(one(use1, "rds/cluster:Cluster").options.propertyDependencies.globalClusterIdentifier).toContain(
      g.urn,
    );
    for (const p of [use1, euw1])
      expect(one(p, "rds/clusterParameterGroup:ClusterParameterGroup").inputs.family).toBe(
        `aurora-postgresql${major}`,
      );
    for (const p of [use1, euw1])
      expect(one(p, "rds/cluster:Cluster").options.ignoreChanges).toContain("engineVersion");
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
          "authToken",
          "atRestEncryptionEnabled",
          "transitEncryptionEnabled",
        ].includes(k),
      ),
    ).toEqual([]);
  });

  test("each cluster exports to a log group created first, with retention and the region's logs key", () => {
    for (const p of [use1, euw1]) {
      const c = one(p, "rds/cluster:Cluster");
      const group = ofType(p, "cloudwatch/logGroup:LogGroup").find(
        (g) => g.inputs.name === `/aws/rds/cluster/${String(c.inputs.clusterIdentifier)}/postgresql`,
      )!;
      const logsKey = ofType(p, "kms/key:Key").find((k) => k.name.endsWith("-logs"))!;
      expect(group.inputs).toMatchObject({
        retentionInDays: 365,
        kmsKeyId: `arn:aws:kms:${p.region}:111122223333:key/${logsKey.id}`,
      });
      expect(c.options.dependsOn).toContain(group.urn);
    }
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
    // The secondary member too: it inherits encryption at rest, not the key.
    for (const p of [use1, euw1]) {
      const dataKey = ofType(p, "kms/key:Key").find((k) => k.name.endsWith("-data"))!;
      expect(one(p, "elasticache/replicationGroup:ReplicationGroup").inputs.kmsKeyId).toBe(
        `arn:aws:kms:${p.region}:111122223333:key/${dataKey.id}`,
      );
    }
  });

  test("credentials: generated once in the primary, replicated natively, never a stack output nor in a plan", () => {
    expect(
      ofType(use1, "secretsmanager/secret:Secret")
        .map((s) => s.name)
        .sort(),
    ).toEqual(["prod-use1-aurora-master", "prod-use1-cache-auth"]);
    // The secondary keeps no copy: it reads the primary's replicas in its own region.
    expect(ofType(euw1, "secretsmanager/secret:Secret")).toHaveLength(0);
    expect(ofType(euw1, "secretsmanager/secretVersion:SecretVersion")).toHaveLength(0);
    expect(
      use1.resources
        .filter((r) => r.type === "random:index/randomPassword:RandomPassword")
        .map((r) => r.name)
        .sort(),
    ).toEqual(["prod-use1-aurora-master", "prod-use1-cache-auth", "prod-use1-origin-verify"]);
    expect(
      euw1.resources.filter((r) => r.type === "random:index/randomPassword:RandomPassword"),
    ).toHaveLength(0);
    for (const p of [use1, euw1]) {
      expect(Object.keys(p.outputs)).not.toContain("auroraMasterPassword");
      expect(Object.keys(p.outputs)).not.toContain("cacheAuthToken");
    }
    for (const v of ofType(use1, "secretsmanager/secretVersion:SecretVersion"))
      expect(v.inputs.secretString).toBe("[secret]");
  });

  test("only the primary's cluster (and the global cluster) name the database; the secondary inherits it", () => {
    const name = one(use1, "rds/globalCluster:GlobalCluster").inputs.databaseName;
    expect(name).toEqual(expect.any(String));
    expect(one(use1, "rds/cluster:Cluster").inputs.databaseName).toBe(name);
    expect(one(euw1, "rds/cluster:Cluster").inputs.databaseName).toBeUndefined();
  });

  test("the Aurora master password is rotated out of band: the cluster and the master secret's version ignore it; the AUTH token does not", () => {
    expect(one(use1, "rds/cluster:Cluster").options.ignoreChanges).toContain("masterPassword");
    const versions = ofType(use1, "secretsmanager/secretVersion:SecretVersion").map((v) => [
      v.name,
      v.inputs.versionStages,
      v.options.ignoreChanges ?? [],
    ]);
    expect(versions).toEqual([
      ["prod-use1-aurora-master", ["AWSCURRENT", "PULUMI_INITIAL"], ["secretString", "versionStages"]],
      ["prod-use1-cache-auth", undefined, []],
    ]);
  });

  test("the primary's secrets have no replicas of their own and ignore them; it creates no key in another region", () => {
    for (const s of ofType(use1, "secretsmanager/secret:Secret")) {
      expect(s.inputs.replicas).toBeUndefined();
      expect(s.options.ignoreChanges).toEqual(["replicas"]);
      expect(s.options.protect).toBe(true);
    }
    expect(use1.resources.filter((r) => r.type === SECRET_REPLICA_TYPE)).toEqual([]);
    expect(ofType(use1, "kms/key:Key").filter((k) => k.region !== "us-east-1")).toEqual([]);
    expect(Object.keys(use1.outputs.data as object).sort()).toEqual(["aurora", "cache"]);
  });

  test("the secondary replicates each of the primary's secrets into its own region, under its own data key, protected", () => {
    const primaryData = use1.outputs.data as { aurora: { secretArn: string }; cache: { secretArn: string } };
    const dataKey = ofType(euw1, "kms/key:Key").find((k) => k.name === "prod-euw1-data")!;
    const replica = (secret: string, primarySecretArn: string) => [
      `prod-euw1-${secret}-replica`,
      "eu-west-1",
      true,
      {
        __provider: "[dynamic provider: SecretReplica]",
        region: "eu-west-1",
        primarySecretArn,
        primaryRegion: "us-east-1",
        kmsKeyArn: `arn:aws:kms:eu-west-1:111122223333:key/${dataKey.id}`,
      },
    ];
    const replicas = euw1.resources.filter((r) => r.type === SECRET_REPLICA_TYPE);
    expect(replicas.map((r) => [r.name, r.region, r.options.protect, r.inputs])).toEqual([
      replica("aurora-master", primaryData.aurora.secretArn),
      replica("cache-auth", primaryData.cache.secretArn),
    ]);
    for (const r of replicas) expect(r.options.propertyDependencies.kmsKeyArn).toEqual([dataKey.urn]);
  });

  test("the secondary reads its local replicas: the primary's secret ARNs with its own region, under its own key", () => {
    const arns = (p: StackPlan) => {
      const d = p.outputs.data as { aurora: { secretArn: string }; cache: { secretArn: string } };
      return [d.aurora.secretArn, d.cache.secretArn];
    };
    expect(arns(euw1)).toEqual(arns(use1).map((a) => a.replace(":us-east-1:", ":eu-west-1:")));
    const proxy = one(euw1, "rds/proxy:Proxy");
    expect(proxy.inputs.auths).toEqual([expect.objectContaining({ secretArn: arns(euw1)[0] })]);
    // The proxy waits for the replica: its secret ARN comes from the SecretReplica.
    const masterReplica = euw1.resources.find(
      (r) => r.type === SECRET_REPLICA_TYPE && r.name.includes("aurora"),
    )!;
    expect(proxy.options.propertyDependencies.auths).toEqual([masterReplica.urn]);
    const proxyPolicy = ofType(euw1, "iam/rolePolicy:RolePolicy").find(
      (r) => r.name === "prod-euw1-aurora-proxy",
    )!;
    const dataKey = ofType(euw1, "kms/key:Key").find((k) => k.name === "prod-euw1-data")!;
    expect(JSON.parse(String(proxyPolicy.inputs.policy))).toMatchObject({
      Statement: [
        { Resource: arns(euw1)[0] },
        { Resource: `arn:aws:kms:eu-west-1:111122223333:key/${dataKey.id}` },
      ],
    });
  });

  test("the app tier's role reads exactly its region's data secrets, decrypts them via Secrets Manager, connects through the proxy", () => {
    for (const p of [use1, euw1]) {
      const role = ofType(p, "iam/role:Role").find(
        (r) => r.name === `${p === use1 ? "prod-use1" : "prod-euw1"}-app-asg`,
      )!;
      const inline = ofType(p, "iam/rolePolicy:RolePolicy").filter((r) => r.inputs.role === role.id);
      expect(inline.map((r) => r.name)).toEqual([
        `${p === use1 ? "prod-use1" : "prod-euw1"}-app-data-access`,
        // The order pipeline's grant (tests/stacks/pipeline.test.ts).
        `${p === use1 ? "prod-use1" : "prod-euw1"}-app-orders`,
      ]);
      const d = p.outputs.data as {
        aurora: { secretArn: string };
        cache: { secretArn: string };
      };
      const statements = (
        JSON.parse(String(inline[0].inputs.policy)) as { Statement: Record<string, unknown>[] }
      ).Statement;
      expect(statements.map((s) => [s.Action, s.Resource])).toEqual([
        [["secretsmanager:GetSecretValue"], [d.aurora.secretArn, d.cache.secretArn]],
        [["kms:Decrypt"], expect.stringMatching(new RegExp(`^arn:aws:kms:${p.region}:`))],
        [
          ["rds-db:connect"],
          expect.stringMatching(
            new RegExp(`^arn:aws:rds-db:${p.region}:111122223333:dbuser:prx-[0-9a-f]+/platform_admin$`),
          ),
        ],
      ]);
      // Secrets in this region only (the secondary's are its local replicas).
      expect([d.aurora.secretArn, d.cache.secretArn].every((a) => a.split(":")[3] === p.region)).toBe(true);
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
    // Sessions are written to the datastore's primary member from every region (a secondary
    // member answers READONLY) and read from the region's own member.
    expect(d(use1).cache.writerEndpoint).toMatch(
      /^master\.prod-use1-cache-[0-9a-f]+\.[0-9a-f]+\.us-east-1\.cache\.amazonaws\.com$/,
    );
    expect(d(euw1).cache.writerEndpoint).toBe(d(use1).cache.writerEndpoint);
    // Each region's own member (the writer region's is the writer endpoint).
    expect(d(use1).cache.memberEndpoint).toBe(d(use1).cache.writerEndpoint);
    expect(d(euw1).cache.memberEndpoint).toMatch(
      /^master\.prod-euw1-cache-[0-9a-f]+\.[0-9a-f]+\.eu-west-1\.cache\.amazonaws\.com$/,
    );
    expect(d(euw1).cache.readerEndpoint).toMatch(
      /^replica\.prod-euw1-cache.*\.eu-west-1\.cache\.amazonaws\.com$/,
    );
    expect(d(euw1).cache).not.toHaveProperty("primaryEndpoint");
    // The proxy: its default (read/write) endpoint from every region (it works only where the
    // writer is: the primary now, the other region after a switchover), its READ_ONLY endpoint
    // everywhere.
    for (const [p, prefix] of [
      [use1, "prod-use1"],
      [euw1, "prod-euw1"],
    ] as const)
      expect(d(p).aurora.proxyWriterEndpoint).toMatch(
        new RegExp(`^${prefix}-aurora-[0-9a-f]+\\.proxy-[0-9a-f]+\\.${p.region}\\.rds\\.amazonaws\\.com$`),
      );
    for (const [p, prefix] of [
      [use1, "prod-use1"],
      [euw1, "prod-euw1"],
    ] as const)
      expect(d(p).aurora.proxyReaderEndpoint).toMatch(
        new RegExp(
          `^${prefix}-aurora-ro\\.endpoint\\.proxy-[0-9a-f]+\\.${p.region}\\.rds\\.amazonaws\\.com$`,
        ),
      );
    expect(one(euw1, "rds/proxyEndpoint:ProxyEndpoint").inputs.targetRole).toBe("READ_ONLY");
  });
});
