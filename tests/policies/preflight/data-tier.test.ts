/** Preflight policies of the data tier added with issue 9 (global stores on day two, RDS Proxy). */
import { globalDatastoreMemberDrift } from "../../../policies/preflight/global-datastore-member-drift";
import type { PlanResource } from "../../../src/plan/types";
import { check, res, urnOf } from "../../helpers/policy";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
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
