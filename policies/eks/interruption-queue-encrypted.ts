import * as aws from "@pulumi/aws";
import type { StackValidationPolicy } from "@pulumi/policy";
import { isKarpenterRelease } from "../lib/eks";
import { asObject, isTrue } from "../lib/values";

/**
 * The SQS queue a Karpenter release reads interruption events from (`settings.interruptionQueue`)
 * is encrypted at rest: with a KMS key (whose policy lets EventBridge use it), or SQS-managed.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_27; cdk-nag SQS2.
 */
export const eksInterruptionQueueEncrypted: StackValidationPolicy = {
  name: "eks-interruption-queue-encrypted",
  description: "Karpenter's SQS interruption queue must be encrypted (kmsMasterKeyId, or SQS-managed SSE).",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const names = new Set(
      args.resources
        .filter(isKarpenterRelease)
        .map((r) => asObject(asObject(r.props.values).settings).interruptionQueue)
        .filter((q): q is string => typeof q === "string"),
    );
    for (const q of args.resources.filter(
      (r) => r.isType(aws.sqs.Queue) && names.has(r.props.name as string),
    )) {
      if (typeof q.props.kmsMasterKeyId !== "string" && !isTrue(q.props.sqsManagedSseEnabled)) {
        reportViolation(
          `Karpenter's interruption queue "${String(q.props.name)}" is not encrypted: set kmsMasterKeyId (a key EventBridge may use) or sqsManagedSseEnabled.`,
          q.urn,
        );
      }
    }
  },
};
