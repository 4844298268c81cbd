/**
 * Observability on both real stacks' plans: the dashboard body parsed, with every metric naming a
 * resource of the same plan; every alarm with its threshold, math, missing-data treatment and
 * topic; the topics, their key and policies; the composite alarm, the Route 53 health checks that
 * follow it and the calculated check; the cost anomaly alerts on the primary only; the output.
 */
import { encryptedTopicPublishers } from "../../policies/preflight/encrypted-topic-publishers";
import { evaluatePolicies } from "../../src/plan/policies";
import type { StackPlan } from "../../src/plan/types";
import { observabilityOutputSchema, tiersOutputSchema } from "../../stacks/contract";
import { registered as ofType, named as get, plansByStack } from "../helpers/plan";

const T = {
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  composite: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
  healthCheck: "aws:route53/healthCheck:HealthCheck",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  key: "aws:kms/key:Key",
  rdsCluster: "aws:rds/cluster:Cluster",
  proxyTarget: "aws:rds/proxyTarget:ProxyTarget",
  replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
  eksCluster: "aws:eks/cluster:Cluster",
  queue: "aws:sqs/queue:Queue",
  stateMachine: "aws:sfn/stateMachine:StateMachine",
  monitor: "aws:costexplorer/anomalyMonitor:AnomalyMonitor",
  anomalySubscription: "aws:costexplorer/anomalySubscription:AnomalySubscription",
} as const;

const STACKS = [
  ["us-east-1", "prod-use1"],
  ["eu-west-1", "prod-euw1"],
] as const;

let plans: Record<string, StackPlan>;
beforeAll(async () => {
  plans = await plansByStack();
});

const topicArn = (p: StackPlan, severity: string) =>
  `arn:aws:sns:${p.region}:111122223333:${STACKS.find(([s]) => s === p.stack)![1]}-alarms-${severity}`;

type Row = (string | Record<string, unknown>)[];
interface Widget {
  type: string;
  properties: { title?: string; region?: string; metrics?: Row[] };
}
/** Every metric row of the plan's dashboard: namespace, name and dimensions (expressions left out). */
function dashboardMetrics(p: StackPlan) {
  const [d] = ofType(p, T.dashboard);
  const body = JSON.parse(d.inputs.dashboardBody as string) as { widgets: Widget[] };
  return body.widgets.flatMap((w) =>
    (w.properties.metrics ?? [])
      .filter((row) => typeof row[0] === "string")
      .map((row) => {
        const strings = row.filter((x): x is string => typeof x === "string");
        const dims: Record<string, string> = {};
        for (let i = 2; i < strings.length; i += 2) dims[strings[i]] = strings[i + 1];
        return { widget: w.properties.title!, namespace: strings[0], metricName: strings[1], dims };
      }),
  );
}

/**
 * What each dimension may name in a plan: the values the plan's own resources and outputs have
 * (an ALB's and target group's ARN suffixes and a group's name through the tiers output, the
 * cluster and proxy names from their inputs, a cache node from its replication group's ID and
 * node count).
 */
function dimensionValues(p: StackPlan): Record<string, Set<string>> {
  const tiers = tiersOutputSchema.parse(p.outputs.tiers);
  const cacheNodes = ofType(p, T.replicationGroup).flatMap((g) =>
    Array.from(
      { length: g.inputs.numCacheClusters as number },
      (_, i) => `${g.id}-${String(i + 1).padStart(3, "0")}`,
    ),
  );
  return {
    LoadBalancer: new Set([tiers.web.albArnSuffix, tiers.app.albArnSuffix]),
    TargetGroup: new Set([tiers.web.targetGroupArnSuffix, tiers.app.targetGroupArnSuffix]),
    AutoScalingGroupName: new Set([tiers.web.asgName, tiers.app.asgName]),
    DBClusterIdentifier: new Set(ofType(p, T.rdsCluster).map((c) => c.inputs.clusterIdentifier as string)),
    Role: new Set(["WRITER", "READER"]),
    ProxyName: new Set(ofType(p, T.proxyTarget).map((t) => t.inputs.dbProxyName as string)),
    CacheClusterId: new Set(cacheNodes),
    ClusterName: new Set(ofType(p, T.eksCluster).map((c) => c.inputs.name as string)),
    // Karpenter's interruption queue is Karpenter's to watch (its own metrics); the order pipeline's are on it.
    QueueName: new Set(
      ofType(p, T.queue)
        .map((q) => q.inputs.name as string)
        .filter((n) => !n.endsWith("-karpenter-interruption")),
    ),
    // The state machine's ARN is computed; the plan's stack is in account 111122223333.
    StateMachineArn: new Set(
      ofType(p, T.stateMachine).map(
        (s) => `arn:aws:states:${p.stack}:111122223333:stateMachine:${s.inputs.name as string}`,
      ),
    ),
  };
}

