import type { StackValidationPolicy } from "@pulumi/policy";
import { BUCKET, configOf } from "./s3";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

/**
 * Every bucket blocks public access with all four settings.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_53, CKV_AWS_54, CKV_AWS_55,
 * CKV_AWS_56; cdk-nag S2.
 */
export const s3BlockPublicAccess: StackValidationPolicy = {
  name: "edge-s3-block-public-access",
  description: "S3 buckets must have a public access block with all four settings on.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const b of args.resources.filter((r) => r.type === BUCKET)) {
      const blocks = configOf(args.resources, b, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
      const off = FLAGS.filter((f) => !blocks.some((x) => x.props[f] === true));
      if (off.length > 0)
        reportViolation(
          `Bucket "${b.name}" does not block public access (${off.join(", ")} off): add a BucketPublicAccessBlock with all four true.`,
          b.urn,
        );
    }
  },
};
