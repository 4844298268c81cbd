/**
 * The CloudWatch dashboard body of a region, generated from what the stack has: a pure function of
 * the monitored resources (plain strings), so that a widget exists exactly for each tier, store,
 * queue, state machine and cluster the stack really has. Body structure: CloudWatch API reference,
 * "Dashboard Body Structure and Syntax" (a `widgets` list on a 24-column grid; a metric widget's
 * `metrics` rows are `[namespace, name, dimension, value, ..., { options }]`, or
 * `[{ expression, id, label }]` for metric math, whose ids start with a lower-case letter).
 */
import {
  alb,
  aurora,
  AURORA_ROLES,
  autoScaling,
  cache,
  cacheNodeIds,
  eks,
  errorRateExpression,
  hitRatioExpression,
  sqs,
  STATE_MACHINE_FAILURES,
  states,
  type MetricRef,
  type Monitored,
} from "./metrics";

/** What the body shows besides the monitored resources: thresholds drawn as horizontal lines. */
export interface DashboardOptions {
  readonly region: string;
  /** The heading, e.g. "prod-use1 (us-east-1, primary, active)". */
  readonly title: string;
  readonly thresholds: {
    readonly errorRatePercent: number;
    readonly latencyP95Seconds: number;
    readonly memoryPercent: number;
    readonly cacheHitRatioPercent: number;
    readonly oldestMessageAgeSeconds: number;
    readonly rpoSeconds: number;
    readonly auroraLocalStorageFreeGiB: number;
  };
}

type MetricRow = (string | Record<string, unknown>)[];

