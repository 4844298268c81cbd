/** Preflight policies of the data tier added with issue 9 (global stores on day two, RDS Proxy). */
import { auroraAutoscalingSecondary } from "../../../policies/preflight/aurora-autoscaling-secondary";
import { globalDatastoreMemberDrift } from "../../../policies/preflight/global-datastore-member-drift";
import type { PlanResource } from "../../../src/plan/types";
import { check, res, urnOf } from "../../helpers/policy";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:rds/cluster:Cluster";
const GLOBAL = "aws:rds/globalCluster:GlobalCluster";
const TARGET = "aws:appautoscaling/target:Target";
const GRG = "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup";

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
      "Aurora Auto Scaling is not supported there; give the secondary a fixed reader count and scale only the writer's cluster.";
    expect(
      await msgs(auroraAutoscalingSecondary, [secondary, target("secondary"), byValue], "eu-west-1"),
    ).toEqual([
      [urnOf(TARGET, "secondary-readers"), message("secondary-readers")],
      [urnOf(TARGET, "by-value"), message("by-value")],
    ]);
  });
});
