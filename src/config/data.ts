/**
 * Config of the data tier (`platform:data`): the Aurora global database and the ElastiCache
 * global datastore. The constraints here are AWS's own for global members.
 */
import { z } from "zod";
import { quotedList as list, wholeNumber } from "./messages";
import { AURORA_DEFAULTS, CACHE_DEFAULTS, READER_AUTOSCALING_DEFAULTS } from "./defaults";

/** Aurora global databases need memory-optimized classes: db.r* or db.x* (e.g. db.r7g.large). */
export const AURORA_CLASS_RE = /^db\.(r|x)\d+[a-z]*\.(large|\d*xlarge)$/;
/** Node families a global datastore accepts, size large or above. */
export const CACHE_FAMILIES = ["m5", "m6g", "m7g", "r5", "r6g", "r6gd", "r7g", "c7gn"] as const;
export const CACHE_NODE_RE = new RegExp(`^cache\\.(${CACHE_FAMILIES.join("|")})\\.(large|\\d*xlarge)$`);
export const CACHE_ENGINES = ["valkey", "redis"] as const;
/** Secondary regions a global datastore can have. */
export const MAX_CACHE_SECONDARIES = 2;

export const auroraSchema = z.strictObject(
  {
    engineVersion: z
      .string({ error: 'expected the Aurora PostgreSQL version to pin, e.g. "16.4"' })
      .regex(/^\d+\.\d+$/, {
        error: 'is not an Aurora PostgreSQL version: expected "<major>.<minor>", e.g. "16.4"',
      })
      .meta({
        description:
          'The Aurora PostgreSQL version, pinned as `<major>.<minor>` (e.g. `"16.4"`). Upgrades go through the global cluster.',
      }),
    instanceClass: z
      .string({ error: "expected a memory-optimized instance class such as db.r7g.large" })
      .regex(AURORA_CLASS_RE, {
        error:
          "is not allowed for an Aurora global database: expected a memory-optimized class, db.r* or db.x* of size large or above (e.g. db.r7g.large); AWS rejects burstable and general-purpose classes for global members",
      })
      .meta({
        description:
          "The instance class: memory-optimized `db.r*` or `db.x*`, large or above (global databases reject others).",
      }),
    readers: wholeNumber("reader instances", 1, 15).default(AURORA_DEFAULTS.readers).meta({
      description:
        "Reader instances per region (the primary's cluster also has a writer). A secondary runs this many when `active`, one when `warm-standby` or `pilot-light`; with `rdsProxy`, at least two instances in every region and posture (the proxy's read-only endpoint needs a reader after a switchover).",
    }),
    readerAutoscaling: z
      .strictObject(
        {
          min: wholeNumber("reader replicas", 0, 15)
            .default(READER_AUTOSCALING_DEFAULTS.min)
            .meta({ description: "The fewest reader replicas." }),
          max: wholeNumber("reader replicas", 1, 15)
            .default(READER_AUTOSCALING_DEFAULTS.max)
            .meta({ description: "The most reader replicas, at least `min`." }),
          cpuTarget: z
            .number({ error: "expected a CPU percentage from 10 to 90" })
            .min(10, { error: "is out of range: expected a CPU percentage from 10 to 90" })
            .max(90, { error: "is out of range: expected a CPU percentage from 10 to 90" })
            .default(READER_AUTOSCALING_DEFAULTS.cpuTarget)
            .meta({ description: "The readers' average CPU target, in percent." }),
        },
        { error: "expected an object with min, max and cpuTarget" },
      )
      .prefault({})
      .meta({
        description:
          "Application Auto Scaling of the reader count on the readers' average CPU, registered by the stack in `failover.writerRegion` only (Aurora Auto Scaling is not supported on secondary clusters of a global database): it follows the writer, so every stack file resolves the same values.",
      }),
    backupRetentionDays: wholeNumber("days of backups (at least 7)", 7, 35)
      .default(AURORA_DEFAULTS.backupRetentionDays)
      .meta({ description: "Days automated backups are kept." }),
    databaseName: z
      .string({ error: "expected a database name" })
      .regex(/^[a-z][a-z0-9_]{0,62}$/, {
        error: "is not a database name: expected lower-case letters, digits and _",
      })
      .default(AURORA_DEFAULTS.databaseName)
      .meta({ description: "The database created in the cluster: lower-case letters, digits and `_`." }),
    masterUsername: z
      .string({ error: "expected a user name" })
      .regex(/^[a-z][a-z0-9_]{0,15}$/, {
        error: "is not a user name: expected 1 to 16 lower-case letters, digits and _",
      })
      .refine((u) => !["postgres", "rdsadmin", "admin"].includes(u), {
        error: "is reserved: expected another name",
      })
      .default(AURORA_DEFAULTS.masterUsername)
      .meta({
        description:
          "The master user: 1 to 16 lower-case letters, digits and `_`; not `postgres`, `rdsadmin` or `admin`.",
      }),
    rdsProxy: z
      .boolean({ error: "expected true or false" })
      .default(AURORA_DEFAULTS.rdsProxy)
      .meta({ description: "An RDS Proxy per region (IAM authentication, TLS)." }),
  },
  {
    error: "expected an object with engineVersion, instanceClass and optional settings (see docs/config.md)",
  },
);

