/**
 * Config of the region's dashboard and alarms (`platform:observability`): alarm thresholds, the
 * Aurora global database's RPO, who the critical and warning topics notify, and (on the primary
 * only, `rules/observability.ts`) the account's cost anomaly monitor. Defaults:
 * src/config/defaults.ts (`ALARM_THRESHOLD_DEFAULTS`, `DEFAULT_RPO_SECONDS`, `COST_ANOMALY_DEFAULTS`).
 */
import { z } from "zod";
import { ALARM_THRESHOLD_DEFAULTS, COST_ANOMALY_DEFAULTS, DEFAULT_RPO_SECONDS } from "./defaults";
import { quotedList as list, wholeNumber } from "./messages";

/** Alarm topics, by severity: critical wakes someone, warning is read during working hours. */
export const ALARM_SEVERITIES = ["critical", "warning"] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];

/**
 * The SNS protocols a subscription may use. Plain `http` is left out (alarm details would travel
 * in clear text), and so are `application` and `firehose`, which need resources this program does
 * not make.
 */
export const SUBSCRIPTION_PROTOCOLS = ["email", "email-json", "https", "sms", "sqs", "lambda"] as const;
export type SubscriptionProtocol = (typeof SUBSCRIPTION_PROTOCOLS)[number];

const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;
/** E.164: "+", a country code that does not start with 0, at most 15 digits (SNS SMS takes this form). */
const E164_RE = /^\+[1-9]\d{6,14}$/;
const SQS_ARN_RE = /^arn:aws[a-z-]*:sqs:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
const LAMBDA_ARN_RE =
  /^arn:aws[a-z-]*:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$/;
/** An anomaly monitor's ARN, as `aws ce get-anomaly-monitors` lists it. */
export const ANOMALY_MONITOR_ARN_RE = /^arn:aws:ce::\d{12}:anomalymonitor\/[0-9a-f-]{36}$/;

/** Why an endpoint does not fit its protocol, or undefined when it does. */
export function endpointProblem(protocol: SubscriptionProtocol, endpoint: string): string | undefined {
  const forIt = `for protocol "${protocol}"`;
  switch (protocol) {
    case "email":
    case "email-json":
      return EMAIL_RE.test(endpoint) ? undefined : `is not an email address: expected "name@domain" ${forIt}`;
    case "https": {
      let url: URL | undefined;
      try {
        url = new URL(endpoint);
      } catch {
        url = undefined;
      }
      return url?.protocol === "https:" && url.hostname !== ""
        ? undefined
        : `is not an HTTPS URL: expected "https://<host>/<path>" ${forIt}`;
    }
    case "sms":
      return E164_RE.test(endpoint)
        ? undefined
        : `is not an E.164 phone number: expected "+", a country code and 7 to 15 digits in all, e.g. "+14155550100", ${forIt}`;
    case "sqs":
      if (!SQS_ARN_RE.test(endpoint))
        return `is not an SQS queue ARN: expected "arn:aws:sqs:<region>:<account>:<queue>" ${forIt}`;
      // SNS Developer Guide, "Fanout to Amazon SQS queues": a FIFO queue subscribes only to a FIFO topic.
      return endpoint.endsWith(".fifo")
        ? `is a FIFO queue: expected a standard queue, since the alarm topics are standard topics and SNS delivers only FIFO topics to FIFO queues`
        : undefined;
    case "lambda":
      return LAMBDA_ARN_RE.test(endpoint)
        ? undefined
        : `is not a Lambda function ARN: expected "arn:aws:lambda:<region>:<account>:function:<name>" ${forIt}`;
  }
}

const subscriptionSchema = z
  .strictObject(
    {
      protocol: z
        .enum(SUBSCRIPTION_PROTOCOLS, {
          error: `is not a subscription protocol: expected one of ${list(SUBSCRIPTION_PROTOCOLS)}`,
        })
        .meta({
          description: `The SNS protocol: ${SUBSCRIPTION_PROTOCOLS.map((p) => `\`${p}\``).join(", ")}.`,
        }),
      endpoint: z.string({ error: "expected the endpoint the protocol delivers to" }).meta({
        description:
          "Where notifications go: an email address (`email`, `email-json`, confirmed by the recipient), an `https://` URL, an E.164 phone number (`sms`), a standard queue's or a function's ARN.",
      }),
    },
    { error: "expected an object with protocol and endpoint" },
  )
  .superRefine((s, ctx) => {
    const problem = endpointProblem(s.protocol, s.endpoint);
    if (problem) ctx.addIssue({ code: "custom", path: ["endpoint"], message: problem });
  });

const subscriptionList = (severity: AlarmSeverity, description: string) =>
  z
    .array(subscriptionSchema, { error: `expected a list of ${severity} subscriptions` })
    .default([])
    .meta({ description });

/** A number from `min` to `max` (fractions allowed); every message names `what` and the range. */
const amount = (what: string, min: number, max: number) =>
  z
    .number({ error: `expected ${what} from ${min} to ${max}` })
    .min(min, { error: `is out of range: expected ${what} from ${min} to ${max}` })
    .max(max, { error: `is out of range: expected ${what} from ${min} to ${max}` });

