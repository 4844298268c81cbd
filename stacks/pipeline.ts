/**
 * The region's order pipeline: the order bus and its archive, the fan-out topic with one queue
 * (and dead-letter queue) per consumer, the order-fulfilment workflow and the rules that start
 * it, who may use them (the app tier's role, one Pod Identity role per consumer on EKS), and, on
 * the secondary that owns it, the EventBridge global endpoint. See docs/architecture.md, "Order
 * pipeline".
 */
import * as pulumi from "@pulumi/pulumi";
import {
  busArn,
  CONSUMER_MESSAGE_TYPES,
  ConsumerQueue,
  OrderBus,
  OrderFanout,
  OrderGlobalEndpoint,
  OrderWorkflow,
  OrderWorkloadAccess,
  ORDER_FULFILMENT_TEMPLATE,
  publishedMessageTypes,
  type ConsumerName,
} from "../components/events";
import { EncryptionKey } from "../components/security/encryption-key";
import { DEAD_LETTER_RETENTION_SECONDS, QUEUE_RETENTION_SECONDS } from "../src/config/defaults";
import { PIPELINE_CONSUMERS } from "../src/config/pipeline";
import type { Built, RegionContext } from "./context";
import { edgeOutputSchema, readStackOutput, type Deferred, type PipelineOutput } from "./contract";
import { eksClusterName, type EksHandles } from "./eks";
import type { FoundationHandles } from "./foundation";
import type { TierHandles } from "./tiers";

/**
 * What the pipeline hands later builders (the observability area wires dashboards and alarms to
 * these). Every queue, topic, bus and state machine here lives in this stack's region.
 */
export interface PipelineHandles {
  /** The order bus (`OrderBus`: `.bus`, `.archive`, `.busName`, `.busArn`, `.archiveArn`). */
  readonly bus: OrderBus;
  /** The fan-out topic (`aws.sns.Topic`; CloudWatch `AWS/SNS` dimension `TopicName`). */
  readonly topic: OrderFanout["topic"];
  /**
   * Each consumer's queue, by consumer name (`ConsumerQueue`: `.queue` and `.deadLetterQueue` are
   * `aws.sqs.Queue`s; `.name` and `.deadLetterName` are the `AWS/SQS` `QueueName` dimensions).
   * Any message in a `deadLetterQueue` is a failed order step.
   */
  readonly queues: Readonly<Record<ConsumerName, ConsumerQueue>>;
  /** The order-fulfilment state machine (`aws.sfn.StateMachine`; `AWS/States` dimension `StateMachineArn`). */
  readonly stateMachine: OrderWorkflow["stateMachine"];
  /**
   * Where EventBridge puts OrderPlaced events it could not deliver to the state machine
   * (`aws.sqs.Queue`); any message here is an order whose fulfilment never started.
   */
  readonly eventsDeadLetterQueue: OrderWorkflow["eventsDeadLetterQueue"];
  /** The workflow's log group (`/aws/vendedlogs/states/<name>`). */
  readonly workflowLogGroup: OrderWorkflow["logGroup"];
  /** The global endpoint, on the stack that owns it (it lives in the primary's region). */
  readonly globalEndpoint?: OrderGlobalEndpoint;
}

/** What the pipeline contributes to the stack outputs. */
export interface PipelineOutputs {
  readonly pipeline: Deferred<PipelineOutput>;
}

/** The order bus's name: one per environment, the same in every region (global endpoints pair buses of one name). */
export const orderBusName = (environment: string) => `${environment}-orders`;

/** Consumers whose messages carry a workflow task token (they answer with SendTaskSuccess/Failure). */
export function consumersAnsweringTasks(): Set<ConsumerName> {
  const waiting = new Set(
    publishedMessageTypes(ORDER_FULFILMENT_TEMPLATE)
      .filter((m) => m.waits)
      .map((m) => m.type),
  );
  return new Set(
    (Object.keys(CONSUMER_MESSAGE_TYPES) as ConsumerName[]).filter((c) =>
      CONSUMER_MESSAGE_TYPES[c].some((t) => waiting.has(t)),
    ),
  );
}

