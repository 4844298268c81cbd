import * as aws from "@pulumi/aws";
import type { StackValidationPolicy } from "@pulumi/policy";
import { deadLetterQueues } from "../lib/events";
import { isKarpenterRelease } from "../lib/eks";
import { asObject } from "../lib/values";

/**
 * Every SQS queue that is not itself a dead-letter queue has a redrive policy (inline, or an
 * `aws.sqs.RedrivePolicy` for it): a message that keeps failing moves aside after
 * `maxReceiveCount` receives instead of blocking or cycling until it expires. A queue is a
 * dead-letter queue when a redrive policy, an EventBridge target's or bus's dead-letter config or
 * an SNS subscription's redrive policy points at it. Karpenter's interruption queue is exempt: its
 * messages are interruption notices that expire after 5 minutes, and AWS's reference deploys it
 * without one.
 *
 * Catalogue counterparts (policies/catalog.ts): cdk-nag SQS3.
 */
export const sqsRedrive: StackValidationPolicy = {
  name: "events-sqs-redrive",
  description: "SQS queues that are not dead-letter queues must have a redrive policy.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const dlqs = deadLetterQueues(args.resources);
    const karpenterQueues = new Set(
      args.resources
        .filter(isKarpenterRelease)
        .map((r) => asObject(asObject(r.props.values).settings).interruptionQueue)
        .filter((q): q is string => typeof q === "string"),
    );
    const separatePolicies = args.resources.filter((r) => r.isType(aws.sqs.RedrivePolicy));
    for (const q of args.resources.filter((r) => r.isType(aws.sqs.Queue))) {
      if (dlqs.has(q) || karpenterQueues.has(q.props.name as string)) continue;
      const inline =
        q.props.redrivePolicy !== undefined || (q.propertyDependencies.redrivePolicy ?? []).length > 0;
      const separate = separatePolicies.some((p) =>
        (p.propertyDependencies.queueUrl ?? []).some((d) => d.urn === q.urn),
      );
      if (!inline && !separate) {
        reportViolation(
          `Queue ${String(q.props.name ?? q.name)} has no redrive policy and is no dead-letter queue: give it a dead-letter queue (redrivePolicy with deadLetterTargetArn and maxReceiveCount).`,
          q.urn,
        );
      }
    }
  },
};
