import {
  AuroraCluster,
  CacheReplicationGroup,
  CredentialAccess,
  proxyDbUserArn,
  PeerDataAccess,
  ReaderAutoscaling,
  type AuroraClusterArgs,
} from "../../components/data";
import { StoredSecret } from "../../components/security/stored-secret";
import { run, type Ran } from "../helpers/run";

const key = "arn:aws:kms:us-east-1:111122223333:key/data";
const base: AuroraClusterArgs = {
  region: "us-east-1",
  vpcId: "vpc-1",
  subnetIds: ["subnet-iso-a", "subnet-iso-b"],
  access: {
    callers: [{ name: "app", securityGroupId: "sg-app" }],
    peers: [{ region: "eu-west-1", cidr: "10.20.0.0/16" }],
  },
  kmsKeyArn: key,
  globalClusterIdentifier: "prod-platform",
  engineVersion: "16.4",
  instanceClass: "db.r7g.large",
  readers: 1,
  backupRetentionDays: 14,
  logKmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/logs",
  accountId: "111122223333",
};
const of = (ran: Ran, type: string) => ran.ofType(`aws:${type}`);

describe("AuroraCluster", () => {
  let primary: Ran;
  beforeAll(async () => {
    primary = await run(() => {
      const cluster = new AuroraCluster("db", {
        ...base,
        master: { username: "platform_admin", password: "pw", databaseName: "platform" },
        proxy: { secretArn: "arn:secret", secretKmsKeyArn: key },
      });
      // Stands for the WriterPlacement the reader scaling waits for in the primary stack.
      const placement = new StoredSecret("placement", {
        region: "us-east-1",
        description: "stand-in",
        kmsKeyArn: key,
      });
      new ReaderAutoscaling("db-readers", {
        region: "us-east-1",
        cluster,
        min: 1,
        max: 4,
        cpuTarget: 60,
        writerRegion: "us-east-1",
        after: [placement],
      });
    });
  });

  test("the cluster: own-region key, IAM auth, logs, backups, deletion protection, final snapshot, tags to snapshots, protected", () => {
    const [c] = of(primary, "rds/cluster:Cluster");
    expect(c.inputs).toMatchObject({
      engine: "aurora-postgresql",
      engineVersion: "16.4",
      globalClusterIdentifier: "prod-platform",
      storageEncrypted: true,
      kmsKeyId: key,
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: ["postgresql"],
      backupRetentionPeriod: 14,
      deletionProtection: true,
      skipFinalSnapshot: false,
      copyTagsToSnapshot: true,
      masterUsername: "platform_admin",
      databaseName: "platform",
    });
    expect(c.options.protect).toBe(true);
    // The master password is rotated out of band: a change of the program's value is not applied.
    expect(c.options.ignoreChanges).toEqual([
      "globalClusterIdentifier",
      "replicationSourceIdentifier",
      "engineVersion",
      "masterPassword",
    ]);
  });

  test("the log group Aurora exports to exists before the cluster, named as RDS names it, with retention and the logs key", () => {
    const [c] = of(primary, "rds/cluster:Cluster");
    expect(c.inputs.clusterIdentifier).toBe("db");
    const [group] = of(primary, "cloudwatch/logGroup:LogGroup");
    expect(group.inputs).toMatchObject({
      name: "/aws/rds/cluster/db/postgresql",
      retentionInDays: 365,
      kmsKeyId: base.logKmsKeyArn,
    });
    expect(c.options.dependsOn).toContain(group.urn);
    // A replacement never deletes the cluster first (a second cluster cannot join in this region).
    expect(c.options.deleteBeforeReplace).toBe(false);
  });

  test("the final snapshot identifier is unique to the physical cluster: renewed with what replaces it", () => {
    const [c] = of(primary, "rds/cluster:Cluster");
    expect(c.inputs.finalSnapshotIdentifier).toMatch(/^db-final-[0-9a-f]{8}$/);
    const [suffix] = primary.ofType("random:index/randomId:RandomId");
    expect(suffix.inputs).toMatchObject({
      byteLength: 4,
      keepers: { clusterIdentifier: "db", kmsKeyId: key },
    });
    expect(c.options.propertyDependencies.finalSnapshotIdentifier).toEqual([suffix.urn]);
  });

  test("a parameter group that forces SSL, on isolated subnets", () => {
    const [pg] = of(primary, "rds/clusterParameterGroup:ClusterParameterGroup");
    expect(pg.inputs.family).toBe("aurora-postgresql16");
    expect(pg.inputs.parameters).toEqual(expect.arrayContaining([{ name: "rds.force_ssl", value: "1" }]));
    expect(of(primary, "rds/subnetGroup:SubnetGroup")[0].inputs.subnetIds).toEqual(base.subnetIds);
  });

  test("a writer and the readers, memory-optimized, private, with encrypted Performance Insights", () => {
    const instances = of(primary, "rds/clusterInstance:ClusterInstance");
    expect(instances.map((i) => i.name)).toEqual(["db-1", "db-2"]);
    // The writer (promotion tier 0) is protected; readers come and go.
    expect(instances.map((i) => [i.inputs.promotionTier, i.options.protect])).toEqual([
      [0, true],
      [1, false],
    ]);
    for (const i of instances) {
      expect(i.inputs).toMatchObject({
        instanceClass: "db.r7g.large",
        publiclyAccessible: false,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: key,
        // Minor upgrades go through the GlobalCluster, never instance by instance.
        autoMinorVersionUpgrade: false,
      });
    }
  });

  test("reader autoscaling tracks reader CPU within the configured bounds, after the instances and `after`", () => {
    const [target] = of(primary, "appautoscaling/target:Target");
    expect(target.name).toBe("db-readers");
    expect(target.inputs.region).toBe("us-east-1");
    for (const i of of(primary, "rds/clusterInstance:ClusterInstance"))
      expect(target.options.dependsOn).toContain(i.urn);
    const stand = primary.one("platform:security:StoredSecret", "placement");
    // A component in dependsOn stands for its children: the target waits for all of them.
    const children = primary.records.filter((r) => r.parent === stand.urn).map((r) => r.urn);
    expect(children.length).toBeGreaterThan(0);
    for (const c of children) expect(target.options.dependsOn).toContain(c);
    expect(target.inputs).toMatchObject({
      serviceNamespace: "rds",
      scalableDimension: "rds:cluster:ReadReplicaCount",
      minCapacity: 1,
      maxCapacity: 4,
    });
    expect(target.inputs.resourceId).toBe("cluster:db");
    // The writer region it was applied with, for preflight-aurora-autoscaling-secondary.
    expect((target.inputs.tags as Record<string, string>)["platform:writer-region"]).toBe("us-east-1");
    const [policy] = of(primary, "appautoscaling/policy:Policy");
    expect(policy.name).toBe("db-readers-cpu");
    expect(policy.inputs.targetTrackingScalingPolicyConfiguration).toMatchObject({
      predefinedMetricSpecification: { predefinedMetricType: "RDSReaderAverageCPUUtilization" },
      targetValue: 60,
    });
    expect(policy.options.dependsOn).toContain(target.urn);
  });

  test("the reader scaling's children keep the URNs they had as children of the AuroraCluster (aliases)", () => {
    const [target] = of(primary, "appautoscaling/target:Target");
    const [policy] = of(primary, "appautoscaling/policy:Policy");
    expect(target.urn).toBe(
      "urn:pulumi:test::platform::platform:data:ReaderAutoscaling$aws:appautoscaling/target:Target::db-readers",
    );
    expect(target.options.aliases).toEqual([
      "urn:pulumi:test::platform::platform:data:AuroraCluster$aws:appautoscaling/target:Target::db-readers",
    ]);
    expect(policy.options.aliases).toEqual([
      "urn:pulumi:test::platform::platform:data:AuroraCluster$aws:appautoscaling/policy:Policy::db-readers-cpu",
    ]);
  });

  test("the cluster's group admits 5432 only from the app group, the peer CIDR and the proxy's group", () => {
    const sg = (n: string) => primary.one("aws:ec2/securityGroup:SecurityGroup", n);
    const rules = of(primary, "vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
      (r) => r.inputs.securityGroupId === sg("db").id,
    );
    expect(
      rules.map((r) => [r.name, r.inputs.fromPort, r.inputs.referencedSecurityGroupId ?? r.inputs.cidrIpv4]),
    ).toEqual([
      ["db-from-app", 5432, "sg-app"],
      ["db-from-eu-west-1", 5432, "10.20.0.0/16"],
      ["db-from-proxy", 5432, sg("db-proxy").id],
    ]);
    expect(sg("db").inputs.tags).toMatchObject({ "platform:data-store": "aurora-postgresql" });
  });

  test("the proxy has its own group: 5432 in from the callers, out to the cluster's group only", () => {
    const sg = (n: string) => primary.one("aws:ec2/securityGroup:SecurityGroup", n);
    const [proxy] = of(primary, "rds/proxy:Proxy");
    expect(proxy.inputs.vpcSecurityGroupIds).toEqual([sg("db-proxy").id]);
    const on = (type: string) =>
      of(primary, type)
        .filter((r) => r.inputs.securityGroupId === sg("db-proxy").id)
        .map((r) => [
          r.name,
          r.inputs.ipProtocol,
          r.inputs.fromPort,
          r.inputs.toPort,
          r.inputs.referencedSecurityGroupId,
        ]);
    expect(on("vpc/securityGroupEgressRule:SecurityGroupEgressRule")).toEqual([
      ["db-proxy-to-cluster", "tcp", 5432, 5432, sg("db").id],
    ]);
    expect(on("vpc/securityGroupIngressRule:SecurityGroupIngressRule")).toEqual([
      ["db-proxy-from-app", "tcp", 5432, 5432, "sg-app"],
    ]);
  });

  test("the optional RDS Proxy requires IAM auth and TLS, reads only its secret, decrypts only through Secrets Manager", () => {
    const [proxy] = of(primary, "rds/proxy:Proxy");
    expect(proxy.inputs).toMatchObject({
      engineFamily: "POSTGRESQL",
      requireTls: true,
      auths: [{ authScheme: "SECRETS", iamAuth: "REQUIRED", secretArn: "arn:secret" }],
    });
    const policy = JSON.parse(String(of(primary, "iam/rolePolicy:RolePolicy")[0].inputs.policy)) as {
      Statement: { Action: string[]; Resource: string; Condition?: unknown }[];
    };
    expect(policy.Statement).toEqual([
      { Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: "arn:secret" },
      {
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: key,
        Condition: { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } },
      },
    ]);
  });

  test("the proxy role trusts RDS only on behalf of this account's proxies", () => {
    const role = primary.one("aws:iam/role:Role", "db-proxy");
    expect(JSON.parse(String(role.inputs.assumeRolePolicy))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "rds.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": "111122223333" },
            ArnLikeIfExists: { "aws:SourceArn": "arn:aws:rds:us-east-1:111122223333:db-proxy:*" },
          },
        },
      ],
    });
  });

  test("a READ_ONLY proxy endpoint beside the default one, in the proxy's group, after the target", () => {
    const [endpoint] = of(primary, "rds/proxyEndpoint:ProxyEndpoint");
    const [proxy] = of(primary, "rds/proxy:Proxy");
    expect(endpoint.inputs).toMatchObject({
      dbProxyEndpointName: "db-ro",
      targetRole: "READ_ONLY",
      vpcSubnetIds: base.subnetIds,
      vpcSecurityGroupIds: [primary.one("aws:ec2/securityGroup:SecurityGroup", "db-proxy").id],
    });
    expect(endpoint.options.propertyDependencies.dbProxyName).toEqual([proxy.urn]);
    expect(endpoint.options.dependsOn).toContain(of(primary, "rds/proxyTarget:ProxyTarget")[0].urn);
  });

  test("behind a proxy a member has at least two instances: one alone is refused, with why", async () => {
    await expect(
      run(
        () =>
          new AuroraCluster("db", {
            ...base,
            readers: 1,
            proxy: { secretArn: "arn:secret", secretKmsKeyArn: key },
          }),
      ),
    ).rejects.toThrow(
      "AuroraCluster db: 1 instance behind an RDS Proxy: expected at least 2, because the proxy's READ_ONLY " +
        "endpoint fails every request on a cluster without a reader, and a secondary's only instance becomes the " +
        "writer after a switchover",
    );
  });

  test("a secondary member sets no credentials and only readers, a fixed count with no Auto Scaling", async () => {
    const ran = await run(() => new AuroraCluster("db", { ...base, readers: 2 }));
    const [c] = of(ran, "rds/cluster:Cluster");
    expect(c.inputs.masterUsername).toBeUndefined();
    expect(c.inputs.masterPassword).toBeUndefined();
    // AWS refuses a database name on a cross-region replica; it inherits the primary's.
    expect(c.inputs.databaseName).toBeUndefined();
    expect(of(ran, "rds/clusterInstance:ClusterInstance")).toHaveLength(2);
    expect(of(ran, "rds/proxy:Proxy")).toHaveLength(0);
    expect(of(ran, "appautoscaling/target:Target")).toHaveLength(0);
    expect(of(ran, "appautoscaling/policy:Policy")).toHaveLength(0);
  });
});

