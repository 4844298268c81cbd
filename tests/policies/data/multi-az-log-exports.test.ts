/** data-cache-multi-az and data-aurora-log-exports. */
import { auroraLogExports } from "../../../policies/data/aurora-log-exports";
import { cacheMultiAz } from "../../../policies/data/cache-multi-az";
import { check, res } from "../../helpers/policy";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:rds/cluster:Cluster";
const msgs = async (policy: Parameters<typeof check>[0], r: Parameters<typeof check>[1]) =>
  (await check(policy, r)).map((v) => [v.urn.split("::").pop(), v.message]);

describe("data-cache-multi-az", () => {
  test("compliant: Multi-AZ and automatic failover with a replica, on a primary and on a global secondary", async () => {
    expect(
      await msgs(cacheMultiAz, [
        res(RG, "primary", { multiAzEnabled: true, automaticFailoverEnabled: true, numCacheClusters: 2 }),
        res(RG, "secondary", {
          globalReplicationGroupId: "ldgnf-global",
          multiAzEnabled: "true",
          automaticFailoverEnabled: "true",
          numCacheClusters: 3,
        }),
        res(RG, "sharded", { multiAzEnabled: true, automaticFailoverEnabled: true, replicasPerNodeGroup: 1 }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: the provider's defaults (both off), failover without Multi-AZ, a single node", async () => {
    expect(
      await msgs(cacheMultiAz, [
        res(RG, "defaults", { numCacheClusters: 2 }),
        res(RG, "failover-only", { automaticFailoverEnabled: true, multiAzEnabled: false }),
        res(RG, "single", { multiAzEnabled: true, automaticFailoverEnabled: true, numCacheClusters: 1 }),
      ]),
    ).toEqual([
      ["defaults", "Replication group is not Multi-AZ (multiAzEnabled = undefined): set it to true."],
      [
        "defaults",
        "Replication group does not fail over automatically (automaticFailoverEnabled = undefined): set it to true.",
      ],
      ["failover-only", "Replication group is not Multi-AZ (multiAzEnabled = false): set it to true."],
      [
        "single",
        "Replication group has no replica to fail over to (numCacheClusters below 2, or replicasPerNodeGroup 0): give every shard at least one replica.",
      ],
    ]);
  });
});

describe("data-aurora-log-exports", () => {
  test("compliant: Aurora PostgreSQL exporting postgresql (with the newer types), Aurora MySQL its error log, another engine anything", async () => {
    expect(
      await msgs(auroraLogExports, [
        res(CLUSTER, "pg", { engine: "aurora-postgresql", enabledCloudwatchLogsExports: ["postgresql"] }),
        res(CLUSTER, "pg-all", {
          engine: "aurora-postgresql",
          enabledCloudwatchLogsExports: ["postgresql", "iam-db-auth-error", "instance"],
        }),
        res(CLUSTER, "mysql", { engine: "aurora-mysql", enabledCloudwatchLogsExports: ["audit", "error"] }),
        res(CLUSTER, "other", { engine: "neptune", enabledCloudwatchLogsExports: ["audit"] }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: nothing exported, only the side logs, a type the engine does not have", async () => {
    expect(
      await msgs(auroraLogExports, [
        res(CLUSTER, "none", { engine: "aurora-postgresql" }),
        res(CLUSTER, "side", {
          engine: "aurora-postgresql",
          enabledCloudwatchLogsExports: ["iam-db-auth-error"],
        }),
        res(CLUSTER, "wrong", {
          engine: "aurora-postgresql",
          enabledCloudwatchLogsExports: ["postgresql", "slowquery"],
        }),
      ]),
    ).toEqual([
      [
        "none",
        'Cluster exports no logs to CloudWatch Logs: set enabledCloudwatchLogsExports to ["postgresql"].',
      ],
      [
        "side",
        'Cluster exports ["iam-db-auth-error"] but not the database log "postgresql": add it to enabledCloudwatchLogsExports.',
      ],
      [
        "wrong",
        'Cluster exports ["slowquery"], which aurora-postgresql does not have: expected some of ["postgresql","instance","iam-db-auth-error"].',
      ],
    ]);
  });
});
