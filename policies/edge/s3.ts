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
