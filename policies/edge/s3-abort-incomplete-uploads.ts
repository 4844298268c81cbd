import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { asArray, asObject, isTrue } from "../lib/values";
import { BUCKET_TYPES, configures } from "./s3";

const LIFECYCLE_TYPES = [
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
];

/**
 * Whether a rule's filter covers the whole bucket: no filter, an empty one, or an empty prefix (S3
 * API reference, LifecycleRule `Filter`; a rule with a prefix, tag, size or `and` filter leaves
 * the other uploads alone). The rule-level `prefix` is the deprecated form of the same.
 */
function wholeBucket(rule: Record<string, unknown>): boolean {
  if (typeof rule.prefix === "string" && rule.prefix !== "") return false;
  const filter = asObject(rule.filter);
  return Object.entries(filter).every(
    ([k, v]) => v === undefined || v === null || (k === "prefix" && v === ""),
  );
}

/** Whether a `BucketLifecycleConfiguration` has an enabled whole-bucket rule aborting incomplete uploads. */
function configAborts(c: PolicyResource): boolean {
  return asArray(c.props.rules).some(
    (r) =>
      r.status === "Enabled" &&
      Number(asObject(r.abortIncompleteMultipartUpload).daysAfterInitiation) > 0 &&
      wholeBucket(r),
  );
}

/** Whether a bucket's own (deprecated) `lifecycleRules` abort incomplete uploads for the whole bucket. */
function inlineAborts(bucket: PolicyResource): boolean {
  return asArray(bucket.props.lifecycleRules).some(
    (r) =>
      isTrue(r.enabled) &&
      Number(r.abortIncompleteMultipartUploadDays) > 0 &&
      (r.prefix === undefined || r.prefix === "") &&
      Object.keys(asObject(r.tags)).length === 0,
  );
}

/**
 * Every bucket's lifecycle aborts incomplete multipart uploads: S3 keeps (and bills) the parts
 * of an upload that never completes until it is aborted, and only a lifecycle rule does that
 * unattended. The rule must be enabled and cover the whole bucket. Buckets of both S3 bucket
 * types (`Bucket`, the deprecated `BucketV2`) are judged; a lifecycle configuration is a bucket's
 * when its `bucket` input depends on the bucket or names it (name or id written out). Reported
 * on the lifecycle configuration that lacks the rule (every one in the stack, its bucket in the
 * stack or not, as checkov judges the configuration itself), or on the bucket when it has none.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_300; cdk-nag none.
 */
export const s3AbortIncompleteUploads: StackValidationPolicy = {
  name: "edge-s3-abort-incomplete-uploads",
  description:
    "Every S3 bucket's lifecycle must abort incomplete multipart uploads, in an enabled rule covering the whole bucket.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const lifecycles = args.resources.filter((r) => LIFECYCLE_TYPES.includes(r.type));
    const judged = new Set<string>();
    const lacking = (c: PolicyResource, bucket: string) =>
      reportViolation(
        `Lifecycle configuration "${c.name}" of bucket "${bucket}" has no enabled rule that covers the whole bucket and aborts incomplete multipart uploads: add abortIncompleteMultipartUpload { daysAfterInitiation } to such a rule.`,
        c.urn,
      );
    for (const b of args.resources.filter((r) => BUCKET_TYPES.includes(r.type))) {
      const configs = lifecycles.filter((c) => configures(c, b));
      if (configs.length === 0) {
        if (!inlineAborts(b))
          reportViolation(
            `Bucket "${b.name}" has no lifecycle configuration, so incomplete multipart uploads are kept forever: add an aws.s3.BucketLifecycleConfiguration with an enabled rule, no filter, and abortIncompleteMultipartUpload { daysAfterInitiation: 7 }.`,
            b.urn,
          );
        continue;
      }
      for (const c of configs) {
        judged.add(c.urn);
        if (!configAborts(c)) lacking(c, b.name);
      }
    }
    // A configuration for a bucket outside the stack (or not found) is judged on its own.
    for (const c of lifecycles.filter((x) => !judged.has(x.urn) && !configAborts(x)))
      lacking(c, String(c.props.bucket));
  },
};