describe("CacheReplicationGroup", () => {
  const common = {
    vpcId: "vpc-1",
    subnetIds: ["subnet-iso-a", "subnet-iso-b"],
    region: "us-east-1",
    access: { callers: [{ name: "app", securityGroupId: "sg-app" }] },
    replicas: 1,
    snapshotRetentionDays: 7,
  };

  test("primary: Multi-AZ failover, CMK at rest, TLS and AUTH, snapshots, protected", async () => {
    const ran = await run(
      () =>
        new CacheReplicationGroup("cache", {
          ...common,
          member: {
            kind: "primary",
            engine: "valkey",
            engineVersion: "8.0",
            nodeType: "cache.r7g.large",
            kmsKeyArn: key,
            authToken: "tok",
          },
        }),
    );
    const [g] = of(ran, "elasticache/replicationGroup:ReplicationGroup");
    expect(g.inputs).toMatchObject({
      engine: "valkey",
      engineVersion: "8.0",
      nodeType: "cache.r7g.large",
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      atRestEncryptionEnabled: true,
      kmsKeyId: key,
      transitEncryptionEnabled: true,
      authToken: "[secret]",
      snapshotRetentionLimit: 7,
    });
    expect(g.plainInputs.authToken).toBe("tok");
    expect(g.options.protect).toBe(true);
    // ElastiCache turns automatic minor upgrades off on joining a global datastore and rejects
    // ModifyReplicationGroup on members: the member neither sends it nor lets version or size drift.
    expect(g.inputs.autoMinorVersionUpgrade).toBeUndefined();
    expect(g.options.ignoreChanges).toEqual(["engine", "engineVersion", "nodeType"]);
    // A final snapshot name of its own, renewed when the group is replaced by a key or subnet change.
    expect(g.inputs.finalSnapshotIdentifier).toMatch(/^cache-final-[0-9a-f]{8}$/);
    expect(ran.ofType("random:index/randomId:RandomId")[0].inputs.keepers).toMatchObject({ kmsKeyId: key });
    const rules = of(ran, "vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(rules.map((r) => [r.inputs.fromPort, r.inputs.referencedSecurityGroupId])).toEqual([
      [6379, "sg-app"],
    ]);
  });

  test("secondary: joins the global datastore and sets none of the inherited settings", async () => {
    const ran = await run(
      () =>
        new CacheReplicationGroup("cache", {
          ...common,
          member: { kind: "secondary", globalReplicationGroupId: "xxxxx-prod-platform", kmsKeyArn: key },
        }),
    );
    const [g] = of(ran, "elasticache/replicationGroup:ReplicationGroup");
    expect(g.inputs.globalReplicationGroupId).toBe("xxxxx-prod-platform");
    // Encryption at rest is inherited, the key is not: the member names its own region's key.
    expect(g.inputs.kmsKeyId).toBe(key);
    expect(g.inputs.autoMinorVersionUpgrade).toBeUndefined();
    expect(g.options.ignoreChanges).toEqual(["globalReplicationGroupId"]);
    for (const k of [
      "engine",
      "engineVersion",
      "nodeType",
      "numNodeGroups",
      "parameterGroupName",
      "atRestEncryptionEnabled",
      "transitEncryptionEnabled",
      "authToken",
    ]) {
      expect(g.inputs[k]).toBeUndefined();
    }
    expect(g.inputs).toMatchObject({
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      numCacheClusters: 2,
    });
  });
});

