/**
 * Config of the order pipeline (`platform:pipeline`): the region's order event bus and its
 * archive, the fan-out topic and one queue per consumer, the order-fulfilment workflow's logging
 * and the EventBridge global endpoint. The checks across its keys are in `rules/pipeline.ts`;
 * defaults in `defaults.ts` (`PIPELINE_*`).
 */
import { z } from "zod";
import { PIPELINE_CONSUMER_DEFAULTS, PIPELINE_DEFAULTS, PIPELINE_WORKFLOW_DEFAULTS } from "./defaults";
import { LOG_RETENTION_DAYS } from "./log-retention";
import { quotedList as list, wholeNumber } from "./messages";

/**
 * The order consumers, each with its own queue: the order-fulfilment workflow
 * (components/events/order-fulfilment.asl.json) sends work to each of them, so the set is fixed.
 */
export const PIPELINE_CONSUMERS = ["inventory", "payment", "shipping", "notifications"] as const;
export type PipelineConsumer = (typeof PIPELINE_CONSUMERS)[number];

/** Where a consumer's workload runs: on EKS (a Pod Identity role of its own) or on the app tier's instances. */
export const CONSUMER_RUNTIMES = ["eks", "app-tier"] as const;
export type ConsumerRuntime = (typeof CONSUMER_RUNTIMES)[number];

export const WORKFLOW_LOG_LEVELS = ["ALL", "ERROR"] as const;

/**
 * Regions that support EventBridge global endpoints (EventBridge User Guide, "Making applications
 * Regional-fault tolerant with global endpoints", Available Regions).
 */
export const GLOBAL_ENDPOINT_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-south-1",
  "eu-west-3",
  "eu-north-1",
  "ap-south-1",
  "ap-northeast-3",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "sa-east-1",
] as const;

/** SQS `maxReceiveCount`: 1 to 1,000 (SQS API reference, `RedrivePolicy`). */
export const MAX_RECEIVE_COUNT = 1000;
/** SQS `VisibilityTimeout`: 0 to 43,200 seconds (12 hours). */
export const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;

/** A Kubernetes namespace or service account name: an RFC 1123 label. */
const K8S_NAME_RE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const k8sName = (what: string) =>
  z.string({ error: `expected a ${what} name` }).regex(K8S_NAME_RE, {
    error: `is not a Kubernetes ${what} name: expected 1 to 63 lower-case letters, digits or "-", starting and ending with a letter or digit`,
  });

const consumerSchema = (name: PipelineConsumer) =>
  z
    .strictObject(
      {
        fifo: z.boolean({ error: "expected true or false" }).default(PIPELINE_CONSUMER_DEFAULTS.fifo).meta({
          description:
            "A FIFO queue (strict order per order ID, exactly-once processing; needs `topic.fifo`) instead of a standard one. Its dead-letter queue is FIFO too.",
        }),
        maxReceiveCount: wholeNumber("receives", 1, MAX_RECEIVE_COUNT)
          .default(PIPELINE_CONSUMER_DEFAULTS.maxReceiveCount)
          .meta({
            description:
              "How many times a message is received without being deleted before SQS moves it to the consumer's dead-letter queue (the redrive policy's `maxReceiveCount`).",
          }),
        visibilityTimeoutSeconds: wholeNumber("seconds", 0, MAX_VISIBILITY_TIMEOUT_SECONDS)
          .default(PIPELINE_CONSUMER_DEFAULTS.visibilityTimeoutSeconds)
          .meta({
            description:
              "How long a received message stays hidden from other receivers while the consumer works on it.",
          }),
        runsOn: z
          .enum(CONSUMER_RUNTIMES, { error: `is not a runtime: expected one of ${list(CONSUMER_RUNTIMES)}` })
          .default(PIPELINE_CONSUMER_DEFAULTS.runsOn)
          .meta({
            description:
              "Where the consumer runs: `eks` (its own role through EKS Pod Identity, bound to `serviceAccount` in `kubernetesNamespace`) or `app-tier` (the app tier's instance role reads the queue).",
          }),
        serviceAccount: k8sName("service account")
          .optional()
          .meta({
            description: "The consumer's Kubernetes service account (with `runsOn: eks`).",
            defaultText: `the consumer's name (\`${name}\`)`,
          }),
      },
      {
        error:
          "expected an object with optional fifo, maxReceiveCount, visibilityTimeoutSeconds, runsOn, serviceAccount",
      },
    )
    .prefault({});

