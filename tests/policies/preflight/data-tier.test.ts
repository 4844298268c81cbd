/** Preflight policies of the data tier added with issue 9 (global stores on day two, RDS Proxy). */
import { auroraAutoscalingSecondary } from "../../../policies/preflight/aurora-autoscaling-secondary";
import { auroraSecondaryCredentials } from "../../../policies/preflight/aurora-secondary-credentials";
import { globalDatastoreMemberDrift } from "../../../policies/preflight/global-datastore-member-drift";
import { kmsKeyRegion } from "../../../policies/preflight/kms-key-region";
import { proxyEgressToTarget } from "../../../policies/preflight/proxy-egress-to-target";
import { proxyReadOnlyEndpoint } from "../../../policies/preflight/proxy-read-only-endpoint";
import { proxyReaderInstances } from "../../../policies/preflight/proxy-reader-instances";
import type { PlanResource } from "../../../src/plan/types";
import { secretReplicaLocal } from "../../../policies/preflight/secret-replica-local";
import { SECRET_REPLICA_TYPE } from "../../../src/conventions";
import { check, res, urnOf } from "../../helpers/policy";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:rds/cluster:Cluster";
const GLOBAL = "aws:rds/globalCluster:GlobalCluster";
const TARGET = "aws:appautoscaling/target:Target";
const GRG = "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup";
const PRIMARY_SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod-use1-aurora-master-AbCdEf";

const msgs = async (policy: Parameters<typeof check>[0], r: PlanResource[], region = "us-east-1") =>
  (await check(policy, r, region)).map((v) => [v.urn, v.message]);
const withIgnore = (r: PlanResource, ignoreChanges: string[]): PlanResource => ({
  ...r,
  options: { ...r.options, ignoreChanges },
});

describe("preflight-global-datastore-member-drift", () => {
  const grg = res(
    GRG,
    "grg",
    { globalReplicationGroupIdSuffix: "prod-platform" },
    { propertyDependencies: { primaryReplicationGroupId: [urnOf(RG, "primary")] } },
  );
  const primary = res(RG, "primary", { engine: "valkey", engineVersion: "8.0", nodeType: "cache.r7g.large" });

  test("compliant: the primary ignores version and node type, a secondary sets none, a group outside a datastore is free", async () => {
    expect(
      await msgs(globalDatastoreMemberDrift, [
        grg,
        withIgnore(primary, ["engine", "engineVersion", "nodeType"]),
        res(RG, "secondary", { globalReplicationGroupId: "xxxxx-prod-platform", kmsKeyId: "arn:k" }),
        res(RG, "solo", { engineVersion: "8.0", nodeType: "cache.r7g.large", autoMinorVersionUpgrade: true }),
      ]),
    ).toEqual([]);
  });

  test("non-compliant: a primary that lets version and node type drift, a secondary that sends autoMinorVersionUpgrade", async () => {
    expect(
      await msgs(globalDatastoreMemberDrift, [
        grg,
        { ...primary, inputs: { ...primary.inputs, autoMinorVersionUpgrade: true } },
        res(RG, "secondary", {
          globalReplicationGroupId: "xxxxx-prod-platform",
          autoMinorVersionUpgrade: true,
        }),
      ]),
    ).toEqual([
      [
        urnOf(RG, "primary"),
        'Global datastore member "primary" sets autoMinorVersionUpgrade, nodeType, engineVersion without ignoring changes: ' +
          'ElastiCache rejects ModifyReplicationGroup on a member ("Cluster [...] is part of a global cluster [...]. Request rejected."); ' +
          "leave them out of the member or add them to ignoreChanges, and change version and node type on the GlobalReplicationGroup.",
      ],
      [
        urnOf(RG, "secondary"),
        'Global datastore member "secondary" sets autoMinorVersionUpgrade without ignoring changes: ' +
          'ElastiCache rejects ModifyReplicationGroup on a member ("Cluster [...] is part of a global cluster [...]. Request rejected."); ' +
          "leave them out of the member or add them to ignoreChanges, and change version and node type on the GlobalReplicationGroup.",
      ],
    ]);
  });
});

