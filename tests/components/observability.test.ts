/**
 * The observability components, on synthetic resources (the order pipeline's queues and state
 * machine included, before the pipeline exists): the dashboard body and the alarm specs as pure
 * functions, then the components on the recording mock runtime.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  alarmSpecs,
  AlarmTopics,
  Alarms,
  CostAnomalyAlerts,
  dashboardBody,
  Dashboard,
  ERROR_RATE_EXPRESSION,
  GRID_WIDTH,
  IDLE_TIER_ERROR_RATE_EXPRESSION,
  RegionHealth,
  routable,
  subscriptionKey,
  type DashboardOptions,
  type Monitored,
} from "../../components/observability";
import { ALARM_THRESHOLD_DEFAULTS } from "../../src/config/defaults";
import { monitoredPipeline } from "../../stacks/observability";
import { run } from "../helpers/run";

const SYNTHETIC: Monitored = {
  tiers: [
    { name: "web", loadBalancer: "app/web/1", targetGroup: "targetgroup/web/2", autoScalingGroup: "web-asg" },
    { name: "app", loadBalancer: "app/app/3", targetGroup: "targetgroup/app/4", autoScalingGroup: "app-asg" },
  ],
  aurora: { clusterIdentifier: "prod-euw1-aurora", proxyName: "prod-euw1-aurora-proxy" },
  cache: { replicationGroupId: "prod-euw1-cache", nodeCount: 3 },
  queues: [
    { name: "inventory", queueName: "prod-euw1-inventory", dlqName: "prod-euw1-inventory-dlq" },
    { name: "payment", queueName: "prod-euw1-payment", dlqName: "prod-euw1-payment-dlq" },
    { name: "order-events", dlqName: "prod-euw1-order-events-dlq" },
  ],
  stateMachines: [
    { name: "order-fulfilment", arn: "arn:aws:states:eu-west-1:111122223333:stateMachine:orders" },
  ],
  eks: { clusterName: "prod-euw1-eks" },
};
const THRESHOLDS = { ...ALARM_THRESHOLD_DEFAULTS, rpoSeconds: 30 };
const OPTIONS: DashboardOptions = { region: "eu-west-1", title: "prod-euw1", thresholds: THRESHOLDS };

type Row = (string | Record<string, unknown>)[];
interface Widget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: { title?: string; markdown?: string; region?: string; metrics?: Row[] };
}
const widgetsOf = (m: Monitored) => dashboardBody(OPTIONS, m).widgets as unknown as Widget[];
/** Every metric row of a body: namespace, name and dimensions (expression rows left out). */
function metricsOf(widgets: Widget[]) {
  return widgets.flatMap((w) =>
    (w.properties.metrics ?? [])
      .filter((row) => typeof row[0] === "string")
      .map((row) => {
        const strings = row.filter((x): x is string => typeof x === "string");
        const dims: Record<string, string> = {};
        for (let i = 2; i < strings.length; i += 2) dims[strings[i]] = strings[i + 1];
        return { namespace: strings[0], metricName: strings[1], dims };
      }),
  );
}

