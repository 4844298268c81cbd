import type { StackValidationPolicy } from "@pulumi/policy";
import { coversService, deniesWithoutTls } from "../lib/events";
import { documentsInForce } from "./tls-only";

const QUEUE = "aws:sqs/queue:Queue";
const QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";

/**
 * Every SQS queue's policy denies every SQS action (`sqs:*` or `*`) to everyone when
 * `aws:SecureTransport` is false (SQS Developer Guide, "Amazon SQS security best practices",
 * "Enforce encryption of data in transit"). Judges the policy in force: an `aws.sqs.QueuePolicy`
 * replaces the queue's own `policy` input, so each one attached to the queue must deny; the deny
 * must name every principal, cover every action and the queue, and have no condition but the
 * TLS one.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov none; cdk-nag SQS4.
 */
export const sqsTlsOnly: StackValidationPolicy = {
  name: "events-sqs-tls-only",
  description: "SQS queue policies must deny every action to everyone when aws:SecureTransport is false.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const queue of args.resources.filter((r) => r.type === QUEUE)) {
      const name = typeof queue.props.name === "string" ? queue.props.name : undefined;
      const docs = documentsInForce(args.resources, queue, QUEUE_POLICY, "queueUrl");
      const denies = (doc: unknown) => deniesWithoutTls(doc, (s) => coversService(s, "sqs"), name);
      if (docs.length === 0 || !docs.every(denies)) {
        reportViolation(
          `Queue "${queue.name}" accepts requests without TLS: ${docs.length === 0 ? "it has no queue policy" : "its policy has no statement"} denying sqs:* to every principal when aws:SecureTransport is false (and under no other condition).`,
          queue.urn,
        );
      }
    }
  },
};
