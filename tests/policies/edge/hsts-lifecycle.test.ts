/** edge-cloudfront-hsts and edge-s3-abort-incomplete-uploads. */
import { cloudfrontHsts } from "../../../policies/edge/cloudfront-hsts";
import { s3AbortIncompleteUploads } from "../../../policies/edge/s3-abort-incomplete-uploads";
import { check, res, urnOf } from "../../helpers/policy";

const HEADERS = "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy";
const DIST = "aws:cloudfront/distribution:Distribution";
const BUCKET = "aws:s3/bucket:Bucket";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const msgs = async (policy: Parameters<typeof check>[0], r: Parameters<typeof check>[1]) =>
  (await check(policy, r)).map((v) => [v.urn.split("::").pop(), v.message]);

const sts = (over: Record<string, unknown> = {}) => ({
  securityHeadersConfig: {
    strictTransportSecurity: {
      accessControlMaxAgeSec: 63_072_000,
      includeSubdomains: true,
      preload: true,
      override: true,
      ...over,
    },
  },
});

describe("edge-cloudfront-hsts", () => {
  const headers = res(HEADERS, "security", sts(), { id: "rhp-1" });
  const dist = (behaviors: { def: unknown; ordered?: unknown[] }, deps: string[] = [headers.urn]) =>
    res(
      DIST,
      "cdn",
      {
        defaultCacheBehavior: { targetOriginId: "app", responseHeadersPolicyId: behaviors.def },
        orderedCacheBehaviors: (behaviors.ordered ?? []).map((id, i) => ({
          pathPattern: `/p${i}/*`,
          targetOriginId: "static",
          responseHeadersPolicyId: id,
        })),
      },
      {
        propertyDependencies: {
          defaultCacheBehavior: deps,
          ...(behaviors.ordered ? { orderedCacheBehaviors: deps } : {}),
        },
      },
    );

  test("compliant: a two-year HSTS policy with subdomains, preload and override on every behavior", async () => {
    expect(
      await msgs(cloudfrontHsts, [headers, dist({ def: "rhp-1", ordered: ["rhp-1", "rhp-1"] })]),
    ).toEqual([]);
  });

  test("compliant: a policy whose id is not known is matched through the behavior's dependency on it", async () => {
    const pending = res(HEADERS, "security", sts());
    expect(await msgs(cloudfrontHsts, [pending, dist({ def: "rhp-1", ordered: ["rhp-1"] })])).toEqual([]);
  });

  test("non-compliant: each behavior is judged on its own, an ordered one on a managed policy beside a compliant one", async () => {
    const managed = "67f7725c-6f97-4210-82d7-5512b31e9d03"; // AWS-managed SecurityHeadersPolicy
    expect(
      await msgs(cloudfrontHsts, [headers, dist({ def: "rhp-1", ordered: ["rhp-1", managed] })]),
    ).toEqual([
      [
        "cdn",
        `Distribution "cdn": its cache behavior "/p1/*" uses response headers policy ${managed}, which this stack does not define, so its HSTS cannot be checked: use a response headers policy of the stack.`,
      ],
    ]);
  });

  test("non-compliant: a behavior on the stack's policy that does not enforce HSTS", async () => {
    const weak = res(HEADERS, "weak", sts({ preload: false }), { id: "rhp-weak" });
    const found = await msgs(cloudfrontHsts, [
      headers,
      weak,
      dist({ def: "rhp-1", ordered: ["rhp-weak"] }, [headers.urn, weak.urn]),
    ]);
    expect(found).toEqual([
      [
        "weak",
        'Response headers policy "weak" does not enforce HSTS: preload not true. Set securityHeadersConfig.strictTransportSecurity { accessControlMaxAgeSec: 31536000 or more, includeSubdomains: true, preload: true, override: true }.',
      ],
      [
        "cdn",
        'Distribution "cdn": its cache behavior "/p0/*" uses response headers policy "weak", which does not enforce HSTS: use a response headers policy that does.',
      ],
    ]);
  });

  test("non-compliant: a policy with a short max-age and no preload; one with no HSTS at all", async () => {
    expect(
      await msgs(cloudfrontHsts, [
        res(HEADERS, "short", sts({ accessControlMaxAgeSec: 86_400, preload: false })),
        res(HEADERS, "none", { securityHeadersConfig: { contentTypeOptions: { override: true } } }),
      ]),
    ).toEqual([
      [
        "short",
        'Response headers policy "short" does not enforce HSTS: accessControlMaxAgeSec = 86400 (at least 31536000), preload not true. Set securityHeadersConfig.strictTransportSecurity { accessControlMaxAgeSec: 31536000 or more, includeSubdomains: true, preload: true, override: true }.',
      ],
      [
        "none",
        'Response headers policy "none" does not enforce HSTS: no strictTransportSecurity. Set securityHeadersConfig.strictTransportSecurity { accessControlMaxAgeSec: 31536000 or more, includeSubdomains: true, preload: true, override: true }.',
      ],
    ]);
  });

  test("non-compliant: a behavior without a response headers policy; a policy the stack does not define", async () => {
    expect(await msgs(cloudfrontHsts, [headers, dist({ def: "rhp-1", ordered: [undefined] })])).toEqual([
      [
        "cdn",
        'Distribution "cdn": its cache behavior "/p0/*" has no response headers policy, so its responses carry no HSTS: set responseHeadersPolicyId to a policy that sends Strict-Transport-Security.',
      ],
    ]);
    expect(await msgs(cloudfrontHsts, [dist({ def: "67f7725c-managed" }, [])])).toEqual([
      [
        "cdn",
        'Distribution "cdn": its default cache behavior uses response headers policy 67f7725c-managed, which this stack does not define, so its HSTS cannot be checked: use a response headers policy of the stack.',
      ],
    ]);
  });
});

