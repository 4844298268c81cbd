import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isEveryone, jsonOf, requiredConditionKeys, statementsOf } from "../lib/events";

/** Condition keys that tie a request to its source (IAM User Guide, "AWS global condition context keys"). */
export const SOURCE_KEYS = [
  "aws:sourcearn",
  "aws:sourceaccount",
  "aws:sourceowner",
  "aws:sourceorgid",
  "aws:sourceorgpaths",
  "aws:sourcevpc",
  "aws:sourcevpce",
] as const;

/**
 * SQS queue policies and SNS topic policies grant nothing to everyone (`"*"`, `{"AWS": "*"}`)
 * unless the statement requires a source (`aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOwner`,
 * `aws:SourceOrgID`, `aws:SourceOrgPaths`, `aws:SourceVpc`, `aws:SourceVpce`): an open statement
 * makes the queue or topic public. Deny statements may name everyone (TLS enforcement does).
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_168, CKV_AWS_169; cdk-nag none.
 */
export const resourcePolicySource: ResourceValidationPolicy = {
  name: "events-resource-policy-source",
  description: "Queue and topic policies must grant nothing to * without a source condition.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const isPolicy = args.isType(aws.sqs.QueuePolicy) || args.isType(aws.sns.TopicPolicy);
    const isOwner = args.isType(aws.sqs.Queue) || args.isType(aws.sns.Topic);
    if (!isPolicy && !isOwner) return;
    for (const [i, s] of statementsOf(jsonOf(args.props.policy)).entries()) {
      if (s.Effect !== "Allow" || !isEveryone(s.Principal)) continue;
      const keys = requiredConditionKeys(s);
      if (!SOURCE_KEYS.some((k) => keys.has(k))) {
        reportViolation(
          `Statement ${s.Sid ?? `#${i}`} allows everyone (*) with no source condition: require aws:SourceArn or aws:SourceAccount, or name the principals.`,
        );
      }
    }
  },
};