describe("dashboardBody", () => {
  test("a widget for each tier, store, queue, state machine and the cluster, under a heading per section", () => {
    const titles = widgetsOf(SYNTHETIC).map(
      (w) => w.properties.title ?? w.properties.markdown!.split("\n")[0],
    );
    expect(titles).toEqual([
      "# prod-euw1",
      "## Request path: load balancers and Auto Scaling groups",
      "web: requests",
      "web: target response time",
      "web: 5xx rate",
      "web: instances",
      "app: requests",
      "app: target response time",
      "app: 5xx rate",
      "app: instances",
      "## Aurora global database",
      "Aurora: CPU",
      "Aurora: connections",
      "Aurora: global replication lag (a secondary cluster reports it)",
      "Aurora: free local storage",
      "Aurora: failed connections (RDS Proxy)",
      "## ElastiCache global datastore",
      "Cache: hit ratio",
      "Cache: memory used",
      "Cache: evictions",
      "## Queues",
      "inventory: queue depth",
      "inventory: age of oldest message",
      "payment: queue depth",
      "payment: age of oldest message",
      "order-events: queue depth",
      "## Step Functions",
      "order-fulfilment: failed executions",
      "## EKS",
      "EKS: pending pods",
      "EKS: API server 5xx",
      expect.stringMatching(/^\*\*EKS node count\*\* needs Container Insights/),
    ]);
  });

  test("every metric names only the resources it was given, in its service's dimensions", () => {
    const given = new Set([
      "app/web/1",
      "targetgroup/web/2",
      "web-asg",
      "app/app/3",
      "targetgroup/app/4",
      "app-asg",
      "prod-euw1-aurora",
      "WRITER",
      "READER",
      "prod-euw1-aurora-proxy",
      "prod-euw1-cache-001",
      "prod-euw1-cache-002",
      "prod-euw1-cache-003",
      "prod-euw1-inventory",
      "prod-euw1-inventory-dlq",
      "prod-euw1-payment",
      "prod-euw1-payment-dlq",
      "prod-euw1-order-events-dlq",
      "arn:aws:states:eu-west-1:111122223333:stateMachine:orders",
      "prod-euw1-eks",
    ]);
    const metrics = metricsOf(widgetsOf(SYNTHETIC));
    expect(metrics.flatMap((m) => Object.values(m.dims)).filter((v) => !given.has(v))).toEqual([]);
    const dimsBy = new Map<string, Set<string>>();
    for (const m of metrics) {
      const set = dimsBy.get(m.namespace) ?? new Set();
      set.add(Object.keys(m.dims).sort().join("+"));
      dimsBy.set(m.namespace, set);
    }
    expect(Object.fromEntries([...dimsBy].map(([ns, s]) => [ns, [...s].sort()]))).toEqual({
      "AWS/ApplicationELB": ["LoadBalancer", "LoadBalancer+TargetGroup"],
      "AWS/AutoScaling": ["AutoScalingGroupName"],
      "AWS/RDS": ["DBClusterIdentifier", "DBClusterIdentifier+Role", "ProxyName"],
      "AWS/ElastiCache": ["CacheClusterId"],
      "AWS/SQS": ["QueueName"],
      "AWS/States": ["StateMachineArn"],
      "AWS/EKS": ["ClusterName"],
    });
    // Every node of the cache is on the memory graph; the DLQ-only queue has no age graph.
    expect(metrics.filter((m) => m.metricName === "DatabaseMemoryUsagePercentage")).toHaveLength(3);
    expect(
      metrics.filter((m) => m.metricName === "ApproximateAgeOfOldestMessage").map((m) => m.dims.QueueName),
    ).toEqual(["prod-euw1-inventory", "prod-euw1-payment"]);
  });

  test("the 5xx rate and the hit ratio are metric math over hidden series, guarded against dividing by zero", () => {
    const widgets = widgetsOf(SYNTHETIC);
    const rate = widgets.find((w) => w.properties.title === "web: 5xx rate")!.properties.metrics!;
    expect(rate[0]).toEqual([
      {
        expression:
          "IF(FILL(req, 0) > 0, 100 * (FILL(elb5, 0) + FILL(tgt5, 0)) / FILL(req, 0), IF(FILL(elb5, 0) > 0, 100, 0))",
        id: "rate",
        label: "5xx %",
      },
    ]);
    expect(rate.slice(1).map((r) => [r[1], r.at(-1)])).toEqual([
      ["RequestCount", { stat: "Sum", label: "requests", id: "req", visible: false }],
      ["HTTPCode_ELB_5XX_Count", { stat: "Sum", label: "ELB 5xx", id: "elb5", visible: false }],
      ["HTTPCode_Target_5XX_Count", { stat: "Sum", label: "target 5xx", id: "tgt5", visible: false }],
    ]);
    const ratio = widgets.find((w) => w.properties.title === "Cache: hit ratio")!.properties.metrics!;
    expect((ratio[0][0] as { expression: string }).expression).toBe(
      "IF((FILL(h0, 0) + FILL(h1, 0) + FILL(h2, 0)) + (FILL(m0, 0) + FILL(m1, 0) + FILL(m2, 0)) > 0, 100 * (FILL(h0, 0) + FILL(h1, 0) + FILL(h2, 0)) / ((FILL(h0, 0) + FILL(h1, 0) + FILL(h2, 0)) + (FILL(m0, 0) + FILL(m1, 0) + FILL(m2, 0))), 100)",
    );
  });

  test("without queues, state machines, a proxy or a cache there is no widget for them", () => {
    const titles = widgetsOf({
      tiers: SYNTHETIC.tiers,
      aurora: { clusterIdentifier: "c" },
      eks: { clusterName: "k" },
    }).map((w) => w.properties.title ?? w.properties.markdown);
    expect(
      titles.filter((t) => /Queues|Step Functions|ElastiCache|RDS Proxy|queue|execution/.test(t!)),
    ).toEqual([]);
    expect(metricsOf(widgetsOf({ tiers: [] }))).toEqual([]);
  });

  test("widgets sit on the 24-column grid without overlapping, each graph in the dashboard's region", () => {
    const widgets = widgetsOf(SYNTHETIC);
    for (const w of widgets) {
      expect(w.x + w.width).toBeLessThanOrEqual(GRID_WIDTH);
      if (w.type === "metric") expect(w.properties.region).toBe("eu-west-1");
    }
    const cells = new Set<string>();
    for (const w of widgets)
      for (let x = w.x; x < w.x + w.width; x++)
        for (let y = w.y; y < w.y + w.height; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
  });
});

describe("alarmSpecs", () => {
  const specs = alarmSpecs(SYNTHETIC, THRESHOLDS, (id, n) => `${id}-${n}`);
  const by = (key: string) => specs.find((s) => s.key === key)!;

  test("every alarm, its severity, threshold and missing-data treatment", () => {
    expect(specs.map((s) => [s.key, s.severity, s.comparison, s.threshold, s.missingData.treat])).toEqual([
      ["web-5xx-rate", "critical", "GreaterThanThreshold", 5, "notBreaching"],
      ["web-p95-latency", "critical", "GreaterThanThreshold", 1, "notBreaching"],
      ["web-no-healthy-targets", "critical", "LessThanThreshold", 1, "breaching"],
      ["app-5xx-rate", "critical", "GreaterThanThreshold", 5, "notBreaching"],
      ["app-p95-latency", "critical", "GreaterThanThreshold", 1, "notBreaching"],
      ["app-no-healthy-targets", "critical", "LessThanThreshold", 1, "breaching"],
      ["aurora-replication-lag", "critical", "GreaterThanThreshold", 30_000, "notBreaching"],
      ["aurora-local-storage", "warning", "LessThanThreshold", 6 * 2 ** 30, "missing"],
      ["aurora-connection-failures", "critical", "GreaterThanOrEqualToThreshold", 1, "notBreaching"],
      ["cache-memory", "critical", "GreaterThanThreshold", 90, "missing"],
      ["cache-hit-ratio", "warning", "LessThanThreshold", 85, "notBreaching"],
      ["inventory-dlq-messages", "critical", "GreaterThanThreshold", 0, "notBreaching"],
      ["inventory-oldest-message", "critical", "GreaterThanThreshold", 900, "notBreaching"],
      ["payment-dlq-messages", "critical", "GreaterThanThreshold", 0, "notBreaching"],
      ["payment-oldest-message", "critical", "GreaterThanThreshold", 900, "notBreaching"],
      ["order-events-dlq-messages", "critical", "GreaterThanThreshold", 0, "notBreaching"],
      ["order-fulfilment-executions-failed", "warning", "GreaterThanOrEqualToThreshold", 1, "notBreaching"],
    ]);
    for (const s of specs) expect(s.missingData.why.length).toBeGreaterThan(40);
  });

  test("the ratios are metric math; the rest single metrics; Route 53 can follow only the healthy-target alarms of the region's health", () => {
    expect(specs.filter((s) => s.math).map((s) => s.key)).toEqual([
      "web-5xx-rate",
      "app-5xx-rate",
      "cache-memory",
      "cache-hit-ratio",
    ]);
    expect(by("cache-memory").math).toEqual({
      expression: "MAX([n0, n1, n2])",
      label: "highest node memory %",
      metrics: Object.fromEntries(
        ["001", "002", "003"].map((n, i) => [
          `n${i}`,
          {
            namespace: "AWS/ElastiCache",
            metricName: "DatabaseMemoryUsagePercentage",
            dimensions: { CacheClusterId: `prod-euw1-cache-${n}` },
            stat: "Maximum",
          },
        ]),
      ),
    });
    expect(by("web-p95-latency").metric).toMatchObject({ metricName: "TargetResponseTime", stat: "p95" });
    expect(specs.filter((s) => s.regionHealth).map((s) => [s.key, routable(s)])).toEqual([
      ["web-5xx-rate", false],
      ["web-no-healthy-targets", true],
      ["app-5xx-rate", false],
      ["app-no-healthy-targets", true],
    ]);
    expect(by("inventory-dlq-messages").metric).toEqual({
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "prod-euw1-inventory-dlq" },
      stat: "Maximum",
      label: "dead-letter",
    });
  });

  test("a pilot-light tier (no instance in service) has no healthy-target alarm; a queue needs a name", () => {
    const quiet = alarmSpecs(
      { tiers: SYNTHETIC.tiers.map((t) => ({ ...t, serving: false })) },
      THRESHOLDS,
      (id, n) => `${id}-${n}`,
    );
    expect(quiet.map((s) => s.key)).toEqual([
      "web-5xx-rate",
      "web-p95-latency",
      "app-5xx-rate",
      "app-p95-latency",
    ]);
    expect(() => alarmSpecs({ tiers: [], queues: [{ name: "q" }] }, THRESHOLDS, (id) => id)).toThrow(
      'queue "q": expected its queueName, its dlqName or both',
    );
    expect(() =>
      alarmSpecs({ tiers: [SYNTHETIC.tiers[0], SYNTHETIC.tiers[0]] }, THRESHOLDS, (id) => id),
    ).toThrow(
      "alarm keys must be unique in a region: web-5xx-rate, web-p95-latency, web-no-healthy-targets repeat",
    );
  });
});

