/** The observability preflight policies: a compliant and a non-compliant case each. */
import { alarmActionsRegion } from "../../../policies/preflight/alarm-actions-region";
import { metricMathAlarmLimits } from "../../../policies/preflight/metric-math-alarm-limits";
import {
  encryptedTopicPublishers,
  keyAllowsPublisher,
} from "../../../policies/preflight/encrypted-topic-publishers";
import { route53AlarmHealthCheck } from "../../../policies/preflight/route53-alarm-health-check";
import { topicPolicy } from "../../../components/observability";
import { check, res, urnOf } from "../../helpers/policy";

const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const COMPOSITE_ALARM = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const TOPIC = "aws:sns/topic:Topic";
const KEY = "aws:kms/key:Key";
const SUBSCRIPTION = "aws:costexplorer/anomalySubscription:AnomalySubscription";
const topicArn = (region: string) => `arn:aws:sns:${region}:111122223333:prod-alarms-critical`;
const messages = async (...args: Parameters<typeof check>) =>
  (await check(...args)).map((v) => [v.urn, v.message]);

describe("preflight-alarm-actions-region", () => {
  test("compliant: the alarm's own region's topic, and actions that are not topics", async () => {
    expect(
      await check(alarmActionsRegion, [
        res(METRIC_ALARM, "a", {
          region: "eu-west-1",
          alarmActions: [topicArn("eu-west-1")],
          okActions: [topicArn("eu-west-1")],
        }),
        res(COMPOSITE_ALARM, "c", {
          region: "eu-west-1",
          alarmActions: ["arn:aws:ssm:eu-west-1:111122223333:opsitem:3"],
        }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: a topic of another region, on a metric alarm's OK actions and a composite's alarm actions", async () => {
    expect(
      await messages(alarmActionsRegion, [
        res(METRIC_ALARM, "a", {
          region: "eu-west-1",
          alarmActions: [topicArn("eu-west-1")],
          okActions: [topicArn("us-east-1")],
        }),
        res(COMPOSITE_ALARM, "c", { region: "eu-west-1", alarmActions: [topicArn("us-east-1")] }),
      ]),
    ).toEqual([
      [
        urnOf(METRIC_ALARM, "a"),
        "okActions names the topic arn:aws:sns:us-east-1:111122223333:prod-alarms-critical in us-east-1, but the alarm is in eu-west-1: CloudWatch notifies only topics of the alarm's region; use that region's alarm topic.",
      ],
      [
        urnOf(COMPOSITE_ALARM, "c"),
        "alarmActions names the topic arn:aws:sns:us-east-1:111122223333:prod-alarms-critical in us-east-1, but the alarm is in eu-west-1: CloudWatch notifies only topics of the alarm's region; use that region's alarm topic.",
      ],
    ]);
  });
});

describe("preflight-metric-math-alarm-limits", () => {
  /** A hit-ratio alarm over `nodes` cache nodes: a hits and a misses metric per node, one expression. */
  const hitRatio = (nodes: number) =>
    res(METRIC_ALARM, `hit-ratio-${nodes}`, {
      name: `prod-euw1-cache-hit-ratio-${nodes}`,
      region: "eu-west-1",
      metricQueries: [
        { id: "e", expression: "100 * h / (h + m)", returnData: true },
        ...Array.from({ length: nodes }, (_, i) => [
          { id: `h${i}`, metric: { metricName: "CacheHits", stat: "Sum", period: 300 }, returnData: false },
          { id: `m${i}`, metric: { metricName: "CacheMisses", stat: "Sum", period: 300 }, returnData: false },
        ]).flat(),
      ],
    });
  test("compliant: 10 metrics and one expression returning data; a single-metric alarm", async () => {
    expect(
      await check(metricMathAlarmLimits, [
        hitRatio(5),
        res(METRIC_ALARM, "p95", {
          region: "eu-west-1",
          metricName: "TargetResponseTime",
          extendedStatistic: "p95",
        }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: 12 metrics (six cache nodes), and an alarm whose queries return nothing", async () => {
    expect(
      await messages(metricMathAlarmLimits, [
        hitRatio(6),
        res(METRIC_ALARM, "silent", {
          name: "silent",
          metricQueries: [
            { id: "e", expression: "m * 2", returnData: false },
            { id: "m", metric: {} },
          ],
        }),
      ]),
    ).toEqual([
      [
        urnOf(METRIC_ALARM, "hit-ratio-6"),
        'Alarm "prod-euw1-cache-hit-ratio-6" reads 12 metrics: CloudWatch accepts at most 10 in an alarm on metric math (a hard limit); watch fewer series or split the alarm and join the parts with a composite alarm.',
      ],
      [
        urnOf(METRIC_ALARM, "silent"),
        'Alarm "silent" has 0 metric queries with returnData: exactly one (the expression the alarm watches) must return data.',
      ],
    ]);
  });
});

describe("preflight-route53-alarm-health-check", () => {
  const healthyHosts = res(METRIC_ALARM, "web-no-healthy-targets", {
    region: "eu-west-1",
    name: "prod-euw1-web-no-healthy-targets",
    namespace: "AWS/ApplicationELB",
    metricName: "HealthyHostCount",
    statistic: "Minimum",
    period: 60,
  });
  const follow = (name: string, alarm: { urn: string }, extra: Record<string, unknown> = {}) =>
    res(
      HEALTH_CHECK,
      name,
      {
        type: "CLOUDWATCH_METRIC",
        cloudwatchAlarmRegion: "eu-west-1",
        insufficientDataHealthStatus: "LastKnownStatus",
        ...extra,
      },
      { propertyDependencies: { cloudwatchAlarmName: [alarm.urn] } },
    );
  test("compliant: a single-metric Minimum alarm in the named region; HTTPS and calculated checks are not judged", async () => {
    expect(
      await check(route53AlarmHealthCheck, [
        healthyHosts,
        follow("hc", healthyHosts),
        res(HEALTH_CHECK, "https", { type: "HTTPS", fqdn: "origin.example.com" }),
        res(HEALTH_CHECK, "calc", {
          type: "CALCULATED",
          childHealthchecks: ["a", "b"],
          childHealthThreshold: 2,
        }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: a composite, a metric-math and a percentile alarm, a wrong region, no insufficient-data status", async () => {
    const composite = res(COMPOSITE_ALARM, "region-unhealthy", {
      region: "eu-west-1",
      alarmName: "prod-euw1-region-unhealthy",
    });
    const math = res(METRIC_ALARM, "web-5xx-rate", {
      region: "eu-west-1",
      name: "prod-euw1-web-5xx-rate",
      metricQueries: [{ id: "e", expression: "100 * a / b", returnData: true }],
    });
    const p95 = res(METRIC_ALARM, "web-p95", {
      region: "eu-west-1",
      name: "prod-euw1-web-p95-latency",
      metricName: "TargetResponseTime",
      extendedStatistic: "p95",
      period: 60,
    });
    expect(
      await messages(route53AlarmHealthCheck, [
        composite,
        math,
        p95,
        healthyHosts,
        // By name alone, without a dependency: still found.
        res(HEALTH_CHECK, "hc-composite", {
          type: "CLOUDWATCH_METRIC",
          cloudwatchAlarmName: "prod-euw1-region-unhealthy",
          cloudwatchAlarmRegion: "eu-west-1",
          insufficientDataHealthStatus: "Unhealthy",
        }),
        follow("hc-math", math),
        follow("hc-p95", p95),
        follow("hc-region", healthyHosts, {
          cloudwatchAlarmRegion: "us-east-1",
          insufficientDataHealthStatus: undefined,
        }),
      ]),
    ).toEqual([
      [
        urnOf(HEALTH_CHECK, "hc-composite"),
        'Health check "hc-composite" follows alarm "region-unhealthy", a composite alarm: Route 53 follows only alarms on one metric. Follow the composite\'s single-metric members, and combine their health checks in a CALCULATED health check.',
      ],
      [
        urnOf(HEALTH_CHECK, "hc-math"),
        'Health check "hc-math" follows alarm "web-5xx-rate", which Route 53 cannot follow: it is a metric-math alarm (metricQueries), which has no single metric for Route 53 to describe.',
      ],
      [
        urnOf(HEALTH_CHECK, "hc-p95"),
        'Health check "hc-p95" follows alarm "web-p95", which Route 53 cannot follow: it uses the extended statistic p95; Route 53 supports Average, Minimum, Maximum, Sum and SampleCount.',
      ],
      [
        urnOf(HEALTH_CHECK, "hc-region"),
        'Health check "hc-region" follows alarm "web-no-healthy-targets" in us-east-1, but the alarm is in eu-west-1: set cloudwatchAlarmRegion to eu-west-1.',
      ],
      [
        urnOf(HEALTH_CHECK, "hc-region"),
        'Health check "hc-region" follows alarm "web-no-healthy-targets" without insufficientDataHealthStatus: say how a gap in the alarm\'s data counts (Healthy, Unhealthy or LastKnownStatus) rather than leave it to the default.',
      ],
    ]);
  });
});

describe("preflight-encrypted-topic-publishers", () => {
  const keyPolicy = (services: string[]) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AccountAdministers",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::111122223333:root" },
          Action: "kms:*",
          Resource: "*",
        },
        ...(services.length
          ? [
              {
                Effect: "Allow",
                Principal: { Service: services },
                Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
                Resource: "*",
              },
            ]
          : []),
      ],
    });
  const plan = (services: string[], kmsMasterKeyId?: string) => {
    const key = res(KEY, "alarms", { policy: keyPolicy(services) });
    const topic = res(
      TOPIC,
      "alarms-warning",
      { kmsMasterKeyId: kmsMasterKeyId ?? "arn:aws:kms:us-east-1:111122223333:key/k" },
      { propertyDependencies: kmsMasterKeyId ? {} : { kmsMasterKeyId: [key.urn] } },
    );
    const alarm = res(
      METRIC_ALARM,
      "cache-hit-ratio",
      { alarmActions: [topicArn("us-east-1")] },
      { propertyDependencies: { alarmActions: [topic.urn], okActions: [topic.urn] } },
    );
    const costs = res(
      SUBSCRIPTION,
      "cost-anomalies",
      { subscribers: [{ type: "SNS", address: topicArn("us-east-1") }] },
      { propertyDependencies: { subscribers: [topic.urn] } },
    );
    return [key, topic, alarm, costs];
  };
  test("compliant: the key lets CloudWatch and Cost Anomaly Detection use it (the AlarmTopics key policy)", async () => {
    expect(
      await check(encryptedTopicPublishers, plan(["cloudwatch.amazonaws.com", "costalerts.amazonaws.com"])),
    ).toEqual([]);
    expect(
      keyAllowsPublisher(
        {
          Statement: [
            { Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "kms:*" },
          ],
        },
        "cloudwatch.amazonaws.com",
      ),
    ).toBe(true);
  });
  test("non-compliant: a key without the cost service, and the AWS managed key", async () => {
    expect(await messages(encryptedTopicPublishers, plan(["cloudwatch.amazonaws.com"]))).toEqual([
      [
        urnOf(SUBSCRIPTION, "cost-anomalies"),
        '"cost-anomalies" publishes to topic "alarms-warning", whose key "alarms" does not let costalerts.amazonaws.com use it: its notifications would be dropped. Grant costalerts.amazonaws.com kms:GenerateDataKey* and kms:Decrypt in the key policy.',
      ],
    ]);
    const managed = await messages(encryptedTopicPublishers, plan([], "alias/aws/sns"));
    expect(managed.map(([urn]) => urn)).toEqual([
      urnOf(METRIC_ALARM, "cache-hit-ratio"),
      urnOf(SUBSCRIPTION, "cost-anomalies"),
    ]);
    expect(managed[0][1]).toBe(
      '"cache-hit-ratio" publishes to topic "alarms-warning", encrypted with the AWS managed key alias/aws/sns, whose policy cannot let cloudwatch.amazonaws.com use it: its notifications would be dropped. Encrypt the topic with a customer-managed key that grants cloudwatch.amazonaws.com kms:GenerateDataKey* and kms:Decrypt.',
    );
  });
  test("the topic policy denies publishing without TLS and grants it to the two services only on behalf of the account", () => {
    const doc = topicPolicy("arn:aws:sns:us-east-1:111122223333:t", "us-east-1", "111122223333", true) as {
      Statement: { Sid: string; Principal: unknown; Condition?: unknown }[];
    };
    expect(doc.Statement.map((s) => [s.Sid, s.Principal, s.Condition])).toEqual([
      ["DenyInsecureTransport", "*", { Bool: { "aws:SecureTransport": "false" } }],
      ["AccountAdministers", { AWS: "arn:aws:iam::111122223333:root" }, undefined],
      [
        "CloudWatchAlarmsPublish",
        { Service: "cloudwatch.amazonaws.com" },
        {
          StringEquals: { "aws:SourceAccount": "111122223333" },
          ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:us-east-1:111122223333:alarm:*" },
        },
      ],
      [
        "CostAnomalyDetectionPublishes",
        { Service: "costalerts.amazonaws.com" },
        { StringEquals: { "aws:SourceAccount": "111122223333" } },
      ],
    ]);
  });
});
