import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { deadLetterTargetOf, lastPart } from "../lib/events";
import { isTrue } from "../lib/values";

const FIFO = ".fifo";
const isFifoQueue = (q: PolicyResource) => isTrue(q.props.fifoQueue);
const isFifoTopic = (t: PolicyResource) => isTrue(t.props.fifoTopic);

/**
 * What SQS and SNS refuse about FIFO queues and topics, before `pulumi up` meets it:
 * - a FIFO queue's or topic's name ends in `.fifo`, and a standard one's does not (SQS API
 *   reference, CreateQueue `QueueName`; SNS API reference, CreateTopic `Name`);
 * - a queue's dead-letter queue is of the same type, FIFO or standard ("The dead-letter queue of a
 *   FIFO queue must also be a FIFO queue"; SQS Developer Guide, "Using dead-letter queues"), and in
 *   the same region;
 * - an SQS FIFO queue is subscribed only to an SNS FIFO topic (SNS Developer Guide, "Message
 *   delivery for FIFO topics": a FIFO topic delivers to FIFO and standard queues, a standard topic
 *   cannot deliver to a FIFO queue).
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const fifoMessaging: StackValidationPolicy = {
  name: "preflight-fifo-messaging",
  description:
    "FIFO queues and topics must be named .fifo, a queue's dead-letter queue must be of its type and region, and a FIFO queue must subscribe to a FIFO topic.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const queues = args.resources.filter((r) => r.isType(aws.sqs.Queue));
    const topics = args.resources.filter((r) => r.isType(aws.sns.Topic));
    for (const [kind, items, isFifo] of [
      ["Queue", queues, isFifoQueue],
      ["Topic", topics, isFifoTopic],
    ] as const) {
      for (const r of items) {
        const name: unknown = r.props.name;
        if (typeof name !== "string") continue;
        if (isFifo(r) !== name.endsWith(FIFO)) {
          reportViolation(
            isFifo(r)
              ? `${kind} "${name}" is FIFO but its name does not end in ".fifo": AWS refuses it; name it "${name}.fifo".`
              : `${kind} "${name}" is standard but its name ends in ".fifo": AWS refuses it; make it FIFO or rename it.`,
            r.urn,
          );
        }
      }
    }
    const regionOf = (r: PolicyResource) => (typeof r.props.region === "string" ? r.props.region : undefined);
    for (const q of queues) {
      const byDependency = (q.propertyDependencies.redrivePolicy ?? []).filter((d) =>
        d.isType(aws.sqs.Queue),
      );
      const target = deadLetterTargetOf(q.props.redrivePolicy);
      const byName = target ? queues.filter((d) => d.props.name === lastPart(target)) : [];
      for (const dlq of new Set([...byDependency, ...byName])) {
        if (isFifoQueue(dlq) !== isFifoQueue(q)) {
          reportViolation(
            `Queue "${String(q.props.name)}" is ${isFifoQueue(q) ? "FIFO" : "standard"} but its dead-letter queue "${String(dlq.props.name)}" is ${isFifoQueue(dlq) ? "FIFO" : "standard"}: a dead-letter queue must be of its source queue's type.`,
            q.urn,
          );
        }
        if (regionOf(q) !== regionOf(dlq)) {
          reportViolation(
            `Queue "${String(q.props.name)}" (${String(regionOf(q))}) has its dead-letter queue "${String(dlq.props.name)}" in ${String(regionOf(dlq))}: a dead-letter queue must be in its source queue's region.`,
            q.urn,
          );
        }
      }
    }
    for (const s of args.resources.filter(
      (r) => r.isType(aws.sns.TopicSubscription) && r.props.protocol === "sqs",
    )) {
      const endpoint = typeof s.props.endpoint === "string" ? lastPart(s.props.endpoint) : undefined;
      const queue =
        (s.propertyDependencies.endpoint ?? []).find((d) => d.isType(aws.sqs.Queue)) ??
        queues.find((q) => endpoint !== undefined && q.props.name === endpoint);
      const topicName = typeof s.props.topic === "string" ? lastPart(s.props.topic) : undefined;
      const topic =
        (s.propertyDependencies.topic ?? []).find((d) => d.isType(aws.sns.Topic)) ??
        topics.find((t) => topicName !== undefined && t.props.name === topicName);
      if (queue && topic && isFifoQueue(queue) && !isFifoTopic(topic)) {
        reportViolation(
          `FIFO queue "${String(queue.props.name)}" is subscribed to standard topic "${String(topic.props.name)}": SNS cannot deliver a standard topic's messages to a FIFO queue; make the topic FIFO or the queue standard.`,
          s.urn,
        );
      }
    }
  },
};
