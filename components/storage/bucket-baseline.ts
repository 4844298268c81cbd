import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { denyWithoutTls } from "../lib/statements";

/**
 * The baseline every bucket of the platform gets: all four public-access blocks, versioning,
 * default SSE-S3 encryption, and the given object ownership. Returns the ownership controls:
 * whatever needs the bucket's ACLs enabled (CloudFront standard logging) must wait for them; and
 * the versioning, which a lifecycle rule acting on noncurrent versions should follow.
 */
export function bucketBaseline(
  name: string,
  region: string,
  bucket: aws.s3.Bucket,
  objectOwnership: "BucketOwnerEnforced" | "BucketOwnerPreferred",
  parent: pulumi.Resource,
): {
  readonly ownershipControls: aws.s3.BucketOwnershipControls;
  readonly versioning: aws.s3.BucketVersioning;
} {
  const child = { parent };
  new aws.s3.BucketPublicAccessBlock(
    name,
    {
      region,
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    child,
  );
  const ownershipControls = new aws.s3.BucketOwnershipControls(
    name,
    { region, bucket: bucket.id, rule: { objectOwnership } },
    child,
  );
  const versioning = new aws.s3.BucketVersioning(
    name,
    { region, bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
    child,
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    name,
    {
      region,
      bucket: bucket.id,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    },
    child,
  );
  return { ownershipControls, versioning };
}

/** The bucket-policy statement that refuses every request made without TLS. */
export function denyInsecureTransport(bucketArn: string): Record<string, unknown> {
  return denyWithoutTls("s3:*", [bucketArn, `${bucketArn}/*`]);
}
