import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { isAwsManagedKey } from "../lib/events";

/**
 * Every SQS queue is encrypted with a customer-managed KMS key: SQS-managed encryption and the AWS
 * managed `alias/aws/sqs` key leave the key policy out of the account's hands, and AWS services
 * that send to a queue (SNS, EventBridge) can only use a customer-managed key (SQS Developer
 * Guide, "Configure KMS permissions for AWS services").
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_27; cdk-nag SQS2.
 */
export const sqsEncryptedCmk: ResourceValidationPolicy = {
  name: "events-sqs-encrypted-cmk",
  description: "SQS queues must be encrypted with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.sqs.Queue, (queue, args, reportViolation) => {
    const key = args.props.kmsMasterKeyId as unknown;
    if (typeof key !== "string" || key === "") {
      reportViolation(
        `Queue ${String(queue.name ?? args.name)} is not encrypted with a customer-managed key${queue.sqsManagedSseEnabled ? " (SQS-managed encryption)" : ""}: set kmsMasterKeyId to a customer-managed key of its region.`,
      );
    } else if (isAwsManagedKey(key)) {
      reportViolation(
        `Queue ${String(queue.name ?? args.name)} uses the AWS managed key ${key}: set kmsMasterKeyId to a customer-managed key of its region.`,
      );
    }
  }),
};
