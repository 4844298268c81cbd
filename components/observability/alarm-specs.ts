/**
 * The region's alarms as data: what each watches, its threshold, how it evaluates, how it treats
 * missing data and why, and which topic it pages. A pure function of the monitored resources and
 * the thresholds, so the tests read every alarm without a Pulumi runtime; {@link Alarms} turns
 * the specs into `aws.cloudwatch.MetricAlarm`s.
 */
import { ALARM_EVALUATION } from "../../src/config/defaults";
import type { AlarmSeverity } from "../../src/config/observability";
import {
  alb,
  aurora,
  cache,
  cacheNodeIds,
  errorRateExpression,
  hitRatioExpression,
  sqs,
  states,
  type MetricRef,
  type Monitored,
} from "./metrics";

export type TreatMissingData = "missing" | "notBreaching" | "breaching" | "ignore";
export type Comparison =
  | "GreaterThanThreshold"
  | "GreaterThanOrEqualToThreshold"
  | "LessThanThreshold"
  | "LessThanOrEqualToThreshold";

/** One alarm. `S` is the type of dimension values: string, or a Pulumi Input in the component. */
export interface AlarmSpec<S = string> {
  /** Stable key, unique in the region: the alarm is named `<prefix>-<key>`. */
  readonly key: string;
  readonly severity: AlarmSeverity;
  readonly description: string;
  readonly comparison: Comparison;
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  /** How a period without data counts, and why that is right for this metric. */
  readonly missingData: { readonly treat: TreatMissingData; readonly why: string };
  /** One metric with a basic statistic or a percentile... */
  readonly metric?: MetricRef<S>;
  /** ...or metric math: the expression (the alarm's value) over metrics by id. */
  readonly math?: {
    readonly expression: string;
    readonly label: string;
    readonly metrics: Readonly<Record<string, MetricRef<S>>>;
  };
  /**
   * A member of the composite "region unhealthy" alarm: the request path fails in this region, a
   * reason to send its traffic elsewhere (not a slow or degraded dependency).
   */
  readonly regionHealth?: boolean;
}

/** The thresholds the specs read: `platform:observability.alarms` and the RPO. */
export interface AlarmThresholdValues {
  readonly errorRatePercent: number;
  readonly latencyP95Seconds: number;
  readonly connectionFailures: number;
  readonly memoryPercent: number;
  readonly oldestMessageAgeSeconds: number;
  readonly cacheHitRatioPercent: number;
  readonly auroraLocalStorageFreeGiB: number;
  readonly rpoSeconds: number;
}

const E = ALARM_EVALUATION;
/** 3 of the last 5 one-minute periods: a sustained problem, not one noisy minute. */
const FAST = {
  periodSeconds: E.periodSeconds,
  evaluationPeriods: E.evaluationPeriods,
  datapointsToAlarm: E.datapointsToAlarm,
};
/** 3 of the last 3 five-minute periods: slow signals that must hold for 15 minutes. */
const SLOW = { periodSeconds: E.slowPeriodSeconds, evaluationPeriods: 3, datapointsToAlarm: 3 };
/** One breaching minute: for signals where a single occurrence is already the problem. */
const ONCE = { periodSeconds: E.periodSeconds, evaluationPeriods: 1, datapointsToAlarm: 1 };

/**
 * Every alarm of a region, from what it has. `suffix(id, "001")` appends a cache node's suffix
 * to its replication group's ID (string concatenation, or `pulumi.interpolate` for Inputs).
 */
