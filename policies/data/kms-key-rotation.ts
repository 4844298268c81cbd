import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Every symmetric encryption KMS key rotates its key material (`enableKeyRotation`). KMS rotates
 * only symmetric encryption keys; asymmetric, HMAC and imported-material keys cannot (KMS
 * Developer Guide, "Rotate AWS KMS keys"), so those are not judged.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_7; cdk-nag KMS5.
 */
export const kmsKeyRotation: ResourceValidationPolicy = {
  name: "data-kms-key-rotation",
  description: "Symmetric encryption KMS keys must enable automatic key rotation.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.kms.Key, (key, _args, reportViolation) => {
    const spec = key.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    const usage = key.keyUsage ?? "ENCRYPT_DECRYPT";
    if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT") return;
    if (key.enableKeyRotation !== true) {
      reportViolation("The key does not rotate its key material: set enableKeyRotation = true.");
    }
  }),
};