describe("preflight-aurora-autoscaling-secondary", () => {
  const target = (cluster: string) =>
    res(
      TARGET,
      `${cluster}-readers`,
      {
        serviceNamespace: "rds",
        scalableDimension: "rds:cluster:ReadReplicaCount",
        resourceId: `cluster:${cluster}-id`,
      },
      { propertyDependencies: { resourceId: [urnOf(CLUSTER, cluster)] } },
    );

  test("compliant: the writer's cluster (its global cluster is in the stack) scales its readers", async () => {
    const global = res(GLOBAL, "g", { globalClusterIdentifier: "prod-platform" });
    const writer = res(
      CLUSTER,
      "writer",
      { globalClusterIdentifier: "prod-platform", clusterIdentifier: "writer-id" },
      { propertyDependencies: { globalClusterIdentifier: [global.urn] } },
    );
    expect(await msgs(auroraAutoscalingSecondary, [global, writer, target("writer")])).toEqual([]);
  });

  test("non-compliant: a target on a secondary cluster, found by dependency or by its resource ID", async () => {
    const secondary = res(CLUSTER, "secondary", {
      globalClusterIdentifier: "prod-platform",
      clusterIdentifier: "sec-id",
    });
    const byValue = res(TARGET, "by-value", { serviceNamespace: "rds", resourceId: "cluster:sec-id" });
    const message = (t: string) =>
      `Auto Scaling target "${t}" scales the readers of "secondary", a secondary cluster of a global database: ` +
      "Aurora Auto Scaling is not supported there; give the secondary a fixed reader count and scale only the writer's cluster " +
      "(a target on a member that holds the writer declares it with the tag platform:writer-region = its region).";
    expect(
      await msgs(auroraAutoscalingSecondary, [secondary, target("secondary"), byValue], "eu-west-1"),
    ).toEqual([
      [urnOf(TARGET, "secondary-readers"), message("secondary-readers")],
      [urnOf(TARGET, "by-value"), message("by-value")],
    ]);
  });
});

describe("preflight-aurora-autoscaling-secondary: the writer placed by platform:failover.writerRegion", () => {
  const secondary = res(
    CLUSTER,
    "member",
    { globalClusterIdentifier: "prod-platform", clusterIdentifier: "member-id" },
    { region: "eu-west-1" },
  );
  const tagged = (name: string, writerRegion: string, region: string) =>
    res(
      TARGET,
      name,
      {
        serviceNamespace: "rds",
        scalableDimension: "rds:cluster:ReadReplicaCount",
        resourceId: "cluster:member-id",
        region,
        tags: { "platform:writer-region": writerRegion },
      },
      { region, propertyDependencies: { resourceId: [urnOf(CLUSTER, "member")] } },
    );

  test("compliant: after a switchover, the member in the writer region scales its readers", async () => {
    expect(
      await msgs(
        auroraAutoscalingSecondary,
        [secondary, tagged("readers", "eu-west-1", "eu-west-1")],
        "eu-west-1",
      ),
    ).toEqual([]);
  });

  test("non-compliant: a target in a region that does not hold the writer, even on the cluster that owns the global", async () => {
    const global = res(GLOBAL, "g", { globalClusterIdentifier: "prod-platform" });
    const owner = res(
      CLUSTER,
      "owner",
      { globalClusterIdentifier: "prod-platform", clusterIdentifier: "owner-id" },
      { propertyDependencies: { globalClusterIdentifier: [global.urn] } },
    );
    const stale = res(
      TARGET,
      "stale",
      {
        serviceNamespace: "rds",
        resourceId: "cluster:owner-id",
        region: "us-east-1",
        tags: { "platform:writer-region": "eu-west-1" },
      },
      { propertyDependencies: { resourceId: [owner.urn] } },
    );
    expect(await msgs(auroraAutoscalingSecondary, [global, owner, stale])).toEqual([
      [
        urnOf(TARGET, "stale"),
        'Auto Scaling target "stale" is in us-east-1 but declares the writer in eu-west-1 (tag platform:writer-region): ' +
          "Aurora Auto Scaling is not supported on a global database's secondary cluster; register the target only in " +
          "the stack of the writer region.",
      ],
    ]);
  });
});