describe.each(STACKS)("observability of %s", (stack, prefix) => {
  let p: StackPlan;
  beforeAll(() => {
    p = plans[stack];
  });

  test("the dashboard: named after the stack, every metric naming a resource of this plan, in this region", () => {
    const [d] = ofType(p, T.dashboard);
    expect(d.inputs).toMatchObject({ dashboardName: prefix, region: stack });
    const allowed = dimensionValues(p);
    const metrics = dashboardMetrics(p);
    // Per tier 10 (requests, 3 percentiles, 3 for the 5xx rate, 3 instance counts), Aurora 9, the
    // two cache nodes 8, EKS 3; per order consumer 3 (visible, dead-letter, oldest message), the
    // workflow's event DLQ 1 and its failed, timed-out and aborted executions 3.
    expect(metrics).toHaveLength(2 * 10 + 9 + 8 + 3 + 4 * 3 + 1 + 3);
    const strays = metrics.flatMap((m) =>
      Object.entries(m.dims)
        .filter(([dim, value]) => !allowed[dim]?.has(value))
        .map(([dim, value]) => `${m.widget}: ${m.namespace} ${m.metricName} ${dim}=${value}`),
    );
    expect(strays).toEqual([]);
    // Each store, tier, the cluster, every pipeline queue and DLQ and the workflow is on it.
    for (const [dim, values] of Object.entries(allowed)) {
      const shown = new Set(metrics.flatMap((m) => (m.dims[dim] ? [m.dims[dim]] : [])));
      expect([dim, [...shown].sort()]).toEqual([dim, [...values].sort()]);
    }
    const body = JSON.parse(d.inputs.dashboardBody as string) as { widgets: Widget[] };
    for (const w of body.widgets.filter((x) => x.type === "metric")) expect(w.properties.region).toBe(stack);
  });

  test("every alarm: threshold, comparison, evaluation, missing data and its severity's topic", () => {
    const critical = topicArn(p, "critical");
    const warning = topicArn(p, "warning");
    const ours = ofType(p, T.alarm).filter((a) => !a.name.includes("-scaling-"));
    expect(
      ours.map((a) => [
        a.name,
        a.inputs.comparisonOperator,
        a.inputs.threshold,
        a.inputs.evaluationPeriods,
        a.inputs.datapointsToAlarm,
        a.inputs.treatMissingData,
        a.inputs.alarmActions,
      ]),
    ).toEqual(
      (
        [
          ["web-5xx-rate", "GreaterThanThreshold", 5, 5, 3, "notBreaching", critical],
          ["web-p95-latency", "GreaterThanThreshold", 1, 5, 3, "notBreaching", critical],
          ["web-no-healthy-targets", "LessThanThreshold", 1, 5, 3, "breaching", critical],
          ["app-5xx-rate", "GreaterThanThreshold", 5, 5, 3, "notBreaching", critical],
          ["app-p95-latency", "GreaterThanThreshold", 1, 5, 3, "notBreaching", critical],
          ["app-no-healthy-targets", "LessThanThreshold", 1, 5, 3, "breaching", critical],
          ["aurora-replication-lag", "GreaterThanThreshold", 30_000, 5, 3, "notBreaching", critical],
          ["aurora-local-storage", "LessThanThreshold", 6 * 2 ** 30, 3, 3, "missing", warning],
          ["aurora-connection-failures", "GreaterThanOrEqualToThreshold", 1, 1, 1, "notBreaching", critical],
          ["cache-memory", "GreaterThanThreshold", 90, 5, 3, "missing", critical],
          ["cache-hit-ratio", "LessThanThreshold", 85, 3, 3, "notBreaching", warning],
          // The order pipeline: any message in a dead-letter queue, a consumer 15 minutes behind,
          // a failed workflow execution.
          ...["inventory", "notifications", "payment", "shipping"].flatMap(
            (c) =>
              [
                [`${c}-dlq-messages`, "GreaterThanThreshold", 0, 1, 1, "notBreaching", critical],
                [`${c}-oldest-message`, "GreaterThanThreshold", 900, 5, 3, "notBreaching", critical],
              ] as const,
          ),
          ["order-events-dlq-messages", "GreaterThanThreshold", 0, 1, 1, "notBreaching", critical],
          [
            "order-fulfilment-executions-failed",
            "GreaterThanOrEqualToThreshold",
            1,
            1,
            1,
            "notBreaching",
            warning,
          ],
        ] as const
      )
        .map(([key, op, threshold, periods, datapoints, missing, topic]) => [
          `${prefix}-${key}`,
          op,
          threshold,
          periods,
          datapoints,
          missing,
          [topic],
        ])
        .sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );
    for (const a of ours) {
      expect(a.inputs).toMatchObject({ region: stack, actionsEnabled: true, name: a.name });
      expect(a.inputs.okActions).toEqual(a.inputs.alarmActions);
      expect(a.inputs.alarmDescription).toMatch(
        /^\[(critical|warning)\] .+ Missing data: \w+, because .{40,}\.$/,
      );
    }
  });

  test("the 5xx rate is metric math over the tier's load balancer; the cache alarms over every node", () => {
    const tiers = tiersOutputSchema.parse(p.outputs.tiers);
    const rate = get(p, T.alarm, `${prefix}-web-5xx-rate`).inputs.metricQueries as {
      id: string;
      expression?: string;
      returnData: boolean;
      metric?: { metricName: string; stat: string; dimensions: Record<string, string> };
    }[];
    expect(rate.map((q) => [q.id, q.returnData, q.expression ?? q.metric!.metricName])).toEqual([
      [
        "e",
        true,
        "IF(FILL(req, 0) > 0, 100 * (FILL(elb5, 0) + FILL(tgt5, 0)) / FILL(req, 0), IF(FILL(elb5, 0) > 0, 100, 0))",
      ],
      ["req", false, "RequestCount"],
      ["elb5", false, "HTTPCode_ELB_5XX_Count"],
      ["tgt5", false, "HTTPCode_Target_5XX_Count"],
    ]);
    for (const q of rate.slice(1))
      expect(q.metric!.dimensions).toEqual({ LoadBalancer: tiers.web.albArnSuffix });
    const [group] = ofType(p, T.replicationGroup);
    const memory = get(p, T.alarm, `${prefix}-cache-memory`).inputs.metricQueries as {
      expression?: string;
      metric?: { dimensions: { CacheClusterId: string } };
    }[];
    expect(memory[0].expression).toBe("MAX([n0, n1])");
    expect(memory.slice(1).map((q) => q.metric!.dimensions.CacheClusterId)).toEqual([
      `${group.id}-001`,
      `${group.id}-002`,
    ]);
    expect(get(p, T.alarm, `${prefix}-web-p95-latency`).inputs).toMatchObject({
      extendedStatistic: "p95",
      metricName: "TargetResponseTime",
      dimensions: { LoadBalancer: tiers.web.albArnSuffix },
    });
    expect(get(p, T.alarm, `${prefix}-aurora-replication-lag`).inputs).toMatchObject({
      namespace: "AWS/RDS",
      metricName: "AuroraGlobalDBReplicationLag",
      statistic: "Maximum",
      dimensions: { DBClusterIdentifier: `${prefix}-aurora` },
    });
    expect(get(p, T.alarm, `${prefix}-aurora-connection-failures`).inputs).toMatchObject({
      metricName: "DatabaseConnectionsSetupFailed",
      statistic: "Sum",
      period: 300,
      dimensions: { ProxyName: ofType(p, T.proxyTarget)[0].inputs.dbProxyName },
    });
  });

  test("the alarm topics: encrypted with their own key, which lets CloudWatch (and Cost Anomaly Detection on the primary) use it", () => {
    const key = get(p, T.key, `${prefix}-alarms`);
    const statement = (
      JSON.parse(key.inputs.policy as string) as { Statement: { Sid: string; Principal: unknown }[] }
    ).Statement.find((s) => s.Sid === "ServicesPublishToEncryptedTopics");
    expect(statement?.Principal).toEqual({
      Service:
        stack === "us-east-1"
          ? ["cloudwatch.amazonaws.com", "costalerts.amazonaws.com"]
          : ["cloudwatch.amazonaws.com"],
    });
    expect(key.options.protect).toBe(true);
    for (const severity of ["critical", "warning"]) {
      const topic = get(p, T.topic, `${prefix}-alarms-${severity}`);
      expect(topic.inputs).toMatchObject({ name: `${prefix}-alarms-${severity}`, region: stack });
      expect(topic.inputs.kmsMasterKeyId).toBe(`arn:aws:kms:${stack}:111122223333:key/${key.id}`);
      const policy = JSON.parse(
        get(p, T.topicPolicy, `${prefix}-alarms-${severity}`).inputs.policy as string,
      ) as {
        Statement: { Sid: string; Resource: string }[];
      };
      expect(policy.Statement.map((s) => s.Sid)).toEqual([
        "DenyInsecureTransport",
        "AccountAdministers",
        "CloudWatchAlarmsPublish",
        ...(stack === "us-east-1" && severity === "warning" ? ["CostAnomalyDetectionPublishes"] : []),
      ]);
      for (const s of policy.Statement) expect(s.Resource).toBe(topicArn(p, severity));
    }
    expect(
      ofType(p, T.subscription)
        .filter((s) => String(s.inputs.topic).includes("-alarms-"))
        .map((s) => [s.inputs.topic, s.inputs.protocol, s.inputs.endpoint]),
    ).toEqual([
      [topicArn(p, "critical"), "email", "oncall@example.com"],
      [topicArn(p, "warning"), "email", "platform-team@example.com"],
    ]);
  });

  test("the preflight check follows the real alarms to their topics' key: without CloudWatch's grant it fails", async () => {
    const key = get(p, T.key, `${prefix}-alarms`);
    const doc = JSON.parse(key.inputs.policy as string) as { Statement: { Sid: string }[] };
    const stripped = {
      ...key,
      inputs: {
        ...key.inputs,
        policy: JSON.stringify({
          ...doc,
          Statement: doc.Statement.filter((s) => s.Sid !== "ServicesPublishToEncryptedTopics"),
        }),
      },
    };
    const pack = [
      {
        name: "t",
        version: "0",
        enforcementLevel: "mandatory" as const,
        policies: [encryptedTopicPublishers],
      },
    ];
    expect(await evaluatePolicies(p.resources, pack, { region: stack })).toEqual([]);
    const v = await evaluatePolicies(
      p.resources.map((r) => (r.urn === key.urn ? stripped : r)),
      pack,
      { region: stack },
    );
    expect(new Set(v.map((x) => x.urn)).size).toBe(
      ofType(p, T.alarm).filter((a) => !a.name.includes("-scaling-")).length +
        1 +
        (stack === "us-east-1" ? 1 : 0),
    );
  });

  test("the composite alarm, the Route 53 checks that follow its members and the calculated check with the HTTPS check", () => {
    const composite = get(p, T.composite, `${prefix}-region-unhealthy`).inputs;
    expect(composite.alarmRule).toBe(
      [
        `${prefix}-web-5xx-rate`,
        `${prefix}-web-no-healthy-targets`,
        `${prefix}-app-5xx-rate`,
        `${prefix}-app-no-healthy-targets`,
      ]
        .map((n) => `ALARM("${n}")`)
        .join(" OR "),
    );
    expect(composite).toMatchObject({ region: stack, alarmActions: [topicArn(p, "critical")] });
    const alarmChecks = ["web", "app"].map((t) => get(p, T.healthCheck, `${prefix}-${t}-no-healthy-targets`));
    for (const c of alarmChecks) {
      expect(c.inputs).toEqual({
        type: "CLOUDWATCH_METRIC",
        cloudwatchAlarmName: c.name,
        cloudwatchAlarmRegion: stack,
        insufficientDataHealthStatus: "LastKnownStatus",
        tags: expect.any(Object),
      });
      const alarm = get(p, T.alarm, c.name);
      expect(alarm.inputs).toMatchObject({
        statistic: "Minimum",
        period: 60,
        metricName: "HealthyHostCount",
      });
    }
    const https = get(p, T.healthCheck, `${prefix}-web-endpoint`);
    const calculated = get(p, T.healthCheck, `${prefix}-region-health`).inputs;
    expect(calculated).toMatchObject({ type: "CALCULATED", childHealthThreshold: 3 });
    expect(calculated.childHealthchecks).toEqual([https.id, ...alarmChecks.map((c) => c.id)]);
    // Not switched yet: the failover record still uses the HTTPS check (docs/architecture.md, "Observability").
    const failover = ofType(p, "aws:route53/record:Record").find(
      (r) => r.name === `${prefix}-web-endpoint-failover`,
    );
    expect(failover?.inputs.healthCheckId).toBe(https.id);
  });

  test("the output parses with the contract and names the plan's resources", () => {
    const out = observabilityOutputSchema.strict().parse(p.outputs.observability);
    expect(out.dashboardName).toBe(prefix);
    expect(out.criticalTopicArn).toBe(topicArn(p, "critical"));
    expect(out.warningTopicArn).toBe(topicArn(p, "warning"));
    expect(out.regionUnhealthyAlarmArn).toBe(
      `arn:aws:cloudwatch:${stack}:111122223333:alarm:${prefix}-region-unhealthy`,
    );
    expect(out.regionHealthCheckId).toBe(get(p, T.healthCheck, `${prefix}-region-health`).id);
    expect(out.alarmHealthCheckIds).toEqual({
      "web-no-healthy-targets": get(p, T.healthCheck, `${prefix}-web-no-healthy-targets`).id,
      "app-no-healthy-targets": get(p, T.healthCheck, `${prefix}-app-no-healthy-targets`).id,
    });
    expect(out.costAnomalyMonitorArn !== undefined).toBe(stack === "us-east-1");
  });
});

