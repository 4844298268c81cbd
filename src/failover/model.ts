/**
 * The RTO/RPO model: from config alone, the expected detection and recovery time of each drill
 * scenario, to compare with what drill reports measure (docs/failover.md, "RTO and RPO").
 *
 * - Detection: Route 53 counts an endpoint unhealthy after `failureThreshold` consecutive failed
 *   checks, one every `requestInterval` seconds (Route 53 developer guide, "How Amazon Route 53
 *   determines whether a health check is healthy").
 * - DNS: the failover records are aliases to load balancers, and an alias to an ELB load balancer
 *   has a fixed TTL of 60 seconds (Route 53 FAQ, "Do I need to adjust the TTL for my records in
 *   order to use DNS Failover?"); resolvers may cache the old answer that long after detection.
 * - Switchover: SwitchoverGlobalCluster synchronises the secondaries first, so no data is lost
 *   (RPO 0); how long it takes is not published ("unavailable for a short time"), so the model
 *   uses `platform:failover.switchoverEstimateSeconds`. FailoverGlobalCluster with AllowDataLoss
 *   may lose what was not yet replicated: its RPO is the replication lag at the moment the
 *   writer's region failed. Nothing bounds it: the writer placement does not refuse an unplanned
 *   failover on lag (the lag only grows while that region is down), so `maxReplicationLagSeconds`
 *   bounds planned moves only. What config does say is when someone is told: the Aurora RPO alarm
 *   fires above `platform:observability.rpoSeconds`, so the model reports that threshold as the
 *   lag that goes unalarmed, not as a bound.
 */

/** Alias records to an ELB load balancer have this fixed TTL (Route 53 FAQ). */
export const ALB_ALIAS_TTL_SECONDS = 60;

export const SCENARIOS = ["dns", "switchover", "region"] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** What the model reads. */
export interface RtoInputs {
  readonly intervalSeconds: number;
  readonly failureThreshold: number;
  readonly switchoverEstimateSeconds: number;
  readonly allowDataLoss: boolean;
  /** The Aurora RPO alarm's threshold (`platform:observability.rpoSeconds`): replication lag above it pages. */
  readonly rpoAlarmSeconds: number;
}

/** The expected timings of one scenario, in seconds. */
export interface ScenarioEstimate {
  readonly scenario: Scenario;
  /** From the failure (or the drill's change) to Route 53 answering with the next region. */
  readonly detectionSeconds: number;
  /** From the failure to clients reaching the next region (and, where it moves, the writer). */
  readonly recoverySeconds: number;
  /**
   * Data that may be lost: 0, or `undefined` for "the replication lag at the failure", which no
   * config bounds (see {@link rpoAlarmSeconds} for when it is alarmed).
   */
  readonly rpoSeconds: number | undefined;
  /** With data loss allowed: the lag above which the Aurora RPO alarm fires. */
  readonly rpoAlarmSeconds?: number;
  readonly explanation: string;
}

export function estimate(i: RtoInputs): ScenarioEstimate[] {
  const detection = i.intervalSeconds * i.failureThreshold;
  const dns = detection + ALB_ALIAS_TTL_SECONDS;
  const rpo = i.allowDataLoss
    ? { rpoSeconds: undefined, rpoAlarmSeconds: i.rpoAlarmSeconds }
    : { rpoSeconds: 0 as number | undefined };
  return [
    {
      scenario: "dns",
      detectionSeconds: detection,
      recoverySeconds: dns,
      rpoSeconds: 0,
      explanation: `${i.intervalSeconds} s x ${i.failureThreshold} checks, then the ${ALB_ALIAS_TTL_SECONDS} s alias TTL`,
    },
    {
      scenario: "switchover",
      detectionSeconds: 0,
      recoverySeconds: i.switchoverEstimateSeconds,
      ...rpo,
      explanation: `${i.allowDataLoss ? "FailoverGlobalCluster with AllowDataLoss" : "SwitchoverGlobalCluster (RPO 0)"}, estimated ${i.switchoverEstimateSeconds} s`,
    },
    {
      scenario: "region",
      detectionSeconds: detection,
      recoverySeconds: Math.max(dns, i.switchoverEstimateSeconds),
      ...rpo,
      explanation: "DNS failover and the writer's move run at once: the slower of the two",
    },
  ];
}

/** The seconds a scenario's table row shows. */
export const formatEstimate = (e: ScenarioEstimate): string =>
  `${e.scenario}: detection ${e.detectionSeconds} s, recovery ${e.recoverySeconds} s, RPO ${
    e.rpoSeconds !== undefined
      ? String(e.rpoSeconds)
      : `the replication lag at the failure (unbounded; alarmed above ${e.rpoAlarmSeconds} s)`
  } (${e.explanation})`;