/** One widget before layout. */
interface Widget {
  readonly type: "metric" | "text";
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

export const GRID_WIDTH = 24;
const GRAPH = { width: 8, height: 6 };

/** A metric as a dashboard row: namespace, name, dimension pairs, then its options. */
export function metricRow(m: MetricRef, options: Record<string, unknown> = {}): MetricRow {
  return [
    m.namespace,
    m.metricName,
    ...Object.entries(m.dimensions).flat(),
    { stat: m.stat, ...(m.label ? { label: m.label } : {}), ...options },
  ];
}

const expressionRow = (expression: string, id: string, label: string): MetricRow => [
  { expression, id, label },
];

function graph(
  o: DashboardOptions,
  title: string,
  metrics: MetricRow[],
  extra: { annotation?: { label: string; value: number }; unit?: string; period?: number } = {},
): Widget {
  return {
    type: "metric",
    ...GRAPH,
    properties: {
      title,
      region: o.region,
      view: "timeSeries",
      stacked: false,
      period: extra.period ?? 60,
      metrics,
      yAxis: { left: { min: 0, ...(extra.unit ? { label: extra.unit } : {}) } },
      ...(extra.annotation ? { annotations: { horizontal: [extra.annotation] } } : {}),
    },
  };
}

const text = (markdown: string, height = 2): Widget => ({
  type: "text",
  width: GRID_WIDTH,
  height,
  properties: { markdown },
});

function tierWidgets(o: DashboardOptions, m: Monitored): Widget[] {
  return m.tiers.flatMap((t) => [
    graph(o, `${t.name}: requests`, [metricRow(alb.requests(t))]),
    graph(
      o,
      `${t.name}: target response time`,
      (["p50", "p95", "p99"] as const).map((p) => metricRow(alb.latency(t, p))),
      { annotation: { label: "p95 alarm", value: o.thresholds.latencyP95Seconds }, unit: "seconds" },
    ),
    graph(
      o,
      `${t.name}: 5xx rate`,
      [
        expressionRow(errorRateExpression(t), "rate", "5xx %"),
        metricRow(alb.requests(t), { id: "req", visible: false }),
        metricRow(alb.elb5xx(t), { id: "elb5", visible: false }),
        metricRow(alb.target5xx(t), { id: "tgt5", visible: false }),
      ],
      { annotation: { label: "alarm", value: o.thresholds.errorRatePercent }, unit: "%" },
    ),
    graph(o, `${t.name}: instances`, [
      metricRow(autoScaling.inService(t)),
      metricRow(autoScaling.desired(t)),
      metricRow(alb.healthyHosts(t)),
    ]),
  ]);
}

function auroraWidgets(o: DashboardOptions, m: Monitored): Widget[] {
  const a = m.aurora;
  if (!a) return [];
  const widgets = [
    graph(
      o,
      "Aurora: CPU",
      AURORA_ROLES.map((r) => metricRow(aurora.byRole(a, "CPUUtilization", r, "Average"))),
      { unit: "%" },
    ),
    graph(
      o,
      "Aurora: connections",
      AURORA_ROLES.map((r) => metricRow(aurora.byRole(a, "DatabaseConnections", r, "Average"))),
    ),
    graph(
      o,
      "Aurora: global replication lag (a secondary cluster reports it)",
      [metricRow(aurora.replicationLag(a)), metricRow(aurora.progressLag(a))],
      { annotation: { label: "RPO", value: o.thresholds.rpoSeconds * 1000 }, unit: "ms" },
    ),
    graph(o, "Aurora: free local storage", [metricRow(aurora.freeLocalStorage(a))], {
      annotation: { label: "warning", value: o.thresholds.auroraLocalStorageFreeGiB * 2 ** 30 },
      unit: "bytes",
    }),
  ];
  if (a.proxyName !== undefined) {
    widgets.push(
      graph(
        o,
        "Aurora: failed connections (RDS Proxy)",
        [
          metricRow(aurora.proxySetupFailed(a.proxyName)),
          metricRow(aurora.proxyClientAuthFailed(a.proxyName)),
        ],
        { period: 300 },
      ),
    );
  }
  return widgets;
}

function cacheWidgets(o: DashboardOptions, m: Monitored): Widget[] {
  const c = m.cache;
  if (!c) return [];
  const nodes = cacheNodeIds(c, (id, n) => `${id}-${n}`);
  return [
    graph(
      o,
      "Cache: hit ratio",
      [
        expressionRow(hitRatioExpression(nodes.length), "ratio", "hit %"),
        ...nodes.flatMap((n, i) => [
          metricRow(cache.node(n, "CacheHits", "Sum"), { id: `h${i}`, visible: false }),
          metricRow(cache.node(n, "CacheMisses", "Sum"), { id: `m${i}`, visible: false }),
        ]),
      ],
      { annotation: { label: "warning", value: o.thresholds.cacheHitRatioPercent }, unit: "%", period: 300 },
    ),
    graph(
      o,
      "Cache: memory used",
      nodes.map((n) => metricRow(cache.node(n, "DatabaseMemoryUsagePercentage", "Maximum"), { label: n })),
      { annotation: { label: "alarm", value: o.thresholds.memoryPercent }, unit: "%" },
    ),
    graph(
      o,
      "Cache: evictions",
      nodes.map((n) => metricRow(cache.node(n, "Evictions", "Sum"), { label: n })),
    ),
  ];
}

function queueWidgets(o: DashboardOptions, m: Monitored): Widget[] {
  return (m.queues ?? []).flatMap((q) => [
    graph(o, `${q.name}: queue depth`, [
      ...(q.queueName !== undefined ? [metricRow(sqs.visible(q.queueName, "visible"))] : []),
      ...(q.dlqName !== undefined ? [metricRow(sqs.visible(q.dlqName, "dead-letter"))] : []),
    ]),
    ...(q.queueName !== undefined
      ? [
          graph(o, `${q.name}: age of oldest message`, [metricRow(sqs.oldest(q.queueName))], {
            annotation: { label: "alarm", value: o.thresholds.oldestMessageAgeSeconds },
            unit: "seconds",
          }),
        ]
      : []),
  ]);
}

function stateMachineWidgets(o: DashboardOptions, m: Monitored): Widget[] {
  return (m.stateMachines ?? []).map((sm) =>
    graph(
      o,
      `${sm.name}: failed executions`,
      STATE_MACHINE_FAILURES.map((name) => metricRow(states.executions(sm, name))),
      { period: 300 },
    ),
  );
}

function eksWidgets(o: DashboardOptions, m: Monitored): Widget[] {
  if (!m.eks) return [];
  const c = m.eks.clusterName;
  return [
    graph(o, "EKS: pending pods", [metricRow(eks.pendingPods(c)), metricRow(eks.unschedulablePods(c))]),
    graph(o, "EKS: API server 5xx", [metricRow(eks.apiServer5xx(c))]),
    text(
      "**EKS node count** needs Container Insights (`cluster_node_count`), which comes with the " +
        "`amazon-cloudwatch-observability` add-on; the cluster does not run it yet (docs/architecture.md, " +
        '"Observability"). Karpenter\'s own metrics are Prometheus metrics, not CloudWatch ones.',
      3,
    ),
  ];
}

/** Places widgets left to right, top to bottom, on the 24-column grid; a full-width widget starts a row. */
function layout(widgets: readonly Widget[]): Record<string, unknown>[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return widgets.map((w) => {
    if (x + w.width > GRID_WIDTH) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const placed = { type: w.type, x, y, width: w.width, height: w.height, properties: w.properties };
    x += w.width;
    rowHeight = Math.max(rowHeight, w.height);
    return placed;
  });
}

/** A section: its heading and its widgets, or nothing when the stack has none of them. */
function section(heading: string, widgets: Widget[]): Widget[] {
  return widgets.length === 0 ? [] : [text(`## ${heading}`, 1), ...widgets];
}

/** The dashboard body (an object; `JSON.stringify` it for `dashboardBody`). */
export function dashboardBody(o: DashboardOptions, m: Monitored): { widgets: Record<string, unknown>[] } {
  return {
    widgets: layout([
      text(`# ${o.title}`, 1),
      ...section("Request path: load balancers and Auto Scaling groups", tierWidgets(o, m)),
      ...section("Aurora global database", auroraWidgets(o, m)),
      ...section("ElastiCache global datastore", cacheWidgets(o, m)),
      ...section("Queues", queueWidgets(o, m)),
      ...section("Step Functions", stateMachineWidgets(o, m)),
      ...section("EKS", eksWidgets(o, m)),
    ]),
  };
}
