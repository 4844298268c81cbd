import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";
import { ConsumerQueue, FIFO_SUFFIX } from "./consumer-queue";
import { denyWithoutTls } from "../lib/statements";

/**
 * The message types each consumer receives: the `type` message attribute of what the
 * order-fulfilment workflow publishes (order-fulfilment.asl.json), which each consumer's
 * subscription filters on. A test checks that every type the workflow publishes reaches exactly
 * one consumer, and that every consumer's types are published.
 */
export const CONSUMER_MESSAGE_TYPES = {
  inventory: ["InventoryReservationRequested", "InventoryReleaseRequested"],
  payment: ["PaymentAuthorizationRequested", "PaymentReleaseRequested"],
  shipping: ["ShipmentRequested"],
  notifications: ["CustomerNotificationRequested"],
} as const satisfies Record<string, readonly string[]>;
export type ConsumerName = keyof typeof CONSUMER_MESSAGE_TYPES;

/** One consumer's queue settings. */
export interface FanoutConsumer {
  /** A FIFO queue (needs a FIFO topic: SNS refuses to subscribe a FIFO queue to a standard topic). */
  readonly fifo: boolean;
  readonly maxReceiveCount: number;
  readonly visibilityTimeoutSeconds: number;
}

/** Arguments of {@link OrderFanout}. */
export interface OrderFanoutArgs {
  readonly region: string;
  /** Names: the topic `<name>` (`.fifo` added on a FIFO topic), the queues `<name>-<consumer>`. */
  readonly name: string;
  /** A FIFO topic, with content-based deduplication. @default false */
  readonly fifo?: boolean;
  /** Every consumer, by name. */
  readonly consumers: Readonly<Record<ConsumerName, FanoutConsumer>>;
  /** The customer-managed key of the topic and the queues; its policy must let `sns.amazonaws.com` use it. */
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly messageRetentionSeconds: number;
  readonly deadLetterRetentionSeconds: number;
  /** @default {} */
  readonly tags?: Tags;
}

/**
 * The SNS topic that fans the order workflow's requests out to one SQS queue per consumer: each
 * queue subscribed with raw message delivery and a filter policy on the `type` message attribute,
 * each with its own dead-letter queue. The topic is encrypted with the customer-managed key and
 * its policy refuses publishing without TLS.
 */
export class OrderFanout extends pulumi.ComponentResource {
  readonly topic: aws.sns.Topic;
  readonly topicArn: pulumi.Output<string>;
  readonly queues: Readonly<Record<ConsumerName, ConsumerQueue>>;
  readonly subscriptions: Readonly<Record<ConsumerName, aws.sns.TopicSubscription>>;

  constructor(name: string, args: OrderFanoutArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:events:OrderFanout", name, {}, opts);
    const child = { parent: this };
    const { region } = args;
    const fifo = args.fifo ?? false;
    for (const [consumer, c] of Object.entries(args.consumers)) {
      if (c.fifo && !fifo) {
        throw new Error(
          `OrderFanout ${name}: consumer "${consumer}" has a FIFO queue but the topic is standard: an SNS standard topic cannot deliver to an SQS FIFO queue`,
        );
      }
    }
    this.topic = new aws.sns.Topic(
      name,
      {
        region,
        // SNS API reference, CreateTopic: a FIFO topic's name ends in ".fifo".
        name: fifo ? `${args.name}${FIFO_SUFFIX}` : args.name,
        ...(fifo ? { fifoTopic: true, contentBasedDeduplication: true } : {}),
        kmsMasterKeyId: args.kmsKeyArn,
        tags: tagsFor(args.tags, name),
      },
      child,
    );
    this.topicArn = this.topic.arn;
    new aws.sns.TopicPolicy(
      name,
      {
        region,
        arn: this.topic.arn,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            // cdk-nag AwsSolutions-SNS3: publishers must use TLS.
            denyWithoutTls("sns:Publish", this.topic.arn),
          ],
        }),
      },
      child,
    );
    const queues: Partial<Record<ConsumerName, ConsumerQueue>> = {};
    const subscriptions: Partial<Record<ConsumerName, aws.sns.TopicSubscription>> = {};
    for (const consumer of Object.keys(CONSUMER_MESSAGE_TYPES) as ConsumerName[]) {
      const c = args.consumers[consumer];
      const queue = new ConsumerQueue(
        `${name}-${consumer}`,
        {
          region,
          name: `${args.name}-${consumer}`,
          fifo: c.fifo,
          maxReceiveCount: c.maxReceiveCount,
          visibilityTimeoutSeconds: c.visibilityTimeoutSeconds,
          messageRetentionSeconds: args.messageRetentionSeconds,
          deadLetterRetentionSeconds: args.deadLetterRetentionSeconds,
          kmsKeyArn: args.kmsKeyArn,
          sender: { service: "sns.amazonaws.com", sourceArn: this.topic.arn },
          tags: args.tags,
        },
        child,
      );
      queues[consumer] = queue;
      subscriptions[consumer] = new aws.sns.TopicSubscription(
        `${name}-${consumer}`,
        {
          region,
          topic: this.topic.arn,
          protocol: "sqs",
          endpoint: queue.arn,
          // The message arrives as published (its body, its attributes as SQS message attributes).
          rawMessageDelivery: true,
          filterPolicyScope: "MessageAttributes",
          filterPolicy: JSON.stringify({ type: [...CONSUMER_MESSAGE_TYPES[consumer]] }),
        },
        // SNS confirms an SQS subscription itself, but delivery needs the queue policy first.
        { ...child, dependsOn: [queue.queuePolicy] },
      );
    }
    this.queues = queues as Record<ConsumerName, ConsumerQueue>;
    this.subscriptions = subscriptions as Record<ConsumerName, aws.sns.TopicSubscription>;
    this.registerOutputs({ topicArn: this.topicArn });
  }
}