describe("the 5xx rate of a tier without instances (review F1)", () => {
  // A pilot-light tier's load balancer answers the edge's Route 53 HTTPS checks with its own 503
  // and counts no request: the rate must not read that as 100 %.
  const idle = SYNTHETIC.tiers.map((t) => ({ ...t, serving: false }));
  const rate = (tiers: Monitored["tiers"], key: string) =>
    alarmSpecs({ tiers }, THRESHOLDS, (id) => id).find((s) => s.key === key)!.math!.expression;
  /** The expression evaluated by hand for one minute of counts (undefined = no data point). */
  const evaluate = (expression: string, req?: number, elb5?: number, tgt5?: number) => {
    const fill = (v?: number) => v ?? 0;
    if (expression === IDLE_TIER_ERROR_RATE_EXPRESSION)
      return fill(req) > 0 ? (100 * (fill(elb5) + fill(tgt5))) / fill(req) : 0;
    if (expression === ERROR_RATE_EXPRESSION)
      return fill(req) > 0 ? (100 * (fill(elb5) + fill(tgt5))) / fill(req) : fill(elb5) > 0 ? 100 : 0;
    throw new Error(`unexpected expression ${expression}`);
  };

  test("a serving tier keeps the ELB-only 5xx as 100 %; a pilot-light tier counts only requests that reached a target", () => {
    expect(rate(SYNTHETIC.tiers, "web-5xx-rate")).toBe(ERROR_RATE_EXPRESSION);
    expect(rate(idle, "web-5xx-rate")).toBe(IDLE_TIER_ERROR_RATE_EXPRESSION);
    expect(rate(idle, "app-5xx-rate")).toBe(IDLE_TIER_ERROR_RATE_EXPRESSION);
    // Health checkers' 503s with no counted request: a serving tier alarms, an idle one does not.
    expect(evaluate(ERROR_RATE_EXPRESSION, undefined, 36)).toBe(100);
    expect(evaluate(IDLE_TIER_ERROR_RATE_EXPRESSION, undefined, 36)).toBe(0);
    expect(evaluate(IDLE_TIER_ERROR_RATE_EXPRESSION, 200, 10, 10)).toBe(10);
    expect(IDLE_TIER_ERROR_RATE_EXPRESSION).not.toMatch(/100\)/);
  });

  test("the dashboard graphs the same expression as the alarm", () => {
    const rows = (tiers: Monitored["tiers"]) =>
      (dashboardBody(OPTIONS, { tiers }).widgets as unknown as Widget[])
        .filter((w) => w.properties.title === "web: 5xx rate")
        .map((w) => (w.properties.metrics![0][0] as { expression: string }).expression);
    expect(rows(SYNTHETIC.tiers)).toEqual([ERROR_RATE_EXPRESSION]);
    expect(rows(idle)).toEqual([IDLE_TIER_ERROR_RATE_EXPRESSION]);
  });
});