const D = ALARM_THRESHOLD_DEFAULTS;

export const alarmThresholdsSchema = z.strictObject(
  {
    errorRatePercent: amount("a percentage of requests", 0.1, 100).default(D.errorRatePercent).meta({
      description:
        "Critical: a tier's 5xx responses (the load balancer's and the targets') as a percentage of its requests.",
    }),
    latencyP95Seconds: amount("seconds", 0.01, 60)
      .default(D.latencyP95Seconds)
      .meta({ description: "Critical: a tier's p95 target response time, in seconds." }),
    connectionFailures: wholeNumber("failed connections per 5 minutes", 1, 100_000)
      .default(D.connectionFailures)
      .meta({
        description:
          "Critical: database connections the RDS Proxy failed to set up in 5 minutes (`DatabaseConnectionsSetupFailed`); needs `platform:data.aurora.rdsProxy`.",
      }),
    memoryPercent: amount("a percentage", 50, 99).default(D.memoryPercent).meta({
      description:
        "Critical: the cache nodes' memory use (`DatabaseMemoryUsagePercentage`, the highest node). The EC2 instances publish no memory metric without the CloudWatch agent.",
    }),
    oldestMessageAgeSeconds: wholeNumber("seconds", 60, 1_209_600).default(D.oldestMessageAgeSeconds).meta({
      description:
        "Critical: the age of the oldest message of a monitored queue (SQS keeps messages at most 14 days, 1209600 s).",
    }),
    cacheHitRatioPercent: amount("a percentage", 1, 99)
      .default(D.cacheHitRatioPercent)
      .meta({ description: "Warning: the cache's hits as a percentage of its lookups, below this." }),
    auroraLocalStorageFreeGiB: amount("GiB", 1, 1000).default(D.auroraLocalStorageFreeGiB).meta({
      description:
        "Warning: an Aurora instance's free local storage (temporary tables and logs; `FreeLocalStorage`), below this. It is the one disk this platform can watch without the CloudWatch agent (EC2 instances publish no disk metrics, ElastiCache has no disk, Aurora's cluster volume grows by itself), and CloudWatch reports only the free bytes: set a fifth of the instance class's local storage to warn at 80 % used.",
    }),
  },
  { error: "expected an object of alarm thresholds (see docs/config.md)" },
);

export const observabilitySchema = z.strictObject(
  {
    alarms: alarmThresholdsSchema.prefault({}).meta({
      description: "Alarm thresholds; every one has a default from the platform's alerting policy.",
    }),
    rpoSeconds: wholeNumber("seconds", 1, 3600).default(DEFAULT_RPO_SECONDS).meta({
      description:
        "The Aurora global database's recovery point objective: critical when the global replication lag (`AuroraGlobalDBReplicationLag`, which only a secondary cluster publishes) exceeds it.",
    }),
    subscriptions: z
      .strictObject(
        {
          critical: subscriptionList(
            "critical",
            "Who the critical topic notifies (an on-call pager, say): the region is failing or about to.",
          ),
          warning: subscriptionList(
            "warning",
            "Who the warning topic notifies: cache efficiency, local storage, cost anomalies.",
          ),
        },
        { error: "expected an object with critical and warning lists" },
      )
      .prefault({})
      .meta({ description: "The alarm topics' subscriptions, validated per protocol." }),
    costAnomaly: z
      .strictObject(
        {
          thresholdUsd: amount("US dollars", 1, 1_000_000)
            .default(COST_ANOMALY_DEFAULTS.thresholdUsd)
            .meta({ description: "Alert on anomalies whose total impact reaches this many US dollars." }),
          monitorArn: z
            .string({ error: "expected an anomaly monitor ARN" })
            .regex(ANOMALY_MONITOR_ARN_RE, {
              error: 'is not an anomaly monitor ARN: expected "arn:aws:ce::<account>:anomalymonitor/<id>"',
            })
            .optional()
            .meta({
              description:
                'An existing monitor to subscribe to instead of creating one. An account holds one AWS-services (`DIMENSIONAL`, `SERVICE`) monitor, and AWS creates one in new accounts: where it exists, creating another fails ("Limit exceeded on dimensional spend monitor creation"); list it with `aws ce get-anomaly-monitors`.',
              defaultText: "none: the stack creates the account's AWS-services monitor",
            }),
        },
        { error: "expected an object with optional thresholdUsd and monitorArn" },
      )
      .optional()
      .meta({
        description:
          "AWS Cost Anomaly Detection: a monitor of the account's spend per AWS service and a subscription that sends anomalies to the warning topic. Account-wide, so only the primary sets it (`{}` for the defaults).",
      }),
  },
  { error: "expected an object with alarms, rpoSeconds, subscriptions and optional costAnomaly" },
);

export type ObservabilityConfig = z.output<typeof observabilitySchema>;
export type AlarmThresholds = ObservabilityConfig["alarms"];
export type SubscriptionConfig = ObservabilityConfig["subscriptions"]["critical"][number];