describe("preflight-aurora-secondary-credentials", () => {
  const global = res(GLOBAL, "g", { globalClusterIdentifier: "prod-platform" });

  test("compliant: the primary's cluster names the database and the master user; a secondary sets neither", async () => {
    const writer = res(
      CLUSTER,
      "writer",
      {
        globalClusterIdentifier: "prod-platform",
        databaseName: "platform",
        masterUsername: "admin",
        masterPassword: "pw",
      },
      { propertyDependencies: { globalClusterIdentifier: [global.urn] } },
    );
    expect(await msgs(auroraSecondaryCredentials, [global, writer])).toEqual([]);
    const secondary = res(CLUSTER, "secondary", { globalClusterIdentifier: "prod-platform" });
    expect(await msgs(auroraSecondaryCredentials, [secondary], "eu-west-1")).toEqual([]);
  });

  test("non-compliant: a secondary that sends a database name or master credentials", async () => {
    const secondary = res(CLUSTER, "secondary", {
      globalClusterIdentifier: "prod-platform",
      databaseName: "platform",
      masterUsername: "admin",
    });
    expect(await msgs(auroraSecondaryCredentials, [secondary], "eu-west-1")).toEqual([
      [
        secondary.urn,
        'Aurora cluster "secondary" is a secondary of a global database and sets databaseName, masterUsername: ' +
          'CreateDBCluster rejects them on a cross-region replica ("InvalidParameterCombination: Cannot specify ' +
          'database name for cross region replication cluster"); leave them out, the secondary inherits the ' +
          "primary's database and users.",
      ],
    ]);
  });
});

describe("RDS Proxy preflights", () => {
  const SG = "aws:ec2/securityGroup:SecurityGroup";
  const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
  const PROXY = "aws:rds/proxy:Proxy";
  const PTARGET = "aws:rds/proxyTarget:ProxyTarget";
  const PENDPOINT = "aws:rds/proxyEndpoint:ProxyEndpoint";
  const clusterSg = res(SG, "db", {});
  const proxySg = res(SG, "db-proxy", {});
  const cluster = res(
    CLUSTER,
    "db",
    { globalClusterIdentifier: "prod-platform", clusterIdentifier: "db" },
    { propertyDependencies: { vpcSecurityGroupIds: [clusterSg.urn] } },
  );
  const proxy = res(
    PROXY,
    "db",
    { engineFamily: "POSTGRESQL" },
    { propertyDependencies: { vpcSecurityGroupIds: [proxySg.urn] } },
  );
  const target = res(
    PTARGET,
    "db",
    {},
    { propertyDependencies: { dbProxyName: [proxy.urn], dbClusterIdentifier: [cluster.urn] } },
  );
  const egress = (fromPort: number, to: string) =>
    res(
      EGRESS,
      `db-proxy-to-${to}`,
      { ipProtocol: "tcp", fromPort, toPort: fromPort },
      {
        propertyDependencies: { securityGroupId: [proxySg.urn], referencedSecurityGroupId: [urnOf(SG, to)] },
      },
    );
  const readOnly = (role: string) =>
    res(
      PENDPOINT,
      `db-${role}`,
      { targetRole: role },
      { propertyDependencies: { dbProxyName: [proxy.urn] } },
    );
  const base = [clusterSg, proxySg, cluster, proxy, target];

  describe("preflight-proxy-egress-to-target", () => {
    test("compliant: the proxy's group has egress to the cluster's group on 5432", async () => {
      expect(await msgs(proxyEgressToTarget, [...base, egress(5432, "db")], "eu-west-1")).toEqual([]);
    });
    test("non-compliant: no egress, or egress on another port or to another group", async () => {
      const message =
        'RDS Proxy "db" cannot reach its target "db": none of its security groups has egress on port 5432 to the ' +
        "cluster's security group, and new groups get no egress; every connection through the proxy would fail. " +
        "Give the proxy's group an egress rule to the cluster's group on 5432.";
      expect(await msgs(proxyEgressToTarget, base, "eu-west-1")).toEqual([[proxy.urn, message]]);
      expect(
        await msgs(proxyEgressToTarget, [...base, egress(443, "db"), egress(5432, "elsewhere")], "eu-west-1"),
      ).toEqual([[proxy.urn, message]]);
    });
  });

  describe("preflight-proxy-read-only-endpoint", () => {
    test("compliant: a secondary's proxy with a READ_ONLY endpoint; the writer's proxy needs none", async () => {
      expect(await msgs(proxyReadOnlyEndpoint, [...base, readOnly("READ_ONLY")], "eu-west-1")).toEqual([]);
      const global = res(GLOBAL, "g", { globalClusterIdentifier: "prod-platform" });
      expect(await msgs(proxyReadOnlyEndpoint, [global, ...base])).toEqual([]);
    });
    test("non-compliant: a secondary's proxy with only the default or a READ_WRITE endpoint", async () => {
      expect(await msgs(proxyReadOnlyEndpoint, [...base, readOnly("READ_WRITE")], "eu-west-1")).toEqual([
        [
          proxy.urn,
          'RDS Proxy "db" fronts "db", a secondary cluster of a global database, and has no READ_ONLY endpoint: its ' +
            'default endpoint fails there ("The target group doesn\'t have any associated read/write instances"); ' +
            "add an aws.rds.ProxyEndpoint with targetRole READ_ONLY and give applications that one.",
        ],
      ]);
    });
  });
  describe("preflight-proxy-reader-instances", () => {
    const INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
    const instance = (n: number, byValue = false) =>
      byValue
        ? res(INSTANCE, `db-${n}`, { clusterIdentifier: "db" })
        : res(INSTANCE, `db-${n}`, {}, { propertyDependencies: { clusterIdentifier: [cluster.urn] } });

    test("compliant: two instances (by dependency or by identifier) behind a READ_ONLY endpoint; one without such an endpoint", async () => {
      expect(
        await msgs(
          proxyReaderInstances,
          [...base, readOnly("READ_ONLY"), instance(1), instance(2, true)],
          "eu-west-1",
        ),
      ).toEqual([]);
      expect(
        await msgs(proxyReaderInstances, [...base, readOnly("READ_WRITE"), instance(1)], "eu-west-1"),
      ).toEqual([]);
    });

    test("non-compliant: one instance, or none, behind a READ_ONLY endpoint", async () => {
      const message = (n: string) =>
        'RDS Proxy endpoint "db-READ_ONLY" is READ_ONLY and its proxy "db" fronts "db", which has ' +
        `${n}: RDS Proxy requires one or more reader instances for a read-only endpoint, and any request to it ` +
        "fails on a cluster whose only instance is (or, after a switchover, becomes) the writer; give the cluster " +
        "at least 2 instances.";
      const endpoint = readOnly("READ_ONLY");
      expect(await msgs(proxyReaderInstances, [...base, endpoint, instance(1)], "eu-west-1")).toEqual([
        [endpoint.urn, message("1 instance")],
      ]);
      expect(await msgs(proxyReaderInstances, [...base, endpoint], "eu-west-1")).toEqual([
        [endpoint.urn, message("0 instances")],
      ]);
    });
  });
});