export const pipelineSchema = z.strictObject(
  {
    kubernetesNamespace: k8sName("namespace")
      .default(PIPELINE_DEFAULTS.kubernetesNamespace)
      .meta({ description: "The Kubernetes namespace of the order workloads that run on EKS." }),
    archiveRetentionDays: wholeNumber("days", 1, 3650).default(PIPELINE_DEFAULTS.archiveRetentionDays).meta({
      description:
        "Days the bus's archive keeps order events: how far back a replay can reach (docs/architecture.md, Order pipeline).",
    }),
    topic: z
      .strictObject(
        {
          fifo: z.boolean({ error: "expected true or false" }).default(PIPELINE_DEFAULTS.topicFifo).meta({
            description:
              "A FIFO fan-out topic (`<name>.fifo`, content-based deduplication). An SQS FIFO queue can only be subscribed to a FIFO topic.",
          }),
        },
        { error: "expected an object with fifo" },
      )
      .prefault({})
      .meta({ description: "The SNS topic that fans the workflow's requests out to the consumer queues." }),
    consumers: z
      .strictObject(
        Object.fromEntries(
          PIPELINE_CONSUMERS.map((c) => [
            c,
            consumerSchema(c).meta({ description: `The \`${c}\` consumer's queue and where it runs.` }),
          ]),
        ) as Record<PipelineConsumer, ReturnType<typeof consumerSchema>>,
        { error: `expected an object of consumers by name: ${list(PIPELINE_CONSUMERS)}` },
      )
      .prefault({})
      .meta({
        description: `The order consumers, each with a queue and a dead-letter queue: ${PIPELINE_CONSUMERS.map((c) => `\`${c}\``).join(", ")} (no others: the workflow sends to exactly these).`,
      }),
    workflow: z
      .strictObject(
        {
          logLevel: z
            .enum(WORKFLOW_LOG_LEVELS, {
              error: `is not a log level: expected one of ${list(WORKFLOW_LOG_LEVELS)}`,
            })
            .default(PIPELINE_WORKFLOW_DEFAULTS.logLevel)
            .meta({
              description: "What the order-fulfilment state machine logs: `ALL` events or only `ERROR`s.",
            }),
          includeExecutionData: z
            .boolean({ error: "expected true or false" })
            .default(PIPELINE_WORKFLOW_DEFAULTS.includeExecutionData)
            .meta({
              description:
                "Log each state's input and output (order payloads, personal data). The policy `events-state-machine-logging` refuses it unless its config allows it (`allowExecutionData`).",
            }),
          logRetentionDays: z
            .union(
              LOG_RETENTION_DAYS.map((d) => z.literal(d)),
              {
                error: `is not a CloudWatch Logs retention period: expected one of ${list(LOG_RETENTION_DAYS)}`,
              },
            )
            .default(PIPELINE_WORKFLOW_DEFAULTS.logRetentionDays)
            .meta({ description: "Days the state machine's log group keeps its logs." }),
        },
        { error: "expected an object with logLevel, includeExecutionData, logRetentionDays" },
      )
      .prefault({})
      .meta({ description: "The order-fulfilment state machine's logging." }),
    globalEndpoint: z
      .boolean({ error: "expected true or false" })
      .default(PIPELINE_DEFAULTS.globalEndpoint)
      .meta({
        description:
          "This secondary stack owns the EventBridge global endpoint that fails order events over from the primary's bus to this region's (Route 53 health check of the primary region, event replication both ways). At most one stack of the platform sets it, never the primary.",
      }),
  },
  {
    error:
      "expected an object with optional kubernetesNamespace, archiveRetentionDays, topic, consumers, workflow, globalEndpoint",
  },
);

export type PipelineConfig = z.output<typeof pipelineSchema>;
export type PipelineConsumerConfig = PipelineConfig["consumers"][PipelineConsumer];