/** The region's order pipeline. */
export function buildPipeline(
  ctx: RegionContext,
  {
    logsKey,
    app,
    cluster,
  }: Pick<FoundationHandles, "logsKey"> & Pick<TierHandles, "app"> & Pick<EksHandles, "cluster">,
): Built<PipelineOutputs, PipelineHandles> {
  const { cfg, prefix, region, tags, protect } = ctx;
  const p = cfg.pipeline;
  const busName = orderBusName(cfg.environment);
  const name = `${prefix}-orders`;

  // One key for the topic and every queue: SNS delivers to the queues, EventBridge to its
  // dead-letter queue, so both services may use it (SQS Developer Guide, "Configure KMS
  // permissions for AWS services").
  const key = new EncryptionKey(name, {
    purpose: "Order pipeline topic and queues",
    accountId: cfg.accountId,
    region,
    queueSenders: ["sns.amazonaws.com", "events.amazonaws.com"],
    protect,
    tags,
  });
  const bus = new OrderBus(name, {
    region,
    busName,
    archiveName: name,
    archiveRetentionDays: p.archiveRetentionDays,
    protect,
    tags,
  });
  const fanout = new OrderFanout(name, {
    region,
    name,
    fifo: p.topic.fifo,
    consumers: Object.fromEntries(
      PIPELINE_CONSUMERS.map((c) => [
        c,
        {
          fifo: p.consumers[c].fifo,
          maxReceiveCount: p.consumers[c].maxReceiveCount,
          visibilityTimeoutSeconds: p.consumers[c].visibilityTimeoutSeconds,
        },
      ]),
    ) as Record<ConsumerName, { fifo: boolean; maxReceiveCount: number; visibilityTimeoutSeconds: number }>,
    kmsKeyArn: key.arn,
    messageRetentionSeconds: QUEUE_RETENTION_SECONDS,
    deadLetterRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
    tags,
  });
  const workflow = new OrderWorkflow(`${name}-fulfilment`, {
    region,
    accountId: cfg.accountId,
    name: `${name}-fulfilment`,
    bus: { name: bus.busName, arn: bus.busArn },
    topic: { arn: fanout.topicArn, kmsKeyArn: key.arn },
    queueKmsKeyArn: key.arn,
    deadLetterRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
    logsKmsKeyArn: logsKey.arn,
    logRetentionDays: p.workflow.logRetentionDays,
    logLevel: p.workflow.logLevel,
    includeExecutionData: p.workflow.includeExecutionData,
    tags,
  });

  // Who may do what. Publishers may put events on the order bus of any region (the global
  // endpoint may route them to either; the bus has one name everywhere).
  const publishTo = [`arn:aws:events:*:${cfg.accountId}:event-bus/${busName}`];
  const answering = consumersAnsweringTasks();
  const queueOf = (c: ConsumerName) => ({
    consumer: c,
    arn: fanout.queues[c].arn,
    answersTasks: answering.has(c),
  });
  const common = {
    region,
    busArns: publishTo,
    queueKmsKeyArn: key.arn,
    stateMachineArn: workflow.stateMachineArn,
    tags,
  };
  new OrderWorkloadAccess(`${prefix}-app-orders`, {
    ...common,
    identity: { role: app.fleet.role.name },
    queues: PIPELINE_CONSUMERS.filter((c) => p.consumers[c].runsOn === "app-tier").map(queueOf),
  });
  for (const c of PIPELINE_CONSUMERS.filter((x) => p.consumers[x].runsOn === "eks")) {
    new OrderWorkloadAccess(`${name}-${c}`, {
      ...common,
      identity: {
        podIdentity: {
          accountId: cfg.accountId,
          clusterName: eksClusterName(prefix),
          cluster: cluster.clusterName,
          namespace: p.kubernetesNamespace,
          serviceAccount: p.consumers[c].serviceAccount ?? c,
        },
      },
      queues: [queueOf(c)],
    });
  }

  // The global endpoint joins the primary's bus and this region's: the stack applied later owns it.
  let globalEndpoint: OrderGlobalEndpoint | undefined;
  if (p.globalEndpoint && ctx.primary) {
    const primary = ctx.primary.stack;
    const primaryEdge = pulumi.output(
      readStackOutput(primary.config.stack, primary.ref, "edge", edgeOutputSchema),
    );
    globalEndpoint = new OrderGlobalEndpoint(`${cfg.environment}-orders`, {
      accountId: cfg.accountId,
      name: `${cfg.environment}-orders`,
      busName,
      primaryRegion: primary.config.region,
      secondaryRegion: region,
      healthCheckId: primaryEdge.apply((e) => e.healthCheckId),
      tags,
    });
  }

  const consumerOutputs = Object.fromEntries(
    PIPELINE_CONSUMERS.map((c) => [
      c,
      {
        queueUrl: fanout.queues[c].url,
        queueArn: fanout.queues[c].arn,
        deadLetterQueueUrl: fanout.queues[c].deadLetterUrl,
        deadLetterQueueArn: fanout.queues[c].deadLetterArn,
      },
    ]),
  ) as Deferred<PipelineOutput>["consumers"];
  return {
    outputs: {
      pipeline: {
        busName: bus.busName,
        busArn: bus.busArn,
        archiveArn: bus.archiveArn,
        topicArn: fanout.topicArn,
        consumers: consumerOutputs,
        eventsDeadLetterQueueArn: workflow.eventsDeadLetterQueue.arn,
        stateMachineArn: workflow.stateMachineArn,
        replayRuleArn: workflow.rules.replay.arn,
        ...(globalEndpoint
          ? {
              globalEndpoint: {
                arn: globalEndpoint.endpointArn,
                url: globalEndpoint.endpointUrl,
                primaryBusArn: busArn(ctx.primary!.stack.config.region, cfg.accountId, busName),
                secondaryBusArn: busArn(region, cfg.accountId, busName),
              },
            }
          : {}),
      },
    },
    handles: {
      bus,
      topic: fanout.topic,
      queues: fanout.queues,
      stateMachine: workflow.stateMachine,
      eventsDeadLetterQueue: workflow.eventsDeadLetterQueue,
      workflowLogGroup: workflow.logGroup,
      ...(globalEndpoint ? { globalEndpoint } : {}),
    },
  };
}
