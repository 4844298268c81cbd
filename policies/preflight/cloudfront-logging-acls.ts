import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { asObject } from "../lib/values";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
/** Object ownership settings that leave a bucket's ACLs enabled (S3 user guide, Object Ownership). */
export const ACLS_ENABLED = ["ObjectWriter", "BucketOwnerPreferred"];

const urnsOf = (rs: readonly PolicyResource[] | undefined) => new Set((rs ?? []).map((r) => r.urn));

/** The bucket name in a log bucket's domain name ("name.s3.amazonaws.com", "name.s3.<region>.amazonaws.com"). */
export const bucketOfDomain = (domain: string): string =>
  domain.replace(/\.s3[.-][a-z0-9.-]*amazonaws\.com\.?$/, "");

/**
 * A CloudFront distribution with standard logging depends (`dependsOn` or an input) on the
 * log bucket's `aws.s3.BucketOwnershipControls` that enables ACLs (ObjectWriter or
 * BucketOwnerPreferred). CloudFront's legacy standard logging writes through the bucket's ACL and
 * checks, when the distribution is created or its logging changes, that ACLs are enabled: since
 * April 2023 new buckets have them disabled (BucketOwnerEnforced) until their ownership controls
 * say otherwise, so a distribution created in parallel with those controls fails with
 * `InvalidArgument: The S3 bucket that you specified for CloudFront logs does not enable ACL
 * access` (aws/aws-cdk#25358, aws-samples/baseline-environment-on-aws#363).
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const cloudfrontLoggingAcls: StackValidationPolicy = {
  name: "preflight-cloudfront-logging-acls",
  description:
    "A CloudFront distribution with standard logging must depend on the ownership controls that enable its log bucket's ACLs.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const controls = args.resources.filter((r) => r.type === OWNERSHIP);
    for (const d of args.resources.filter((r) => r.type === DISTRIBUTION)) {
      // The bucket's domain name is unknown at a real preview of a new bucket: link through the
      // input dependencies then, and by name when it is known.
      if (d.props.loggingConfig === undefined || d.props.loggingConfig === null) continue;
      const given: unknown = asObject(d.props.loggingConfig).bucket;
      const bucket = typeof given === "string" && given !== "" ? given : "its log bucket";
      const logBuckets = urnsOf(d.propertyDependencies.loggingConfig);
      const forBucket = controls.filter(
        (c) =>
          [...urnsOf(c.propertyDependencies.bucket)].some((u) => logBuckets.has(u)) ||
          (typeof given === "string" && c.props.bucket === bucketOfDomain(given)),
      );
      const enabling = forBucket.filter((c) =>
        ACLS_ENABLED.includes(String(asObject(c.props.rule).objectOwnership)),
      );
      const deps = new Set([
        ...urnsOf(d.dependencies),
        ...Object.values(d.propertyDependencies).flatMap((rs) => [...urnsOf(rs)]),
      ]);
      if (enabling.some((c) => deps.has(c.urn))) continue;
      reportViolation(
        enabling.length > 0
          ? `Distribution "${d.name}" logs to ${bucket} but does not depend on "${enabling[0].name}", which enables that bucket's ACLs: add it to the distribution's dependsOn, or CloudFront may be created first and refuse the bucket ("The S3 bucket that you specified for CloudFront logs does not enable ACL access").`
          : `Distribution "${d.name}" logs to ${bucket}, but this stack has no BucketOwnershipControls with ${ACLS_ENABLED.join(" or ")} for that bucket${forBucket.length > 0 ? ` (${forBucket[0].name} sets ${String(asObject(forBucket[0].props.rule).objectOwnership)})` : ""}: CloudFront refuses a log bucket without ACLs ("The S3 bucket that you specified for CloudFront logs does not enable ACL access"); enable them and make the distribution depend on that setting.`,
        d.urn,
      );
    }
  },
};
