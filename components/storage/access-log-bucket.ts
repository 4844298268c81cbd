import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { elbLogPrincipal } from "../lib/elb";
import { tagsFor, type Tags } from "../lib/tags";
import { bucketBaseline, denyInsecureTransport } from "./bucket-baseline";

/** Arguments of {@link AccessLogBucket}. */
export interface AccessLogBucketArgs {
  /** The region of the bucket and its configuration (load balancers log only to their own region's buckets). */
  readonly region: string;
  /** The account the load balancers belong to (log keys are under AWSLogs/<account>/). */
  readonly accountId: string;
  /**
   * Who writes the logs: `elb` (ALB access logs: owner-enforced objects, the region's ELB
   * principal) or `cloudfront` (standard logging, which writes through bucket ACLs, so objects
   * stay owner-preferred and ACLs enabled). @default "elb"
   */
  readonly writer?: "elb" | "cloudfront";
  /** Days to keep log objects. @default 365 */
  readonly retentionDays?: number;
  /** Protect the bucket from deletion by Pulumi. @default true */
  readonly protect?: boolean;
  /** Tags for the bucket. @default {} */
  readonly tags?: Tags;
}

/**
 * An S3 bucket for access logs: the platform's bucket baseline (public access blocked, versioning,
 * SSE-S3 encryption, the only server-side encryption ALB log delivery supports),
 * expiry after the retention period, TLS-only access, and write access for the region's ELB
 * log-delivery principal under `AWSLogs/<account>/` only.
 */
export class AccessLogBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly bucketName: pulumi.Output<string>;
  /** The bucket policy; load balancers must depend on it (ELB checks it when logging is enabled). */
  readonly policy: aws.s3.BucketPolicy;
  /**
   * The object ownership setting. With `cloudfront` writers it enables the bucket's ACLs, which
   * CloudFront requires when the distribution is created: the distribution must depend on it.
   */
  readonly ownershipControls: aws.s3.BucketOwnershipControls;

  constructor(name: string, args: AccessLogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:storage:AccessLogBucket", name, {}, opts);
    const child = { parent: this };
    const region = args.region;
    const bucket = new aws.s3.Bucket(
      name,
      { region, forceDestroy: false, tags: tagsFor(args.tags, name) },
      { ...child, protect: args.protect ?? true },
    );
    const writer = args.writer ?? "elb";
    const { ownershipControls } = bucketBaseline(
      name,
      region,
      bucket,
      writer === "elb" ? "BucketOwnerEnforced" : "BucketOwnerPreferred",
      this,
    );
    this.ownershipControls = ownershipControls;
    const days = args.retentionDays ?? 365;
    new aws.s3.BucketLifecycleConfiguration(
      name,
      {
        region,
        bucket: bucket.id,
        rules: [
          {
            id: "expire-logs",
            status: "Enabled",
            filter: {},
            expiration: { days },
            noncurrentVersionExpiration: { noncurrentDays: 30 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
      },
      child,
    );
    this.policy = new aws.s3.BucketPolicy(
      name,
      {
        region,
        bucket: bucket.id,
        policy: bucket.arn.apply((arn) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              denyInsecureTransport(arn),
              ...(writer === "elb"
                ? [
                    {
                      Sid: "ElbLogDelivery",
                      Effect: "Allow",
                      Principal: elbLogPrincipal(args.region),
                      Action: "s3:PutObject",
                      Resource: `${arn}/*/AWSLogs/${args.accountId}/*`,
                    },
                  ]
                : []),
            ],
          }),
        ),
      },
      child,
    );
    this.bucket = bucket;
    this.bucketName = bucket.bucket;
    this.registerOutputs({ bucketName: this.bucketName });
  }
}