describe("StoredSecret and PeerDataAccess", () => {
  test("a generated value is a protected random secret stored under the key; the value never shows", async () => {
    const ran = await run(
      () => new StoredSecret("s", { region: "us-east-1", description: "d", kmsKeyArn: key, username: "u" }),
    );
    const [secret] = of(ran, "secretsmanager/secret:Secret");
    expect(secret.inputs).toMatchObject({ kmsKeyId: key, recoveryWindowInDays: 30 });
    expect(secret.options.protect).toBe(true);
    const [random] = ran.ofType("random:index/randomPassword:RandomPassword");
    expect([random.inputs.length, random.inputs.special, random.options.protect]).toEqual([40, false, true]);
    const [version] = of(ran, "secretsmanager/secretVersion:SecretVersion");
    expect(version.inputs.secretString).toBe("[secret]");
    expect(JSON.parse(String(version.plainInputs.secretString))).toEqual({
      username: "u",
      password: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
  });

  test("the secret has no replicas of its own and ignores them: later stacks add theirs", async () => {
    const ran = await run(
      () => new StoredSecret("s", { region: "us-east-1", description: "d", kmsKeyArn: key }),
    );
    const [secret] = of(ran, "secretsmanager/secret:Secret");
    expect(secret.inputs.replicas).toBeUndefined();
    expect(secret.options.ignoreChanges).toEqual(["replicas"]);
  });

  test("a value rotated out of band: the first version keeps a label of its own, its value and labels are ignored", async () => {
    const ran = await run(
      () =>
        new StoredSecret("s", {
          region: "us-east-1",
          description: "d",
          kmsKeyArn: key,
          rotatedOutOfBand: true,
        }),
    );
    const [version] = of(ran, "secretsmanager/secretVersion:SecretVersion");
    expect(version.inputs.versionStages).toEqual(["AWSCURRENT", "PULUMI_INITIAL"]);
    expect(version.options.ignoreChanges).toEqual(["secretString", "versionStages"]);
    const plain = await run(
      () => new StoredSecret("s", { region: "us-east-1", description: "d", kmsKeyArn: key }),
    );
    const [other] = of(plain, "secretsmanager/secretVersion:SecretVersion");
    expect(other.inputs.versionStages).toBeUndefined();
    expect(other.options.ignoreChanges ?? []).toEqual([]);
  });

  test("a given value is stored as is, with no random resource", async () => {
    const ran = await run(
      () => new StoredSecret("s", { region: "us-east-1", description: "d", kmsKeyArn: key, value: "copied" }),
    );
    expect(ran.ofType("random:index/randomPassword:RandomPassword")).toHaveLength(0);
    expect(
      JSON.parse(String(of(ran, "secretsmanager/secretVersion:SecretVersion")[0].plainInputs.secretString)),
    ).toEqual({ password: "copied" });
  });

  test("peer access rules land in the peer's region, naming this VPC's CIDR on each store's port", async () => {
    const ran = await run(
      () =>
        new PeerDataAccess("p", {
          region: "us-east-1",
          cidr: "10.20.0.0/16",
          stores: [
            { name: "aurora-postgresql", securityGroupId: "sg-db" },
            { name: "elasticache", securityGroupId: "sg-cache" },
          ],
        }),
      { region: "eu-west-1" },
    );
    const rules = of(ran, "vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(
      rules.map((r) => [r.inputs.securityGroupId, r.inputs.fromPort, r.inputs.cidrIpv4, ran.regionOf(r)]),
    ).toEqual([
      ["sg-db", 5432, "10.20.0.0/16", "us-east-1"],
      ["sg-cache", 6379, "10.20.0.0/16", "us-east-1"],
    ]);
  });
});

describe("CredentialAccess", () => {
  const proxyArn = "arn:aws:rds:eu-west-1:111122223333:db-proxy:prx-0123456789abcdef0";
  const args = {
    role: "app-role",
    region: "eu-west-1",
    secretArns: [
      "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-a",
      "arn:aws:secretsmanager:eu-west-1:111122223333:secret:cache-b",
    ],
    secretKmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/replicas",
  };
  const statements = async (a: typeof args & { proxy?: { arn: string; dbUser: string } }) => {
    const ran = await run(() => new CredentialAccess("app", a), { region: "eu-west-1" });
    const [policy] = of(ran, "iam/rolePolicy:RolePolicy");
    expect(policy.inputs.role).toBe("app-role");
    return (JSON.parse(String(policy.inputs.policy)) as { Statement: unknown[] }).Statement;
  };

  test("exactly: read the two secrets, decrypt through Secrets Manager of the region, connect as the proxy's user", async () => {
    expect(await statements({ ...args, proxy: { arn: proxyArn, dbUser: "platform_admin" } })).toEqual([
      {
        Sid: "ReadDataCredentials",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: args.secretArns,
      },
      {
        Sid: "DecryptDataCredentials",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: args.secretKmsKeyArn,
        Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } },
      },
      {
        Sid: "ConnectThroughProxy",
        Effect: "Allow",
        Action: ["rds-db:connect"],
        Resource: "arn:aws:rds-db:eu-west-1:111122223333:dbuser:prx-0123456789abcdef0/platform_admin",
      },
    ]);
  });

  test("no proxy, no rds-db:connect", async () => {
    expect((await statements(args)).map((s) => (s as { Sid: string }).Sid)).toEqual([
      "ReadDataCredentials",
      "DecryptDataCredentials",
    ]);
  });

  test("the rds-db:connect resource names the proxy's resource ID, and only a proxy ARN is accepted", () => {
    expect(proxyDbUserArn(proxyArn, "u")).toBe(
      "arn:aws:rds-db:eu-west-1:111122223333:dbuser:prx-0123456789abcdef0/u",
    );
    expect(() => proxyDbUserArn("arn:aws:rds:eu-west-1:111122223333:cluster:db", "u")).toThrow(
      'proxyDbUserArn: "arn:aws:rds:eu-west-1:111122223333:cluster:db" is not an RDS Proxy ARN (arn:aws:rds:<region>:<account>:db-proxy:prx-...)',
    );
  });
});