describe("monitoredPipeline", () => {
  test("the pipeline's queues by consumer (sorted), the workflow rule's dead-letter queue and the state machine", () => {
    const handles = {
      queues: {
        shipping: { name: "prod-use1-shipping", deadLetterName: "prod-use1-shipping-dlq" },
        inventory: { name: "prod-use1-inventory", deadLetterName: "prod-use1-inventory-dlq" },
      },
      eventsDeadLetterQueue: { name: "prod-use1-order-events-dlq" },
      stateMachine: { arn: "arn:aws:states:us-east-1:111122223333:stateMachine:prod-use1-orders" },
    };
    expect(monitoredPipeline(handles)).toEqual({
      queues: [
        { name: "inventory", queueName: "prod-use1-inventory", dlqName: "prod-use1-inventory-dlq" },
        { name: "shipping", queueName: "prod-use1-shipping", dlqName: "prod-use1-shipping-dlq" },
        { name: "order-events", dlqName: "prod-use1-order-events-dlq" },
      ],
      stateMachines: [
        {
          name: "order-fulfilment",
          arn: "arn:aws:states:us-east-1:111122223333:stateMachine:prod-use1-orders",
        },
      ],
    });
  });
});

describe("the observability components on the mock runtime", () => {
  const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
  const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";

  test("alarm topics: one key for both, encrypted topics, policies, a subscription per endpoint keyed by its digest", async () => {
    const sub = { protocol: "email", endpoint: "oncall@example.com" };
    const r = await run(
      () =>
        new AlarmTopics("t", {
          region: "eu-west-1",
          accountId: "111122223333",
          subscriptions: { critical: [sub, { protocol: "sms", endpoint: "+14155550100" }] },
          costAlerts: true,
        }),
      { region: "eu-west-1" },
    );
    const key = r.one("aws:kms/key:Key", "t");
    const statements = (JSON.parse(key.inputs.policy as string) as { Statement: { Sid: string }[] })
      .Statement;
    expect(statements.find((s) => s.Sid === "ServicesPublishToEncryptedTopics")).toEqual({
      Sid: "ServicesPublishToEncryptedTopics",
      Effect: "Allow",
      Principal: { Service: ["cloudwatch.amazonaws.com", "costalerts.amazonaws.com"] },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
    });
    expect(r.ofType("aws:sns/topic:Topic").map((t) => [t.name, t.inputs.kmsMasterKeyId])).toEqual([
      ["t-critical", `arn:aws:kms:eu-west-1:111122223333:key/${key.id}`],
      ["t-warning", `arn:aws:kms:eu-west-1:111122223333:key/${key.id}`],
    ]);
    const sids = (name: string) =>
      (
        JSON.parse(r.one("aws:sns/topicPolicy:TopicPolicy", name).inputs.policy as string) as {
          Statement: { Sid: string }[];
        }
      ).Statement.map((s) => s.Sid);
    expect(sids("t-critical")).toEqual([
      "DenyInsecureTransport",
      "AccountAdministers",
      "CloudWatchAlarmsPublish",
    ]);
    expect(sids("t-warning")).toEqual([
      "DenyInsecureTransport",
      "AccountAdministers",
      "CloudWatchAlarmsPublish",
      "CostAnomalyDetectionPublishes",
    ]);
    const subs = r.ofType("aws:sns/topicSubscription:TopicSubscription");
    expect(subs.map((s) => [s.name, s.inputs.protocol, s.inputs.endpoint, s.inputs.topic])).toEqual(
      [
        [
          `t-critical-${subscriptionKey(sub)}`,
          "email",
          "oncall@example.com",
          "arn:aws:sns:eu-west-1:111122223333:t-critical",
        ],
        [
          `t-critical-${subscriptionKey({ protocol: "sms", endpoint: "+14155550100" })}`,
          "sms",
          "+14155550100",
          "arn:aws:sns:eu-west-1:111122223333:t-critical",
        ],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
    expect(subscriptionKey(sub)).toMatch(/^email-[0-9a-f]{8}$/);
  });

  test("alarms: named from the key, a metric or metric queries, the severity's topic on ALARM and OK", async () => {
    const r = await run(
      () =>
        new Alarms("prod-euw1", {
          region: "eu-west-1",
          specs: alarmSpecs<pulumi.Input<string>>(
            SYNTHETIC,
            THRESHOLDS,
            (id, n) => pulumi.interpolate`${id}-${n}`,
          ),
          topicArns: { critical: "arn:aws:sns:eu-west-1:1:c", warning: "arn:aws:sns:eu-west-1:1:w" },
        }),
      { region: "eu-west-1" },
    );
    const alarms = r.ofType(ALARM);
    expect(alarms).toHaveLength(17);
    for (const a of alarms) {
      expect(a.inputs.name).toBe(a.name);
      expect(a.inputs.alarmActions).toEqual(a.inputs.okActions);
      expect(a.inputs.region).toBe("eu-west-1");
    }
    const p95 = r.one(ALARM, "prod-euw1-web-p95-latency").inputs;
    expect(p95).toMatchObject({
      namespace: "AWS/ApplicationELB",
      metricName: "TargetResponseTime",
      extendedStatistic: "p95",
      dimensions: { LoadBalancer: "app/web/1" },
      period: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      threshold: 1,
      alarmActions: ["arn:aws:sns:eu-west-1:1:c"],
    });
    expect(p95.statistic).toBeUndefined();
    // Review F2: a percentile over a handful of requests keeps the alarm's state.
    expect(p95.evaluateLowSampleCountPercentiles).toBe("ignore");
    expect(
      alarms.filter(
        (a) => a.inputs.extendedStatistic === undefined && a.inputs.evaluateLowSampleCountPercentiles,
      ),
    ).toEqual([]);
    const ratio = r.one(ALARM, "prod-euw1-cache-hit-ratio").inputs;
    expect(ratio.alarmActions).toEqual(["arn:aws:sns:eu-west-1:1:w"]);
    expect(ratio.metricName).toBeUndefined();
    const queries = ratio.metricQueries as {
      id: string;
      returnData: boolean;
      metric?: { dimensions: object };
    }[];
    expect(queries.map((q) => [q.id, q.returnData])).toEqual([
      ["e", true],
      ["h0", false],
      ["m0", false],
      ["h1", false],
      ["m1", false],
      ["h2", false],
      ["m2", false],
    ]);
    expect(queries[6].metric!.dimensions).toEqual({ CacheClusterId: "prod-euw1-cache-003" });
    expect(r.one(ALARM, "prod-euw1-web-no-healthy-targets").inputs.alarmDescription).toBe(
      "[critical] web tier: no healthy target behind the load balancer. Missing data: breaching, because HealthyHostCount is reported every minute while health checks run: its absence means the target group is gone or unreported, which the request path cannot survive either.",
    );
  });

  test("region health: the composite of every member, a Route 53 check per followable member, and the calculated check of all", async () => {
    const r = await run(
      () =>
        new RegionHealth("prod-euw1", {
          region: "eu-west-1",
          members: [
            { key: "web-5xx-rate", alarmName: "prod-euw1-web-5xx-rate", routable: false },
            { key: "web-no-healthy-targets", alarmName: "prod-euw1-web-no-healthy-targets", routable: true },
            { key: "app-no-healthy-targets", alarmName: "prod-euw1-app-no-healthy-targets", routable: true },
          ],
          alarmActions: ["arn:aws:sns:eu-west-1:1:c"],
          endpointHealthCheckId: "https-check-id",
        }),
      { region: "eu-west-1" },
    );
    const composite = r.one(
      "aws:cloudwatch/compositeAlarm:CompositeAlarm",
      "prod-euw1-region-unhealthy",
    ).inputs;
    expect(composite.alarmRule).toBe(
      'ALARM("prod-euw1-web-5xx-rate") OR ALARM("prod-euw1-web-no-healthy-targets") OR ALARM("prod-euw1-app-no-healthy-targets")',
    );
    expect(composite).toMatchObject({
      region: "eu-west-1",
      actionsEnabled: true,
      alarmActions: ["arn:aws:sns:eu-west-1:1:c"],
    });
    const checks = r.ofType(HEALTH_CHECK);
    expect(checks.map((c) => c.name)).toEqual([
      "prod-euw1-app-no-healthy-targets",
      "prod-euw1-region-health",
      "prod-euw1-web-no-healthy-targets",
    ]);
    expect(r.one(HEALTH_CHECK, "prod-euw1-web-no-healthy-targets").inputs).toMatchObject({
      type: "CLOUDWATCH_METRIC",
      cloudwatchAlarmName: "prod-euw1-web-no-healthy-targets",
      cloudwatchAlarmRegion: "eu-west-1",
      insufficientDataHealthStatus: "LastKnownStatus",
    });
    const calculated = r.one(HEALTH_CHECK, "prod-euw1-region-health");
    const ids = ["prod-euw1-web-no-healthy-targets", "prod-euw1-app-no-healthy-targets"].map(
      (n) => r.one(HEALTH_CHECK, n).id,
    );
    expect(calculated.inputs).toMatchObject({ type: "CALCULATED", childHealthThreshold: 3 });
    expect(calculated.inputs.childHealthchecks).toEqual(["https-check-id", ...ids]);
  });

  test("region health without members is refused; without the HTTPS check there is no calculated check", async () => {
    await expect(
      run(() => new RegionHealth("x", { region: "eu-west-1", members: [], alarmActions: ["t"] })),
    ).rejects.toThrow("x: a region's health needs at least one alarm");
    const r = await run(
      () =>
        new RegionHealth("x", {
          region: "eu-west-1",
          members: [{ key: "a", alarmName: "a", routable: true }],
          alarmActions: ["t"],
          insufficientDataHealthStatus: "Unhealthy",
        }),
      { region: "eu-west-1" },
    );
    expect(r.ofType(HEALTH_CHECK).map((c) => [c.name, c.inputs.insufficientDataHealthStatus])).toEqual([
      ["x-a", "Unhealthy"],
    ]);
  });

  test("cost anomaly alerts: a services monitor and an immediate SNS subscription, or a subscription to a given monitor", async () => {
    const created = await run(
      () =>
        new CostAnomalyAlerts("prod-cost-anomalies", {
          topicArn: "arn:aws:sns:us-east-1:1:w",
          thresholdUsd: 250,
        }),
    );
    expect(
      created.one("aws:costexplorer/anomalyMonitor:AnomalyMonitor", "prod-cost-anomalies-services").inputs,
    ).toMatchObject({
      monitorType: "DIMENSIONAL",
      monitorDimension: "SERVICE",
    });
    const sub = created.one(
      "aws:costexplorer/anomalySubscription:AnomalySubscription",
      "prod-cost-anomalies",
    ).inputs;
    expect(sub).toMatchObject({
      frequency: "IMMEDIATE",
      subscribers: [{ type: "SNS", address: "arn:aws:sns:us-east-1:1:w" }],
      thresholdExpression: {
        dimension: {
          key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
          matchOptions: ["GREATER_THAN_OR_EQUAL"],
          values: ["250"],
        },
      },
    });
    expect(sub.monitorArnLists).toEqual([
      expect.stringMatching(/^arn:aws:ce::111122223333:anomalymonitor\/[0-9a-f-]{36}$/),
    ]);
    const existing = "arn:aws:ce::111122223333:anomalymonitor/0e2bd1c4-6b8c-4d6e-9a8b-4c3f3e9d2f10";
    const given = await run(
      () => new CostAnomalyAlerts("c", { topicArn: "t", thresholdUsd: 100, monitorArn: existing }),
    );
    expect(given.ofType("aws:costexplorer/anomalyMonitor:AnomalyMonitor")).toEqual([]);
    expect(
      given.one("aws:costexplorer/anomalySubscription:AnomalySubscription", "c").inputs.monitorArnLists,
    ).toEqual([existing]);
  });

  test("the dashboard component writes the pure body of the resolved resources", async () => {
    const r = await run(
      () =>
        new Dashboard("prod-euw1", {
          region: "eu-west-1",
          title: "prod-euw1",
          monitored: { ...SYNTHETIC, eks: { clusterName: pulumi.output("prod-euw1-eks") } },
          thresholds: THRESHOLDS,
        }),
      { region: "eu-west-1" },
    );
    const d = r.one("aws:cloudwatch/dashboard:Dashboard", "prod-euw1").inputs;
    expect(d.dashboardName).toBe("prod-euw1");
    expect(JSON.parse(d.dashboardBody as string)).toEqual(dashboardBody(OPTIONS, SYNTHETIC));
  });
});
