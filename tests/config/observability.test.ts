/** `platform:observability`: defaults, and bad config rejected with exact messages, nothing registered. */
import { validateStackConfig } from "../../src/config";
import { ALARM_THRESHOLD_DEFAULTS, DEFAULT_RPO_SECONDS } from "../../src/config/defaults";
import { endpointProblem } from "../../src/config/observability";
import { problemsOf, stackValues, withOverrides } from "../helpers/config";

type Stack = "us-east-1" | "eu-west-1";
const observability = (stack: Stack, over: Record<string, unknown>) => ({
  "platform:observability": {
    ...(stackValues(stack)["platform:observability"] as Record<string, unknown>),
    ...over,
  },
});
const critical = (...subscriptions: unknown[]) =>
  observability("us-east-1", { subscriptions: { critical: subscriptions } });

describe("platform:observability", () => {
  test("left out, every field defaults: the issue's thresholds, no subscriptions, no cost monitor", () => {
    const o = validateStackConfig(
      withOverrides("eu-west-1", { "platform:observability": undefined }),
    ).observability;
    expect(o.alarms).toEqual({
      errorRatePercent: 5,
      latencyP95Seconds: 1,
      connectionFailures: 1,
      memoryPercent: 90,
      oldestMessageAgeSeconds: 900,
      cacheHitRatioPercent: 85,
      auroraLocalStorageFreeGiB: 6,
    });
    expect(o.alarms).toEqual(ALARM_THRESHOLD_DEFAULTS);
    expect(o.rpoSeconds).toBe(DEFAULT_RPO_SECONDS);
    expect(o.subscriptions).toEqual({ critical: [], warning: [] });
    expect(o.costAnomaly).toBeUndefined();
  });

  test("the stack files: email subscriptions on both topics, the cost monitor on the primary only", () => {
    const use1 = validateStackConfig(withOverrides("us-east-1", {})).observability;
    const euw1 = validateStackConfig(withOverrides("eu-west-1", {})).observability;
    expect(use1.subscriptions.critical).toEqual([{ protocol: "email", endpoint: "oncall@example.com" }]);
    expect(use1.costAnomaly).toEqual({ thresholdUsd: 100 });
    expect(euw1.costAnomaly).toBeUndefined();
    expect(euw1.subscriptions.warning).toEqual([
      { protocol: "email", endpoint: "platform-team@example.com" },
    ]);
  });

  test("a threshold outside its range", () => {
    expect(
      problemsOf(
        "us-east-1",
        observability("us-east-1", { alarms: { errorRatePercent: 0, memoryPercent: 100 } }),
      ),
    ).toEqual([
      "platform:observability.alarms.errorRatePercent = 0 is out of range: expected a percentage of requests from 0.1 to 100",
      "platform:observability.alarms.memoryPercent = 100 is out of range: expected a percentage from 50 to 99",
    ]);
    expect(
      problemsOf(
        "us-east-1",
        observability("us-east-1", {
          alarms: { oldestMessageAgeSeconds: 1_209_601, latencyP95Seconds: "1s" },
        }),
      ),
    ).toEqual([
      'platform:observability.alarms.latencyP95Seconds = "1s" expected seconds from 0.01 to 60',
      "platform:observability.alarms.oldestMessageAgeSeconds = 1209601 is too large: expected seconds from 60 to 1209600",
    ]);
    expect(problemsOf("us-east-1", observability("us-east-1", { rpoSeconds: 0.5 }))).toEqual([
      "platform:observability.rpoSeconds = 0.5 is not a whole number: expected seconds from 1 to 3600",
    ]);
  });

  test("a cache with more nodes than the hit-ratio alarm can read (review F6); 4 replicas are fine", () => {
    const cache = (stack: Stack, replicas: unknown) => {
      const data = stackValues(stack)["platform:data"] as Record<string, Record<string, unknown>>;
      return { "platform:data": { ...data, cache: { ...data.cache, replicas } } };
    };
    expect(problemsOf("us-east-1", cache("us-east-1", 5))).toEqual([
      "platform:data.cache.replicas = 5 gives the cache 6 nodes, more than the cache hit-ratio alarm can watch: expected at most 4 replicas (the alarm reads two metrics per node, and CloudWatch allows 10 in an alarm on metric math)",
    ]);
    expect(() => validateStackConfig(withOverrides("eu-west-1", cache("eu-west-1", 4)))).not.toThrow();
  });

  test("a subscription with an endpoint that does not fit its protocol", () => {
    expect(
      problemsOf(
        "us-east-1",
        critical(
          { protocol: "email", endpoint: "oncall" },
          { protocol: "https", endpoint: "http://hooks.example.com/alarm" },
          { protocol: "sms", endpoint: "0612345678" },
          { protocol: "sqs", endpoint: "arn:aws:sqs:us-east-1:111122223333:alarms.fifo" },
          { protocol: "lambda", endpoint: "arn:aws:lambda:us-east-1:111122223333:alarms" },
        ),
      ),
    ).toEqual([
      'platform:observability.subscriptions.critical[0].endpoint = "oncall" is not an email address: expected "name@domain" for protocol "email"',
      'platform:observability.subscriptions.critical[1].endpoint = "http://hooks.example.com/alarm" is not an HTTPS URL: expected "https://<host>/<path>" for protocol "https"',
      'platform:observability.subscriptions.critical[2].endpoint = "0612345678" is not an E.164 phone number: expected "+", a country code and 7 to 15 digits in all, e.g. "+14155550100", for protocol "sms"',
      'platform:observability.subscriptions.critical[3].endpoint = "arn:aws:sqs:us-east-1:111122223333:alarms.fifo" is a FIFO queue: expected a standard queue, since the alarm topics are standard topics and SNS delivers only FIFO topics to FIFO queues',
      'platform:observability.subscriptions.critical[4].endpoint = "arn:aws:lambda:us-east-1:111122223333:alarms" is not a Lambda function ARN: expected "arn:aws:lambda:<region>:<account>:function:<name>" for protocol "lambda"',
    ]);
  });

  test("a subscription with an unknown protocol or no endpoint", () => {
    expect(
      problemsOf("us-east-1", critical({ protocol: "http", endpoint: "http://x" }, { protocol: "email" })),
    ).toEqual([
      'platform:observability.subscriptions.critical[0].protocol = "http" is not a subscription protocol: expected one of "email", "email-json", "https", "sms", "sqs", "lambda"',
      "platform:observability.subscriptions.critical[1].endpoint is missing: expected the endpoint the protocol delivers to",
    ]);
  });

  test("valid endpoints of every protocol pass", () => {
    expect(
      [
        endpointProblem("email", "oncall@example.com"),
        endpointProblem("email-json", "ops+alarms@example.co.uk"),
        endpointProblem("https", "https://events.pagerduty.com/integration/abc/enqueue"),
        endpointProblem("sms", "+14155550100"),
        endpointProblem("sqs", "arn:aws:sqs:eu-west-1:111122223333:alarm-inbox"),
        endpointProblem("lambda", "arn:aws:lambda:eu-west-1:111122223333:function:notify:live"),
      ].filter(Boolean),
    ).toEqual([]);
  });

  test("the cost anomaly monitor: primary only, of the stack's account, a well-formed ARN", () => {
    expect(
      problemsOf("eu-west-1", observability("eu-west-1", { costAnomaly: { thresholdUsd: 50 } })),
    ).toEqual([
      'platform:observability.costAnomaly = {"thresholdUsd":50} is set on a secondary stack: expected it only on the primary, because Cost Explorer is account-wide (one anomaly monitor and subscription per account, owned by the stack applied first)',
    ]);
    expect(
      problemsOf(
        "us-east-1",
        observability("us-east-1", {
          costAnomaly: {
            monitorArn: "arn:aws:ce::999988887777:anomalymonitor/0e2bd1c4-6b8c-4d6e-9a8b-4c3f3e9d2f10",
          },
        }),
      ),
    ).toEqual([
      'platform:observability.costAnomaly.monitorArn = "arn:aws:ce::999988887777:anomalymonitor/0e2bd1c4-6b8c-4d6e-9a8b-4c3f3e9d2f10" is not in account "111122223333": expected a monitor of the stack\'s own account (aws ce get-anomaly-monitors)',
    ]);
    expect(
      problemsOf(
        "us-east-1",
        observability("us-east-1", { costAnomaly: { monitorArn: "Default-Services-Monitor" } }),
      ),
    ).toEqual([
      'platform:observability.costAnomaly.monitorArn = "Default-Services-Monitor" is not an anomaly monitor ARN: expected "arn:aws:ce::<account>:anomalymonitor/<id>"',
    ]);
    expect(
      validateStackConfig(
        withOverrides(
          "us-east-1",
          observability("us-east-1", {
            costAnomaly: {
              monitorArn: "arn:aws:ce::111122223333:anomalymonitor/0e2bd1c4-6b8c-4d6e-9a8b-4c3f3e9d2f10",
            },
          }),
        ),
      ).observability.costAnomaly,
    ).toEqual({
      thresholdUsd: 100,
      monitorArn: "arn:aws:ce::111122223333:anomalymonitor/0e2bd1c4-6b8c-4d6e-9a8b-4c3f3e9d2f10",
    });
  });

  test("a repeated subscription on one topic", () => {
    const sub = { protocol: "sms", endpoint: "+14155550100" };
    expect(
      problemsOf("us-east-1", critical(sub, { protocol: "email", endpoint: "a@example.com" }, sub)),
    ).toEqual([
      'platform:observability.subscriptions.critical[2] = {"protocol":"sms","endpoint":"+14155550100"} repeats platform:observability.subscriptions.critical[0]: expected each endpoint once per topic (SNS answers a repeated Subscribe with the same subscription, so removing either entry would unsubscribe both)',
    ]);
  });
});
