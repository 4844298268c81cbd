import type { StackValidationPolicy } from "@pulumi/policy";
import { BUCKET, configOf } from "./s3";

/**
 * Every bucket has default server-side encryption configured explicitly.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const s3Encryption: StackValidationPolicy = {
  name: "edge-s3-encryption",
  description: "S3 buckets must configure default server-side encryption.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const b of args.resources.filter((r) => r.type === BUCKET)) {
      const sse = configOf(
        args.resources,
        b,
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      );
      if (sse.length === 0)
        reportViolation(
          `Bucket "${b.name}" configures no default encryption: add a BucketServerSideEncryptionConfiguration.`,
          b.urn,
        );
    }
  },
};