export function alarmSpecs<S>(
  m: Monitored<S>,
  t: AlarmThresholdValues,
  suffix: (id: S, n: string) => S,
): AlarmSpec<S>[] {
  const specs: AlarmSpec<S>[] = [];

  for (const tier of m.tiers) {
    specs.push(
      {
        key: `${tier.name}-5xx-rate`,
        severity: "critical",
        description: `${tier.name} tier: 5xx responses (load balancer and targets) above ${t.errorRatePercent} % of requests`,
        comparison: "GreaterThanThreshold",
        threshold: t.errorRatePercent,
        ...FAST,
        // The expression fills every series with 0 and is 0 % when there is no traffic, so it has
        // a value each minute; a gap means CloudWatch returned nothing at all for the tier, which
        // is no evidence of errors: not breaching.
        missingData: {
          treat: "notBreaching",
          why: "the ALB reports its counts only when they are non-zero: no data is no traffic, and no traffic is no error",
        },
        math: {
          // A tier without instances counts only requests that reached a target (metrics.ts).
          expression: errorRateExpression(tier),
          label: "5xx %",
          metrics: { req: alb.requests(tier), elb5: alb.elb5xx(tier), tgt5: alb.target5xx(tier) },
        },
        regionHealth: true,
      },
      {
        key: `${tier.name}-p95-latency`,
        severity: "critical",
        description: `${tier.name} tier: p95 target response time above ${t.latencyP95Seconds} s`,
        comparison: "GreaterThanThreshold",
        threshold: t.latencyP95Seconds,
        ...FAST,
        missingData: {
          treat: "notBreaching",
          why: "TargetResponseTime exists only for requests that reached a target: no data is no traffic, not slowness",
        },
        metric: alb.latency(tier, "p95"),
      },
    );
    if (tier.serving ?? true) {
      specs.push({
        key: `${tier.name}-no-healthy-targets`,
        severity: "critical",
        description: `${tier.name} tier: no healthy target behind the load balancer`,
        comparison: "LessThanThreshold",
        threshold: 1,
        ...FAST,
        missingData: {
          treat: "breaching",
          why: "HealthyHostCount is reported every minute while health checks run: its absence means the target group is gone or unreported, which the request path cannot survive either",
        },
        metric: alb.healthyHosts(tier),
        regionHealth: true,
      });
    }
  }

  const a = m.aurora;
  if (a) {
    specs.push(
      {
        key: "aurora-replication-lag",
        severity: "critical",
        description: `Aurora global database: replication to this region lags more than the ${t.rpoSeconds} s RPO`,
        comparison: "GreaterThanThreshold",
        threshold: t.rpoSeconds * 1000,
        ...FAST,
        missingData: {
          treat: "notBreaching",
          why: "only a secondary cluster publishes AuroraGlobalDBReplicationLag: in the writer's region there is nothing to lag, and after a switchover the alarm of the new secondary's region takes over",
        },
        metric: aurora.replicationLag(a),
      },
      {
        key: "aurora-local-storage",
        severity: "warning",
        description: `Aurora: an instance has less than ${t.auroraLocalStorageFreeGiB} GiB of local storage free (temporary tables and logs)`,
        comparison: "LessThanThreshold",
        threshold: t.auroraLocalStorageFreeGiB * 2 ** 30,
        ...SLOW,
        missingData: {
          treat: "missing",
          why: "every Aurora instance reports FreeLocalStorage each minute: a gap says nothing about the disk, so the alarm keeps its state",
        },
        metric: aurora.freeLocalStorage(a),
      },
    );
    if (a.proxyName !== undefined) {
      specs.push({
        key: "aurora-connection-failures",
        severity: "critical",
        description: `Aurora: the RDS Proxy failed to open ${t.connectionFailures} or more database connections in 5 minutes`,
        comparison: "GreaterThanOrEqualToThreshold",
        threshold: t.connectionFailures,
        periodSeconds: E.slowPeriodSeconds,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        missingData: {
          treat: "notBreaching",
          why: "RDS Proxy publishes connection metrics only once it has connected, and a failure count only when there are failures: no data is no failure",
        },
        metric: aurora.proxySetupFailed(a.proxyName),
      });
    }
  }

  const c = m.cache;
  if (c) {
    const nodes = cacheNodeIds(c, suffix);
    specs.push(
      {
        key: "cache-memory",
        severity: "critical",
        description: `Cache: a node uses more than ${t.memoryPercent} % of its memory`,
        comparison: "GreaterThanThreshold",
        threshold: t.memoryPercent,
        ...FAST,
        missingData: {
          treat: "missing",
          why: "every node reports its memory each minute: a gap (a node being replaced) says nothing about memory, so the alarm keeps its state",
        },
        math: {
          expression: `MAX([${nodes.map((_, i) => `n${i}`).join(", ")}])`,
          label: "highest node memory %",
          metrics: Object.fromEntries(
            nodes.map((n, i) => [`n${i}`, cache.node(n, "DatabaseMemoryUsagePercentage", "Maximum")]),
          ),
        },
      },
      {
        key: "cache-hit-ratio",
        severity: "warning",
        description: `Cache: hits below ${t.cacheHitRatioPercent} % of lookups for 15 minutes`,
        comparison: "LessThanThreshold",
        threshold: t.cacheHitRatioPercent,
        ...SLOW,
        missingData: {
          treat: "notBreaching",
          why: "the expression is 100 % without lookups; no data at all means no lookups, which is no inefficiency",
        },
        math: {
          expression: hitRatioExpression(nodes.length),
          label: "hit %",
          metrics: Object.fromEntries(
            nodes.flatMap((n, i) => [
              [`h${i}`, cache.node(n, "CacheHits", "Sum")],
              [`m${i}`, cache.node(n, "CacheMisses", "Sum")],
            ]),
          ),
        },
      },
    );
  }

  for (const q of m.queues ?? []) {
    if (q.queueName === undefined && q.dlqName === undefined)
      throw new Error(`queue "${q.name}": expected its queueName, its dlqName or both`);
    if (q.dlqName !== undefined) {
      specs.push({
        key: `${q.name}-dlq-messages`,
        severity: "critical",
        description: `${q.name}: a message is in the dead-letter queue`,
        comparison: "GreaterThanThreshold",
        threshold: 0,
        ...ONCE,
        missingData: {
          treat: "notBreaching",
          why: "SQS stops publishing for a queue with no messages and no calls for six hours: an empty dead-letter queue goes silent, one with a message does not",
        },
        metric: sqs.visible(q.dlqName, "dead-letter"),
      });
    }
    if (q.queueName === undefined) continue;
    specs.push({
      key: `${q.name}-oldest-message`,
      severity: "critical",
      description: `${q.name}: the oldest message waits more than ${t.oldestMessageAgeSeconds} s`,
      comparison: "GreaterThanThreshold",
      threshold: t.oldestMessageAgeSeconds,
      ...FAST,
      missingData: {
        treat: "notBreaching",
        why: "SQS stops publishing for an idle, empty queue: no data means no message is waiting",
      },
      metric: sqs.oldest(q.queueName),
    });
  }

  for (const sm of m.stateMachines ?? []) {
    specs.push({
      key: `${sm.name}-executions-failed`,
      severity: "warning",
      description: `${sm.name}: an execution failed (its compensation ran; see the execution history)`,
      comparison: "GreaterThanOrEqualToThreshold",
      threshold: 1,
      ...ONCE,
      missingData: {
        treat: "notBreaching",
        why: "Step Functions publishes ExecutionsFailed only when executions fail: no data is no failure",
      },
      metric: states.executions(sm, "ExecutionsFailed"),
    });
  }

  const keys = specs.map((s) => s.key);
  const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (repeated.length > 0)
    throw new Error(`alarm keys must be unique in a region: ${repeated.join(", ")} repeat`);
  return specs;
}

/** CloudWatch's basic statistics; anything else (`p95`) is an extended statistic. */
export const BASIC_STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"] as const;
export const isBasicStatistic = (stat: string) => (BASIC_STATISTICS as readonly string[]).includes(stat);

/**
 * Whether Route 53 can follow the alarm with a CLOUDWATCH_METRIC health check: one
 * standard-resolution metric with a basic statistic (Route 53 API reference, `AlarmIdentifier`:
 * "Route 53 supports CloudWatch alarms with the following features: Standard-resolution metrics...
 * Statistics: Average, Minimum, Maximum, Sum, and SampleCount. Extended statistics aren't
 * supported"; its `CloudWatchAlarmConfiguration` describes an alarm by one metric's namespace,
 * name, dimensions and statistic, which a metric-math or composite alarm does not have).
 */
export const routable = <S>(s: AlarmSpec<S>): boolean =>
  s.metric !== undefined && isBasicStatistic(s.metric.stat) && s.periodSeconds >= 60;