export const cacheSchema = z.strictObject(
  {
    engine: z
      .enum(CACHE_ENGINES, { error: `is not a cache engine: expected one of ${list(CACHE_ENGINES)}` })
      .default(CACHE_DEFAULTS.engine)
      .meta({ description: "The cache engine (used on the primary only: secondaries inherit it)." }),
    engineVersion: z
      .string({ error: 'expected the engine version to pin, e.g. "8.0"' })
      .regex(/^\d+\.\d+$/, { error: 'is not an engine version: expected "<major>.<minor>", e.g. "8.0"' })
      .meta({
        description:
          'The engine version, pinned as `<major>.<minor>` (e.g. `"8.0"`); used on the primary only, and changed on the global datastore.',
      }),
    nodeType: z
      .string({ error: "expected a node type such as cache.r7g.large" })
      .regex(CACHE_NODE_RE, {
        error: `is not allowed for a global datastore: expected cache.<family>.<size> with a family among ${CACHE_FAMILIES.join(", ")} and size large or above`,
      })
      .meta({
        description: `The node type: \`cache.<family>.<size>\` with a family among ${CACHE_FAMILIES.join(", ")} and size large or above (used on the primary only).`,
      }),
    replicas: wholeNumber("replicas (Multi-AZ needs at least 1)", 1, 5)
      .default(CACHE_DEFAULTS.replicas)
      .meta({
        description:
          "Replicas beside the node that takes writes (Multi-AZ needs one). A region runs this many when `active`, one when `warm-standby` or `pilot-light`.",
      }),
    snapshotRetentionDays: wholeNumber("days of snapshots (at least 7)", 7, 35)
      .default(CACHE_DEFAULTS.snapshotRetentionDays)
      .meta({ description: "Days automatic snapshots are kept." }),
  },
  { error: "expected an object with engineVersion, nodeType and optional settings (see docs/config.md)" },
);

export const dataSchema = z.strictObject(
  {
    aurora: auroraSchema.meta({
      description: "The Aurora PostgreSQL global database: this region's cluster.",
    }),
    cache: cacheSchema.meta({
      description:
        "The ElastiCache global datastore: this region's replication group. Every secondary stack joins it, and it allows at most two secondary regions.",
    }),
  },
  { error: "expected an object with aurora and cache" },
);

export type AuroraConfig = z.output<typeof auroraSchema>;
export type CacheConfig = z.output<typeof cacheSchema>;
export type DataConfig = z.output<typeof dataSchema>;