describe("cost anomaly alerts", () => {
  test("the primary owns them: a services monitor and an immediate subscription to its warning topic", () => {
    const use1 = plans["us-east-1"];
    const [monitor] = ofType(use1, T.monitor);
    expect(monitor.name).toBe("prod-cost-anomalies-services");
    expect(monitor.inputs).toMatchObject({ monitorType: "DIMENSIONAL", monitorDimension: "SERVICE" });
    expect(monitor.inputs.region).toBeUndefined();
    const sub = get(use1, T.anomalySubscription, "prod-cost-anomalies");
    expect(sub.inputs).toMatchObject({
      frequency: "IMMEDIATE",
      subscribers: [{ type: "SNS", address: topicArn(use1, "warning") }],
      thresholdExpression: {
        dimension: {
          key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
          matchOptions: ["GREATER_THAN_OR_EQUAL"],
          values: ["100"],
        },
      },
    });
    // It waits for the warning topic's policy and key, which let Cost Anomaly Detection publish.
    expect(sub.options.dependsOn).toEqual(
      expect.arrayContaining([get(use1, T.topicPolicy, "prod-use1-alarms-warning").urn]),
    );
    expect(use1.outputs.observability).toMatchObject({
      costAnomalyMonitorArn: expect.stringMatching(/^arn:aws:ce::111122223333:anomalymonitor\//),
    });
  });

  test("a secondary has none", () => {
    const euw1 = plans["eu-west-1"];
    expect([...ofType(euw1, T.monitor), ...ofType(euw1, T.anomalySubscription)]).toEqual([]);
  });
});
