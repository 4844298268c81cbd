/** Finds the resources configuring a bucket, through their `bucket` input's dependency. */
import type { PolicyResource } from "@pulumi/policy";

export function configOf(
  resources: PolicyResource[],
  bucket: PolicyResource,
  type: string,
): PolicyResource[] {
  return resources.filter(
    (r) => r.type === type && (r.propertyDependencies.bucket ?? []).some((d) => d.urn === bucket.urn),
  );
}
export const BUCKET = "aws:s3/bucket:Bucket";
/**
 * Every S3 bucket type of @pulumi/aws 7: `Bucket`, and the deprecated `BucketV2` (same schema;
 * node_modules/@pulumi/aws/s3/bucket.js and bucketV2.js `__pulumiType`).
 */
export const BUCKET_TYPES: readonly string[] = [BUCKET, "aws:s3/bucketV2:BucketV2"];

/**
 * Whether a bucket configuration resource (lifecycle, policy, ...) is the bucket's: its `bucket`
 * input depends on the bucket, or its value is the bucket's name or id written out (a name typed
 * in, an imported bucket). An S3 bucket's id is its name (terraform-provider-aws, S3 bucket create: "Assign the bucket name as
 * the resource ID"; `pulumi import aws:s3/bucket:Bucket example bucket-name`).
 */
export function configures(config: PolicyResource, bucket: PolicyResource): boolean {
  if ((config.propertyDependencies.bucket ?? []).some((d) => d.urn === bucket.urn)) return true;
  const value: unknown = config.props.bucket;
  return (
    typeof value === "string" && value !== "" && (value === bucket.props.bucket || value === bucket.props.id)
  );
}
