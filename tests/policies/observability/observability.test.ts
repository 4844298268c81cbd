/** The observability layer: a compliant and a non-compliant case each. */
import { observabilityAlarmActions } from "../../../policies/observability/alarm-actions";
import { observabilityLogGroupKms } from "../../../policies/observability/log-group-kms";
import { observabilityLogGroupRetention } from "../../../policies/observability/log-group-retention";
import { check, res, urnOf } from "../../helpers/policy";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const COMPOSITE_ALARM = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/0e2bd1c4-6b8c-4d6e-9a8b-4c3f3e9d2f10";
const TOPIC = "arn:aws:sns:us-east-1:111122223333:prod-use1-alarms-critical";

const logGroup = (inputs: Record<string, unknown>) =>
  res(LOG_GROUP, "flow-logs", { name: "/aws/vpc/prod-use1", ...inputs });
const messages = async (...args: Parameters<typeof check>) =>
  (await check(...args)).map((v) => [v.urn, v.message]);

describe("observability-log-group-retention", () => {
  test("compliant: a year, or any period CloudWatch Logs offers", async () => {
    expect(
      await check(observabilityLogGroupRetention, [logGroup({ retentionInDays: 365, kmsKeyId: KEY })]),
    ).toEqual([]);
    expect(await check(observabilityLogGroupRetention, [logGroup({ retentionInDays: 7 })])).toEqual([]);
  });
  test("non-compliant: no retention, or 0 (never expire)", async () => {
    expect(await messages(observabilityLogGroupRetention, [logGroup({ kmsKeyId: KEY })])).toEqual([
      [
        urnOf(LOG_GROUP, "flow-logs"),
        "The log group keeps its events forever (retentionInDays = unset): set a retention period CloudWatch Logs offers, e.g. 365.",
      ],
    ]);
    expect(await messages(observabilityLogGroupRetention, [logGroup({ retentionInDays: 0 })])).toEqual([
      [
        urnOf(LOG_GROUP, "flow-logs"),
        "The log group keeps its events forever (retentionInDays = 0): set a retention period CloudWatch Logs offers, e.g. 365.",
      ],
    ]);
  });
});

describe("observability-log-group-kms", () => {
  test("compliant: the region's logs key", async () => {
    expect(
      await check(observabilityLogGroupKms, [logGroup({ retentionInDays: 365, kmsKeyId: KEY })]),
    ).toEqual([]);
  });
  test("non-compliant: no key (CloudWatch Logs' own encryption)", async () => {
    expect(await messages(observabilityLogGroupKms, [logGroup({ retentionInDays: 365 })])).toEqual([
      [
        urnOf(LOG_GROUP, "flow-logs"),
        "The log group has no kmsKeyId, so CloudWatch Logs encrypts it with a key the account does not control: set kmsKeyId to the region's logs key.",
      ],
    ]);
  });
});

describe("observability-alarm-actions", () => {
  test("compliant: a metric alarm notifying its topic, a composite alarm, a scaling alarm", async () => {
    expect(
      await check(observabilityAlarmActions, [
        res(METRIC_ALARM, "web-5xx-rate", {
          actionsEnabled: true,
          alarmActions: [TOPIC],
          okActions: [TOPIC],
        }),
        res(COMPOSITE_ALARM, "region-unhealthy", { alarmRule: 'ALARM("a")', alarmActions: [TOPIC] }),
        res(METRIC_ALARM, "web-scaling-cpu-high", {
          alarmActions: ["arn:aws:autoscaling:us-east-1:111122223333:scalingPolicy:x"],
        }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: no action, actions disabled, a composite alarm with only OK actions", async () => {
    expect(
      await messages(observabilityAlarmActions, [
        res(METRIC_ALARM, "silent", { okActions: [TOPIC] }),
        res(METRIC_ALARM, "muted", { actionsEnabled: false, alarmActions: [TOPIC] }),
        res(COMPOSITE_ALARM, "region-unhealthy", { alarmRule: 'ALARM("a")', okActions: [TOPIC] }),
      ]),
    ).toEqual([
      [
        urnOf(METRIC_ALARM, "silent"),
        "The alarm has no alarmActions: give it the topic of its severity (or the scaling policy it drives).",
      ],
      [
        urnOf(METRIC_ALARM, "muted"),
        "The alarm's actions are disabled (actionsEnabled = false): it would change state and tell nobody.",
      ],
      [
        urnOf(COMPOSITE_ALARM, "region-unhealthy"),
        "The alarm has no alarmActions: give it the topic of its severity (or the scaling policy it drives).",
      ],
    ]);
  });
});
