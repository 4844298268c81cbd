import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyWithoutTls } from "../lib/statements";
import { tagsFor, type Tags } from "../lib/tags";

/** SQS names: up to 80 letters, digits, `-` and `_`, and a FIFO queue's must end in `.fifo` (SQS API reference, CreateQueue `QueueName`). */
export const FIFO_SUFFIX = ".fifo";

/** A queue's name, with the `.fifo` suffix SQS requires of a FIFO queue (and refuses on a standard one). */
export function queueName(base: string, fifo: boolean): string {
  const name = fifo ? `${base}${FIFO_SUFFIX}` : base;
  if (!/^[A-Za-z0-9_-]{1,75}(\.fifo)?$/.test(name) || name.length > 80) {
    throw new Error(
      `queueName: "${name}" is not a valid SQS queue name (1 to 80 of A-Za-z0-9_-, ".fifo" last for FIFO)`,
    );
  }
  return name;
}

/** Arguments of {@link ConsumerQueue}. */
export interface ConsumerQueueArgs {
  readonly region: string;
  /** The queue's name without `.fifo` (its dead-letter queue is `<name>-dlq`). */
  readonly name: string;
  /** A FIFO queue, with a FIFO dead-letter queue (SQS: a FIFO queue's DLQ must be FIFO). @default false */
  readonly fifo?: boolean;
  /** Receives before SQS moves a message to the dead-letter queue (1 to 1,000). */
  readonly maxReceiveCount: number;
  /** @default 30 */
  readonly visibilityTimeoutSeconds?: number;
  /** Seconds the queue keeps a message. */
  readonly messageRetentionSeconds: number;
  /** Seconds the dead-letter queue keeps a message (longer than the queue's). */
  readonly deadLetterRetentionSeconds: number;
  /** The customer-managed key of both queues; its policy must let the sender (`sns.amazonaws.com`) use it. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The only service principal admitted to send, with the only source it may send for (`aws:SourceArn`). */
  readonly sender: { readonly service: string; readonly sourceArn: pulumi.Input<string> };
  /** @default {} */
  readonly tags?: Tags;
}

/**
 * One consumer's queue with its own dead-letter queue: a redrive policy on the queue
 * (`maxReceiveCount`), a redrive-allow policy on the DLQ naming the queue as its only source, both
 * encrypted with a customer-managed key, both refusing requests without TLS, and a queue policy
 * that admits one sender for one source (the fan-out topic, through `aws:SourceArn`).
 */
export class ConsumerQueue extends pulumi.ComponentResource {
  readonly queue: aws.sqs.Queue;
  readonly deadLetterQueue: aws.sqs.Queue;
  readonly queuePolicy: aws.sqs.QueuePolicy;
  readonly arn: pulumi.Output<string>;
  readonly url: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
  readonly deadLetterArn: pulumi.Output<string>;
  readonly deadLetterUrl: pulumi.Output<string>;
  readonly deadLetterName: pulumi.Output<string>;

  constructor(name: string, args: ConsumerQueueArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:events:ConsumerQueue", name, {}, opts);
    const child = { parent: this };
    const { region } = args;
    const fifo = args.fifo ?? false;
    const encryption = { kmsMasterKeyId: args.kmsKeyArn, kmsDataKeyReusePeriodSeconds: 300 };
    const fifoSettings = fifo ? { fifoQueue: true } : {};

    this.deadLetterQueue = new aws.sqs.Queue(
      `${name}-dlq`,
      {
        region,
        name: queueName(`${args.name}-dlq`, fifo),
        messageRetentionSeconds: args.deadLetterRetentionSeconds,
        ...fifoSettings,
        ...encryption,
        tags: tagsFor(args.tags, `${name}-dlq`),
      },
      child,
    );
    this.queue = new aws.sqs.Queue(
      name,
      {
        region,
        name: queueName(args.name, fifo),
        messageRetentionSeconds: args.messageRetentionSeconds,
        visibilityTimeoutSeconds: args.visibilityTimeoutSeconds ?? 30,
        // Long polling: fewer empty receives.
        receiveWaitTimeSeconds: 20,
        ...fifoSettings,
        ...encryption,
        redrivePolicy: pulumi.jsonStringify({
          deadLetterTargetArn: this.deadLetterQueue.arn,
          maxReceiveCount: args.maxReceiveCount,
        }),
        tags: tagsFor(args.tags, name),
      },
      child,
    );
    // The DLQ accepts redrives from this queue only. SQS API reference, `RedriveAllowPolicy`:
    // {"redrivePermission":"byQueue","sourceQueueArns":[...]} (at most 10 source queues).
    new aws.sqs.RedriveAllowPolicy(
      `${name}-dlq`,
      {
        region,
        queueUrl: this.deadLetterQueue.url,
        redriveAllowPolicy: pulumi.jsonStringify({
          redrivePermission: "byQueue",
          sourceQueueArns: [this.queue.arn],
        }),
      },
      child,
    );
    this.queuePolicy = new aws.sqs.QueuePolicy(
      name,
      {
        region,
        queueUrl: this.queue.url,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            denyWithoutTls("sqs:*", this.queue.arn),
            {
              // SNS Developer Guide, "Fanout to Amazon SQS queues": the queue policy admits the
              // topic's service principal for sqs:SendMessage with aws:SourceArn = the topic.
              Sid: "OnlyTheSenderSends",
              Effect: "Allow",
              Principal: { Service: args.sender.service },
              Action: "sqs:SendMessage",
              Resource: this.queue.arn,
              Condition: { ArnEquals: { "aws:SourceArn": args.sender.sourceArn } },
            },
          ],
        }),
      },
      child,
    );
    new aws.sqs.QueuePolicy(
      `${name}-dlq`,
      {
        region,
        queueUrl: this.deadLetterQueue.url,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [denyWithoutTls("sqs:*", this.deadLetterQueue.arn)],
        }),
      },
      child,
    );
    this.arn = this.queue.arn;
    this.url = this.queue.url;
    this.name = this.queue.name;
    this.deadLetterArn = this.deadLetterQueue.arn;
    this.deadLetterUrl = this.deadLetterQueue.url;
    this.deadLetterName = this.deadLetterQueue.name;
    this.registerOutputs({ arn: this.arn, url: this.url, deadLetterArn: this.deadLetterArn });
  }
}