describe("preflight-kms-key-region on secret replicas", () => {
  const SECRET = "aws:secretsmanager/secret:Secret";
  const key = (region: string) => `arn:aws:kms:${region}:111122223333:key/k`;
  test("compliant: each replica under a key of its own region", async () => {
    expect(
      await msgs(kmsKeyRegion, [
        res(SECRET, "s", {
          kmsKeyId: key("us-east-1"),
          replicas: [{ region: "eu-west-1", kmsKeyId: key("eu-west-1") }],
        }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: a replica under the secret's own region's key", async () => {
    expect(
      await msgs(kmsKeyRegion, [
        res(SECRET, "s", {
          kmsKeyId: key("us-east-1"),
          replicas: [{ region: "eu-west-1", kmsKeyId: key("us-east-1") }],
        }),
      ]),
    ).toEqual([
      [urnOf(SECRET, "s"), "The replica in eu-west-1 names a key in us-east-1: use a key of eu-west-1."],
    ]);
  });
  const replica = (kmsKeyArn: string) =>
    res(
      SECRET_REPLICA_TYPE,
      "r",
      { region: "eu-west-1", primaryRegion: "us-east-1", primarySecretArn: PRIMARY_SECRET, kmsKeyArn },
      { region: "eu-west-1" },
    );
  test("compliant: a SecretReplica under a key of its region", async () => {
    expect(await msgs(kmsKeyRegion, [replica(key("eu-west-1"))], "eu-west-1")).toEqual([]);
  });
  test("non-compliant: a SecretReplica under the primary region's key", async () => {
    expect(await msgs(kmsKeyRegion, [replica(key("us-east-1"))], "eu-west-1")).toEqual([
      [
        urnOf(SECRET_REPLICA_TYPE, "r"),
        "The secret replica in eu-west-1 names a key in us-east-1 (kmsKeyArn): use a key of eu-west-1.",
      ],
    ]);
  });
});

describe("preflight-secret-replica-local", () => {
  const REPLICA_ARN = PRIMARY_SECRET.replace(":us-east-1:", ":eu-west-1:");
  const PROXY = "aws:rds/proxy:Proxy";
  const POLICY = "aws:iam/rolePolicy:RolePolicy";
  const SECRET = "aws:secretsmanager/secret:Secret";
  const replica = res(
    SECRET_REPLICA_TYPE,
    "prod-euw1-aurora-master-replica",
    { region: "eu-west-1", primaryRegion: "us-east-1", primarySecretArn: PRIMARY_SECRET, kmsKeyArn: "arn:k" },
    { region: "eu-west-1" },
  );
  const proxy = (secretArn: string, deps: string[] = []) =>
    res(
      PROXY,
      "prod-euw1-aurora",
      { region: "eu-west-1", auths: [{ authScheme: "SECRETS", secretArn }] },
      { region: "eu-west-1", propertyDependencies: { auths: deps } },
    );
  const grant = (arns: string[], deps: string[] = []) =>
    res(
      POLICY,
      "prod-euw1-app-data-access",
      {
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: arns },
            {
              Effect: "Allow",
              Action: ["kms:Decrypt"],
              Resource: "arn:aws:kms:eu-west-1:111122223333:key/k",
            },
          ],
        }),
      },
      { propertyDependencies: { policy: deps } },
    );

  test("compliant: a secondary reads the replica it adds; a primary reads the secret it creates", async () => {
    expect(
      await msgs(
        secretReplicaLocal,
        [replica, proxy(REPLICA_ARN, [replica.urn]), grant([REPLICA_ARN], [replica.urn])],
        "eu-west-1",
      ),
    ).toEqual([]);
    const secret = res(SECRET, "prod-use1-aurora-master", { kmsKeyId: "arn:k" });
    expect(
      await msgs(secretReplicaLocal, [
        secret,
        res(
          PROXY,
          "prod-use1-aurora",
          { region: "us-east-1", auths: [{ secretArn: PRIMARY_SECRET }] },
          { propertyDependencies: { auths: [secret.urn] } },
        ),
        grant([PRIMARY_SECRET], [secret.urn]),
      ]),
    ).toEqual([]);
  });

  test("non-compliant: a replica's ARN read without the SecretReplica that adds it", async () => {
    expect(await msgs(secretReplicaLocal, [proxy(REPLICA_ARN), grant([REPLICA_ARN])], "eu-west-1")).toEqual([
      [
        urnOf(PROXY, "prod-euw1-aurora"),
        `RDS Proxy "prod-euw1-aurora" reads ${REPLICA_ARN}, a secret in eu-west-1 that this stack neither creates nor ` +
          "replicates there: a replica's ARN names no secret until a stack adds the replica (reads fail with " +
          "ResourceNotFoundException). Add a SecretReplica of the primary secret in eu-west-1 to this stack and read its arn.",
      ],
      [
        urnOf(POLICY, "prod-euw1-app-data-access"),
        `IAM policy "prod-euw1-app-data-access" reads ${REPLICA_ARN}, a secret in eu-west-1 that this stack neither ` +
          "creates nor replicates there: a replica's ARN names no secret until a stack adds the replica (reads fail with " +
          "ResourceNotFoundException). Add a SecretReplica of the primary secret in eu-west-1 to this stack and read its arn.",
      ],
    ]);
  });

  test("non-compliant: a secondary that reads the primary region's secret across regions", async () => {
    expect(await msgs(secretReplicaLocal, [replica, proxy(PRIMARY_SECRET)], "eu-west-1")).toEqual([
      [
        urnOf(PROXY, "prod-euw1-aurora"),
        `RDS Proxy "prod-euw1-aurora" in eu-west-1 reads ${PRIMARY_SECRET}, a secret in us-east-1: it fails while ` +
          "us-east-1 is down. Replicate the secret into eu-west-1 (SecretReplica) and give the proxy the replica's ARN.",
      ],
    ]);
  });
});
