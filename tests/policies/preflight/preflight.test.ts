import { globalIgnoreChanges } from "../../../policies/preflight/global-ignore-changes";
import { globalInstanceClasses } from "../../../policies/preflight/global-instance-classes";
import { globalSecondaryInherited } from "../../../policies/preflight/global-secondary-inherited";
import { kmsKeyRegion } from "../../../policies/preflight/kms-key-region";
import { check, res, urnOf } from "../../helpers/policy";
import type { PlanResource } from "../../../src/plan/types";

const CLUSTER = "aws:rds/cluster:Cluster";
const GLOBAL = "aws:rds/globalCluster:GlobalCluster";
const INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const GRG = "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup";
const msgs = async (policy: Parameters<typeof check>[0], r: PlanResource[], region = "us-east-1") =>
  (await check(policy, r, region)).map((v) => v.message);
const withIgnore = (r: PlanResource, ignoreChanges: string[]): PlanResource => ({
  ...r,
  options: { ...r.options, ignoreChanges },
});

describe("preflight-global-secondary-inherited", () => {
  const global = res(GLOBAL, "g", { globalClusterIdentifier: "prod-platform" });
  test("compliant: the primary member (its global cluster is in the stack) sets credentials; a secondary and a cache secondary set none", async () => {
    const primary = res(
      CLUSTER,
      "primary",
      { globalClusterIdentifier: "prod-platform", masterUsername: "admin_user", masterPassword: "[secret]" },
      { propertyDependencies: { globalClusterIdentifier: [global.urn] } },
    );
    expect(await msgs(globalSecondaryInherited, [global, primary])).toEqual([]);
    const secondary = res(CLUSTER, "secondary", {
      globalClusterIdentifier: "prod-platform",
      engine: "aurora-postgresql",
    });
    expect(
      await msgs(globalSecondaryInherited, [
        secondary,
        res(RG, "cache", { globalReplicationGroupId: "x-prod", numCacheClusters: 2 }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: a secondary with credentials, RDS-managed passwords, a cache secondary with inherited settings", async () => {
    const v = await check(globalSecondaryInherited, [
      res(CLUSTER, "secondary", {
        globalClusterIdentifier: "prod-platform",
        masterUsername: "u",
        masterPassword: "[secret]",
        manageMasterUserPassword: true,
      }),
      res(RG, "cache", {
        globalReplicationGroupId: "x-prod",
        nodeType: "cache.r7g.large",
        engine: "valkey",
        authToken: "[secret]",
      }),
    ]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(CLUSTER, "secondary"),
        'Cluster "secondary" lets RDS manage its master password: global database members do not support it; store a generated password in Secrets Manager.',
      ],
      [
        urnOf(CLUSTER, "secondary"),
        'Secondary cluster "secondary" sets masterUsername and masterPassword: a global secondary inherits its credentials (AWS: "Cannot specify password for cross region replication cluster").',
      ],
      [
        urnOf(RG, "cache"),
        'Global datastore secondary "cache" sets engine, nodeType, authToken: these are inherited from the primary and AWS rejects them.',
      ],
    ]);
  });
});

describe("preflight-global-instance-classes", () => {
  const cluster = res(CLUSTER, "c", { globalClusterIdentifier: "prod-platform" });
  const instance = (cls: string) =>
    res(
      INSTANCE,
      `i-${cls}`,
      { instanceClass: cls },
      { propertyDependencies: { clusterIdentifier: [cluster.urn] } },
    );
  const primaryCache = (node: string) => res(RG, "cache", { nodeType: node });
  const grg = res(
    GRG,
    "grg",
    {},
    { propertyDependencies: { primaryReplicationGroupId: [urnOf(RG, "cache")] } },
  );
  test("compliant: db.r7g and db.x2g members, an R7g cache primary", async () => {
    expect(
      await msgs(globalInstanceClasses, [
        cluster,
        instance("db.r7g.large"),
        instance("db.x2g.xlarge"),
        primaryCache("cache.r7g.large"),
        grg,
      ]),
    ).toEqual([]);
  });
  test("non-compliant: a burstable member and a T4g cache primary", async () => {
    expect(
      await msgs(globalInstanceClasses, [
        cluster,
        instance("db.t4g.medium"),
        primaryCache("cache.t4g.medium"),
        grg,
      ]),
    ).toEqual([
      'Instance "i-db.t4g.medium" of global cluster "c" uses db.t4g.medium: global databases need a memory-optimized class (db.r*, db.x*), large or above.',
      'Global datastore primary "cache" uses cache.t4g.medium: expected an M5, M6g, M7g, R5, R6g, R6gd, R7g or C7gn node, large or above.',
    ]);
  });
});

describe("preflight-kms-key-region", () => {
  const key = (region: string) => `arn:aws:kms:${region}:111122223333:key/k`;
  test("compliant: keys of the resource's own region (own region input, or the stack's)", async () => {
    expect(
      await msgs(
        kmsKeyRegion,
        [
          res(CLUSTER, "c", { kmsKeyId: key("eu-west-1") }),
          res("aws:secretsmanager/secret:Secret", "s", { region: "us-east-1", kmsKeyId: key("us-east-1") }),
        ],
        "eu-west-1",
      ),
    ).toEqual([]);
  });
  test("non-compliant: the primary's key named by a secondary-region cluster", async () => {
    expect(
      await msgs(kmsKeyRegion, [res(CLUSTER, "c", { kmsKeyId: key("us-east-1") })], "eu-west-1"),
    ).toEqual(["kmsKeyId is a key in us-east-1 but the resource is in eu-west-1: use a key of eu-west-1."]);
  });
});

describe("preflight-global-ignore-changes", () => {
  const member = res(CLUSTER, "c", { globalClusterIdentifier: "prod-platform" });
  test("compliant: all three ignored; a cluster outside a global database needs none", async () => {
    expect(
      await msgs(globalIgnoreChanges, [
        withIgnore(member, ["globalClusterIdentifier", "replicationSourceIdentifier", "engineVersion"]),
        res(CLUSTER, "solo", {}),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: only engineVersion ignored", async () => {
    expect(await msgs(globalIgnoreChanges, [withIgnore(member, ["engineVersion"])])).toEqual([
      "Global member ignores no changes to globalClusterIdentifier, replicationSourceIdentifier: add them to ignoreChanges, or an update can detach it from the global database.",
    ]);
  });
});
