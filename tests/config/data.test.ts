import { validateStackConfig } from "../../src/config";
import { problemsOf, stackValues, withOverrides } from "../helpers/config";

const data = () =>
  stackValues("us-east-1")["platform:data"] as {
    aurora: Record<string, unknown>;
    cache: Record<string, unknown>;
  };
const withAurora = (o: Record<string, unknown>) => ({
  "platform:data": { ...data(), aurora: { ...data().aurora, ...o } },
});
const withCache = (o: Record<string, unknown>) => ({
  "platform:data": { ...data(), cache: { ...data().cache, ...o } },
});

describe("data config", () => {
  test("the stack files pin the engines and use memory-optimized classes", () => {
    const cfg = validateStackConfig(withOverrides("us-east-1", {}));
    expect(cfg.data.aurora).toMatchObject({
      engineVersion: "16.4",
      instanceClass: "db.r7g.large",
      readers: 1,
      backupRetentionDays: 14,
      rdsProxy: true,
    });
    expect(cfg.data.cache).toMatchObject({
      engine: "valkey",
      engineVersion: "8.0",
      nodeType: "cache.r7g.large",
      replicas: 1,
      snapshotRetentionDays: 7,
    });
  });

  const CLASS_MSG =
    "is not allowed for an Aurora global database: expected a memory-optimized class, db.r* or db.x* of size large or above (e.g. db.r7g.large); AWS rejects burstable and general-purpose classes for global members";
  const NODE_MSG =
    "is not allowed for a global datastore: expected cache.<family>.<size> with a family among m5, m6g, m7g, r5, r6g, r6gd, r7g, c7gn and size large or above";
  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      "a burstable instance class",
      withAurora({ instanceClass: "db.t4g.medium" }),
      [`platform:data.aurora.instanceClass = "db.t4g.medium" ${CLASS_MSG}`],
    ],
    [
      "a general-purpose instance class",
      withAurora({ instanceClass: "db.m6g.large" }),
      [`platform:data.aurora.instanceClass = "db.m6g.large" ${CLASS_MSG}`],
    ],
    [
      "a cache.t4g node",
      withCache({ nodeType: "cache.t4g.medium" }),
      [`platform:data.cache.nodeType = "cache.t4g.medium" ${NODE_MSG}`],
    ],
    [
      "a node below large",
      withCache({ nodeType: "cache.r7g.medium" }),
      [`platform:data.cache.nodeType = "cache.r7g.medium" ${NODE_MSG}`],
    ],
    [
      "backups under 7 days",
      withAurora({ backupRetentionDays: 3 }),
      [
        "platform:data.aurora.backupRetentionDays = 3 is too small: expected days of backups (at least 7) from 7 to 35",
      ],
    ],
    [
      "cache snapshots under 7 days",
      withCache({ snapshotRetentionDays: 1 }),
      [
        "platform:data.cache.snapshotRetentionDays = 1 is too small: expected days of snapshots (at least 7) from 7 to 35",
      ],
    ],
    [
      "no replica (Multi-AZ needs one)",
      withCache({ replicas: 0 }),
      [
        "platform:data.cache.replicas = 0 is too small: expected replicas (Multi-AZ needs at least 1) from 1 to 5",
      ],
    ],
    [
      "reader autoscaling max below min",
      withAurora({ readerAutoscaling: { min: 3, max: 2 } }),
      ['platform:data.aurora.readerAutoscaling = {"min":3,"max":2} has max below min: expected min <= max'],
    ],
    [
      "an unpinned engine version",
      withAurora({ engineVersion: "latest" }),
      [
        'platform:data.aurora.engineVersion = "latest" is not an Aurora PostgreSQL version: expected "<major>.<minor>", e.g. "16.4"',
      ],
    ],
    [
      "an unknown cache engine",
      withCache({ engine: "memcached" }),
      ['platform:data.cache.engine = "memcached" is not a cache engine: expected one of "valkey", "redis"'],
    ],
  ];
  test.each(cases)("%s", (_label, overrides, expected) => {
    expect(problemsOf("us-east-1", overrides)).toEqual(expected);
  });
});
