import { bucketOfDomain, cloudfrontLoggingAcls } from "../../../policies/preflight/cloudfront-logging-acls";
import type { PlanResource } from "../../../src/plan/types";
import { check, res, urnOf } from "../../helpers/policy";

const BUCKET = "aws:s3/bucket:Bucket";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";

const bucket = res(BUCKET, "prod-use1-cdn-logs", {});
const controls = (objectOwnership: string) =>
  res(
    OWNERSHIP,
    "prod-use1-cdn-logs",
    { bucket: "prod-use1-cdn-logs-1a2b3c4", rule: { objectOwnership } },
    { propertyDependencies: { bucket: [bucket.urn] } },
  );
/** A distribution logging to the bucket (an input dependency on it), with explicit dependsOn. */
const distribution = (dependsOn: string[]): PlanResource => {
  const d = res(
    DISTRIBUTION,
    "prod-edge",
    { loggingConfig: { bucket: "prod-use1-cdn-logs-1a2b3c4.s3.amazonaws.com", prefix: "cloudfront/" } },
    { propertyDependencies: { loggingConfig: [bucket.urn] } },
  );
  return { ...d, options: { ...d.options, dependsOn: [...d.options.dependsOn, ...dependsOn] } };
};

describe("preflight-cloudfront-logging-acls", () => {
  test("compliant: the distribution waits for BucketOwnerPreferred (or ObjectWriter) on its log bucket; no logging, nothing to wait for", async () => {
    for (const ownership of ["BucketOwnerPreferred", "ObjectWriter"]) {
      const oc = controls(ownership);
      expect(await check(cloudfrontLoggingAcls, [bucket, oc, distribution([oc.urn])])).toEqual([]);
    }
    expect(await check(cloudfrontLoggingAcls, [res(DISTRIBUTION, "quiet", {})])).toEqual([]);
  });

  test("non-compliant: created alongside the controls (no dependency), ACLs disabled, no controls at all", async () => {
    const oc = controls("BucketOwnerPreferred");
    const enforced = controls("BucketOwnerEnforced");
    const messages = async (rs: PlanResource[]) =>
      (await check(cloudfrontLoggingAcls, rs)).map((v) => [v.urn, v.message]);
    expect(await messages([bucket, oc, distribution([])])).toEqual([
      [
        urnOf(DISTRIBUTION, "prod-edge"),
        'Distribution "prod-edge" logs to prod-use1-cdn-logs-1a2b3c4.s3.amazonaws.com but does not depend on "prod-use1-cdn-logs", which enables that bucket\'s ACLs: add it to the distribution\'s dependsOn, or CloudFront may be created first and refuse the bucket ("The S3 bucket that you specified for CloudFront logs does not enable ACL access").',
      ],
    ]);
    expect(await messages([bucket, enforced, distribution([enforced.urn])])).toEqual([
      [
        urnOf(DISTRIBUTION, "prod-edge"),
        'Distribution "prod-edge" logs to prod-use1-cdn-logs-1a2b3c4.s3.amazonaws.com, but this stack has no BucketOwnershipControls with ObjectWriter or BucketOwnerPreferred for that bucket (prod-use1-cdn-logs sets BucketOwnerEnforced): CloudFront refuses a log bucket without ACLs ("The S3 bucket that you specified for CloudFront logs does not enable ACL access"); enable them and make the distribution depend on that setting.',
      ],
    ]);
    expect((await messages([bucket, distribution([])])).length).toBe(1);
    // At a real preview of a new bucket its domain name is unknown: the dependency still links them.
    const unknown = distribution([]);
    unknown.inputs = { loggingConfig: { prefix: "cloudfront/" } };
    expect(await messages([bucket, oc, unknown])).toEqual([
      [
        urnOf(DISTRIBUTION, "prod-edge"),
        'Distribution "prod-edge" logs to its log bucket but does not depend on "prod-use1-cdn-logs", which enables that bucket\'s ACLs: add it to the distribution\'s dependsOn, or CloudFront may be created first and refuse the bucket ("The S3 bucket that you specified for CloudFront logs does not enable ACL access").',
      ],
    ]);
    const waiting = distribution([oc.urn]);
    waiting.inputs = { loggingConfig: { prefix: "cloudfront/" } };
    expect(await messages([bucket, oc, waiting])).toEqual([]);
  });

  test("reads the bucket name from global and regional domain names", () => {
    expect(bucketOfDomain("logs-1.s3.amazonaws.com")).toBe("logs-1");
    expect(bucketOfDomain("logs-1.s3.eu-west-1.amazonaws.com")).toBe("logs-1");
  });
});
