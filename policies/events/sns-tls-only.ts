import type { StackValidationPolicy } from "@pulumi/policy";
import { coversAction, deniesWithoutTls } from "../lib/events";
import { documentsInForce } from "./tls-only";

const TOPIC = "aws:sns/topic:Topic";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";

/**
 * Every SNS topic's policy denies `sns:Publish` to everyone when `aws:SecureTransport` is false
 * (SNS Developer Guide, "Amazon SNS security best practices", "Enforce encryption of data in
 * transit"). Judges the policy in force: an `aws.sns.TopicPolicy` replaces the topic's own
 * `policy` input, so each one attached to the topic must deny; the deny must name every
 * principal, cover `sns:Publish` and the topic, and have no condition but the TLS one (another
 * condition would let some plain requests through). Encryption at rest does not exempt a topic.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov none; cdk-nag SNS3.
 */
export const snsTlsOnly: StackValidationPolicy = {
  name: "events-sns-tls-only",
  description: "SNS topic policies must deny sns:Publish to everyone when aws:SecureTransport is false.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const topic of args.resources.filter((r) => r.type === TOPIC)) {
      const name = typeof topic.props.name === "string" ? topic.props.name : undefined;
      const docs = documentsInForce(args.resources, topic, TOPIC_POLICY, "arn");
      const denies = (doc: unknown) => deniesWithoutTls(doc, (s) => coversAction(s, "sns:Publish"), name);
      if (docs.length === 0 || !docs.every(denies)) {
        reportViolation(
          `Topic "${topic.name}" accepts publishing without TLS: ${docs.length === 0 ? "it has no topic policy" : "its policy has no statement"} denying sns:Publish to every principal when aws:SecureTransport is false (and under no other condition).`,
          topic.urn,
        );
      }
    }
  },
};
