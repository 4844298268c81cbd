/**
 * Config of failover and drills (`platform:failover`): where the Aurora writer and the cache
 * primary should be, a drill of this region, the data-loss mode, the replication lag a switchover
 * tolerates, an RTO target, and the platform-wide order traffic falls back in (docs/failover.md).
 */
import { z } from "zod";
import { quotedList as list, wholeNumber } from "./messages";
import { KNOWN_REGIONS } from "./regions";
import { FAILOVER_DEFAULTS } from "./defaults";

/**
 * - `none`: normal operation;
 * - `dns`: this region's Route 53 health check is inverted, so traffic falls back to the next
 *   region of the order through the data plane, and nothing else changes;
 * - `region`: also the writer must be elsewhere (`writerRegion`) and the next region active.
 */
export const DRILLS = ["none", "dns", "region"] as const;
export type Drill = (typeof DRILLS)[number];

const region = z.enum(KNOWN_REGIONS as [string, ...string[]], {
  error: `is not a known AWS region: expected one of ${list(KNOWN_REGIONS)}`,
});

export const failoverSchema = z.strictObject(
  {
    writerRegion: region.optional().meta({
      description:
        "The region where the Aurora writer and the ElastiCache primary should be. Changing it makes the primary stack switch the global database over and fail the global datastore over (a no-op when they are already there). Every stack file that sets it names the same region.",
      defaultText: "the primary stack's region",
    }),
    drill: z
      .enum(DRILLS, { error: `is not a drill: expected one of ${list(DRILLS)}` })
      .default(FAILOVER_DEFAULTS.drill)
      .meta({
        description:
          "`none`; `dns`: invert this region's health check, so traffic moves to the next region of `order` (nothing else changes); `region`: the same, and the writer must be elsewhere and the next region `active`.",
      }),
    allowDataLoss: z
      .boolean({ error: "expected true or false" })
      .default(FAILOVER_DEFAULTS.allowDataLoss)
      .meta({
        description:
          "`false`: move the writer with a managed switchover (RPO 0, needs both regions healthy). `true`: an unplanned failover (`FailoverGlobalCluster` with `AllowDataLoss`), for when the writer's region is down; writes not yet replicated are lost.",
      }),
    maxReplicationLagSeconds: wholeNumber("seconds", 1, 3600)
      .default(FAILOVER_DEFAULTS.maxReplicationLagSeconds)
      .meta({
        description:
          "The switchover resource refuses to move the writer while the target region's `AuroraGlobalDBReplicationLag` is above this.",
      }),
    switchoverTimeoutSeconds: wholeNumber("seconds", 60, 7200)
      .default(FAILOVER_DEFAULTS.switchoverTimeoutSeconds)
      .meta({ description: "How long the switchover resource waits for Aurora and ElastiCache to finish." }),
    switchoverEstimateSeconds: wholeNumber("seconds", 1, 7200)
      .default(FAILOVER_DEFAULTS.switchoverEstimateSeconds)
      .meta({
        description:
          "What the RTO model assumes moving the writer takes (AWS publishes no figure): set it to what drill reports measure.",
      }),
    rtoTargetSeconds: wholeNumber("seconds", 1, 86_400).optional().meta({
      description:
        "The recovery time the DNS failover must meet; config refuses health-check and TTL settings whose modelled recovery (docs/failover.md) exceeds it.",
      defaultText: "none",
    }),
    order: z
      .array(region, { error: "expected a list of regions" })
      .min(2, { error: "has fewer than 2 regions: expected every region of the platform, each once" })
      .optional()
      .meta({
        description:
          "The platform-wide order traffic falls back in: every stack's region, each once, the same list in every stack file. Two regions form one Route 53 failover pair; three or more chain pairs. Left out: the primary, then the secondary with `edge.failover`.",
        defaultText: "none (the primary and the one secondary with `edge.failover`)",
      }),
  },
  {
    error:
      "expected an object with optional writerRegion, drill, allowDataLoss, maxReplicationLagSeconds, switchoverTimeoutSeconds, switchoverEstimateSeconds, rtoTargetSeconds, order",
  },
);

export type FailoverConfig = z.output<typeof failoverSchema>;
