import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { isAwsManagedKey } from "../lib/events";

/**
 * Every SNS topic is encrypted with a customer-managed KMS key (not the AWS managed
 * `alias/aws/sns` key, whose policy AWS services publishing to the topic cannot be given: SNS
 * Developer Guide, "Enabling compatibility between event sources from AWS services and encrypted
 * topics").
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_26; cdk-nag none.
 */
export const snsEncryptedCmk: ResourceValidationPolicy = {
  name: "events-sns-encrypted-cmk",
  description: "SNS topics must be encrypted with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.sns.Topic, (topic, args, reportViolation) => {
    const key = args.props.kmsMasterKeyId as unknown;
    if (typeof key !== "string" || key === "") {
      reportViolation(
        `Topic ${String(topic.name ?? args.name)} is not encrypted: set kmsMasterKeyId to a customer-managed key of its region.`,
      );
    } else if (isAwsManagedKey(key)) {
      reportViolation(
        `Topic ${String(topic.name ?? args.name)} uses the AWS managed key ${key}: set kmsMasterKeyId to a customer-managed key of its region.`,
      );
    }
  }),
};
