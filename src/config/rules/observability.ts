/**
 * Rules of the dashboard and alarms (`platform:observability`): the account's cost anomaly monitor
 * belongs to the primary and to its account; a topic lists each endpoint once.
 */
import { show } from "../messages";
import { isObj, list, record, type RawStack } from "../raw";
import { forEach, type RuleTable } from "../rule-table";
import { ALARM_SEVERITIES, ANOMALY_MONITOR_ARN_RE, type AlarmSeverity } from "../observability";

const observability = (s: RawStack) => record(s.input.observability);
const costAnomaly = (s: RawStack): unknown => observability(s).costAnomaly;
const monitorArn = (s: RawStack): unknown => record(costAnomaly(s)).monitorArn;

/** One topic's subscription list, for the rules run on each topic. */
interface Topic {
  readonly severity: AlarmSeverity;
  readonly subscriptions: readonly unknown[];
}

/** Index of the first subscription that repeats an earlier one (same protocol and endpoint), or -1. */
function firstRepeat(subscriptions: readonly unknown[]): { at: number; earlier: number } | undefined {
  const seen = new Map<string, number>();
  for (const [i, s] of subscriptions.entries()) {
    if (!isObj(s) || typeof s.protocol !== "string" || typeof s.endpoint !== "string") continue;
    const key = `${s.protocol} ${s.endpoint}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) return { at: i, earlier };
    seen.set(key, i);
  }
  return undefined;
}

/**
 * The most cache nodes the `cache-hit-ratio` alarm can watch: it reads a `CacheHits` and a
 * `CacheMisses` metric per node (components/observability/alarm-specs.ts), and an alarm on metric
 * math reads at most 10 metrics (CloudWatch User Guide, alarm "Limits": "a hard limit";
 * preflight-metric-math-alarm-limits).
 */
export const HIT_RATIO_ALARM_MAX_NODES = 5;
const cacheReplicas = (s: RawStack): unknown => record(record(s.input.data).cache).replicas;

export const OBSERVABILITY_RULES: RuleTable<RawStack> = [
  {
    name: "the cache hit-ratio alarm can read every node",
    reads: ["platform:data.cache.replicas"],
    // A replica count that is not a whole number is the schema's to report.
    when: (s) => Number.isInteger(cacheReplicas(s)),
    fails: (s) => 1 + (cacheReplicas(s) as number) > HIT_RATIO_ALARM_MAX_NODES,
    message: (s) =>
      `platform:data.cache.replicas = ${show(cacheReplicas(s))} gives the cache ${1 + (cacheReplicas(s) as number)} nodes, ` +
      `more than the cache hit-ratio alarm can watch: expected at most ${HIT_RATIO_ALARM_MAX_NODES - 1} replicas ` +
      `(the alarm reads two metrics per node, and CloudWatch allows 10 in an alarm on metric math)`,
  },
  {
    name: "only the primary stack monitors cost anomalies",
    reads: ["platform:role", "platform:observability.costAnomaly"],
    when: (s) => s.input.role === "secondary",
    fails: (s) => costAnomaly(s) !== undefined,
    message: (s) =>
      `platform:observability.costAnomaly = ${show(costAnomaly(s))} is set on a secondary stack: expected it only ` +
      `on the primary, because Cost Explorer is account-wide (one anomaly monitor and subscription per account, ` +
      `owned by the stack applied first)`,
  },
  {
    name: "the cost anomaly monitor is the stack's account's",
    reads: ["platform:accountId", "platform:observability.costAnomaly.monitorArn"],
    // A malformed ARN is the schema's to report.
    when: (s) =>
      typeof monitorArn(s) === "string" &&
      ANOMALY_MONITOR_ARN_RE.test(monitorArn(s) as string) &&
      typeof s.input.accountId === "string",
    fails: (s) => (monitorArn(s) as string).split(":")[4] !== s.input.accountId,
    message: (s) =>
      `platform:observability.costAnomaly.monitorArn = ${show(monitorArn(s))} is not in account ` +
      `${show(s.input.accountId)}: expected a monitor of the stack's own account (aws ce get-anomaly-monitors)`,
  },
  forEach(
    "each alarm topic",
    (s: RawStack): Topic[] =>
      ALARM_SEVERITIES.map((severity) => ({
        severity,
        subscriptions: list(record(observability(s).subscriptions)[severity]),
      })),
    [
      {
        name: "a topic lists each endpoint once",
        reads: ["platform:observability.subscriptions.<severity>[i]"],
        fails: (t: Topic) => firstRepeat(t.subscriptions) !== undefined,
        message: (t: Topic) => {
          const { at, earlier } = firstRepeat(t.subscriptions)!;
          const key = `platform:observability.subscriptions.${t.severity}`;
          return (
            `${key}[${at}] = ${show(t.subscriptions[at])} repeats ${key}[${earlier}]: expected each endpoint once ` +
            `per topic (SNS answers a repeated Subscribe with the same subscription, so removing either entry ` +
            `would unsubscribe both)`
          );
        },
      },
    ],
  ),
];