const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";

describe("edge-s3-abort-incomplete-uploads", () => {
  const bucket = (name: string, inputs: Record<string, unknown> = {}) => res(BUCKET, name, inputs);
  const lifecycle = (name: string, rules: unknown[]) =>
    res(
      LIFECYCLE,
      name,
      { bucket: name, rules },
      { propertyDependencies: { bucket: [urnOf(BUCKET, name)] } },
    );
  const abort = { status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } };

  test("compliant: an enabled rule with no filter, an empty one or an empty prefix; the bucket's own lifecycleRules", async () => {
    expect(
      await msgs(s3AbortIncompleteUploads, [
        bucket("logs"),
        lifecycle("logs", [
          { id: "expire", status: "Enabled", expiration: { days: 365 } },
          { ...abort, filter: {} },
        ]),
        bucket("static"),
        lifecycle("static", [abort]),
        bucket("prefix"),
        lifecycle("prefix", [{ ...abort, filter: { prefix: "" } }]),
        bucket("inline", { lifecycleRules: [{ enabled: true, abortIncompleteMultipartUploadDays: 3 }] }),
      ]),
    ).toEqual([]);
  });

  // A configuration whose `bucket` is the bucket's name or id written out: no dependency on it.
  const byValue = (name: string, bucket: string, rules: unknown[]) => res(LIFECYCLE, name, { bucket, rules });

  test("compliant: BucketV2 buckets; a configuration naming its bucket by name or by id", async () => {
    expect(
      await msgs(s3AbortIncompleteUploads, [
        res(BUCKET_V2, "v2", {}),
        res(
          LIFECYCLE,
          "v2",
          { bucket: "v2", rules: [abort] },
          { propertyDependencies: { bucket: [urnOf(BUCKET_V2, "v2")] } },
        ),
        bucket("named", { bucket: "acme-named" }),
        byValue("named-lc", "acme-named", [abort]),
        res(BUCKET, "imported", {}, { id: "acme-imported" }),
        byValue("imported-lc", "acme-imported", [abort]),
        res(BUCKET_V2, "v2-inline", {
          lifecycleRules: [{ enabled: true, abortIncompleteMultipartUploadDays: 7 }],
        }),
      ]),
    ).toEqual([]);
  });

  test("non-compliant: a BucketV2 without lifecycle; configurations found by value that do not abort; one for a bucket outside the stack", async () => {
    expect(
      await msgs(s3AbortIncompleteUploads, [
        res(BUCKET_V2, "bare-v2", {}),
        bucket("named", { bucket: "acme-named" }),
        byValue("named-lc", "acme-named", [{ ...abort, status: "Disabled" }]),
        res(BUCKET, "imported", {}, { id: "acme-imported" }),
        byValue("imported-lc", "acme-imported", [{ ...abort, filter: { prefix: "tmp/" } }]),
        byValue("elsewhere-lc", "acme-elsewhere", [
          { status: "Enabled", filter: {}, expiration: { days: 30 } },
        ]),
        byValue("elsewhere-ok", "acme-elsewhere-2", [abort]),
      ]),
    ).toEqual([
      [
        "bare-v2",
        'Bucket "bare-v2" has no lifecycle configuration, so incomplete multipart uploads are kept forever: add an aws.s3.BucketLifecycleConfiguration with an enabled rule, no filter, and abortIncompleteMultipartUpload { daysAfterInitiation: 7 }.',
      ],
      ...[
        ["named-lc", "named"],
        ["imported-lc", "imported"],
        ["elsewhere-lc", "acme-elsewhere"],
      ].map(([c, b]) => [
        c,
        `Lifecycle configuration "${c}" of bucket "${b}" has no enabled rule that covers the whole bucket and aborts incomplete multipart uploads: add abortIncompleteMultipartUpload { daysAfterInitiation } to such a rule.`,
      ]),
    ]);
  });

  test("non-compliant: no lifecycle; a disabled rule; a rule for one prefix only; no abort at all", async () => {
    expect(
      await msgs(s3AbortIncompleteUploads, [
        bucket("bare"),
        bucket("disabled"),
        lifecycle("disabled", [{ ...abort, status: "Disabled" }]),
        bucket("scoped"),
        lifecycle("scoped", [{ ...abort, filter: { prefix: "uploads/" } }]),
        bucket("expire-only"),
        lifecycle("expire-only", [{ status: "Enabled", filter: {}, expiration: { days: 30 } }]),
      ]),
    ).toEqual([
      [
        "bare",
        'Bucket "bare" has no lifecycle configuration, so incomplete multipart uploads are kept forever: add an aws.s3.BucketLifecycleConfiguration with an enabled rule, no filter, and abortIncompleteMultipartUpload { daysAfterInitiation: 7 }.',
      ],
      ...["disabled", "scoped", "expire-only"].map((n) => [
        n,
        `Lifecycle configuration "${n}" of bucket "${n}" has no enabled rule that covers the whole bucket and aborts incomplete multipart uploads: add abortIncompleteMultipartUpload { daysAfterInitiation } to such a rule.`,
      ]),
    ]);
  });
});
