import { s3BlockPublicAccess } from "../../../policies/edge/s3-block-public-access";
import { s3Encryption } from "../../../policies/edge/s3-encryption";
import { s3TlsOnly } from "../../../policies/edge/s3-tls-only";
import { wafLogging } from "../../../policies/edge/waf-logging";
import { wafRules } from "../../../policies/edge/waf-rules";
import { cloudfrontUsEast1 } from "../../../policies/preflight/cloudfront-us-east-1";
import { check, res, urnOf } from "../../helpers/policy";

const ACL = "aws:wafv2/webAcl:WebAcl";
const rate = { name: "rate", statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } } };
const common = {
  name: "common",
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } },
};
const acl = (rules: unknown[], o: Record<string, unknown> = {}) =>
  res(ACL, "acl", { scope: "CLOUDFRONT", region: "us-east-1", rules, ...o });
const msgs = async (policy: Parameters<typeof check>[0], r: ReturnType<typeof res>[], region = "us-east-1") =>
  (await check(policy, r, region)).map((v) => v.message);

describe("edge-waf-rules", () => {
  test("compliant: a rate rule and the common rule set", async () => {
    expect(await msgs(wafRules, [acl([rate, common])])).toEqual([]);
  });
  test("non-compliant: neither", async () => {
    expect(await msgs(wafRules, [acl([])])).toEqual([
      "Web ACL has no rate-based rule: add one that blocks a client IP above a request rate.",
      "Web ACL lacks AWSManagedRulesCommonRuleSet: add the AWS managed common rule group.",
    ]);
  });
  const origin = {
    scope: "REGIONAL",
    region: "eu-west-1",
    tags: { "platform:exposure": "cloudfront-origin" },
  };
  test("compliant: a REGIONAL ACL on a CloudFront origin needs no rate rule (it sees only edge IPs)", async () => {
    expect(await msgs(wafRules, [acl([common], origin)])).toEqual([]);
  });
  test("non-compliant: the exemption is for REGIONAL ACLs only, and never for the common rule set", async () => {
    expect(await msgs(wafRules, [acl([common], { ...origin, scope: "CLOUDFRONT" })])).toEqual([
      "Web ACL has no rate-based rule: add one that blocks a client IP above a request rate.",
    ]);
    expect(await msgs(wafRules, [acl([], origin)])).toEqual([
      "Web ACL lacks AWSManagedRulesCommonRuleSet: add the AWS managed common rule group.",
    ]);
    expect(await msgs(wafRules, [acl([common], { ...origin, tags: {} })])).toHaveLength(1);
  });
});

describe("edge-waf-logging", () => {
  const a = acl([rate, common]);
  test("compliant: a logging configuration for the ACL", async () => {
    const logging = res(
      "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
      "l",
      { resourceArn: "arn" },
      { propertyDependencies: { resourceArn: [a.urn] } },
    );
    expect(await msgs(wafLogging, [a, logging])).toEqual([]);
  });
  test("non-compliant: an ACL that does not log", async () => {
    expect((await check(wafLogging, [a])).map((v) => [v.urn, v.message])).toEqual([
      [urnOf(ACL, "acl"), 'Web ACL "acl" does not log: add an aws.wafv2.WebAclLoggingConfiguration for it.'],
    ]);
  });
});

describe("preflight-cloudfront-us-east-1 (web ACLs)", () => {
  test("compliant: CLOUDFRONT scope in us-east-1 through the region input, REGIONAL anywhere", async () => {
    expect(
      await msgs(cloudfrontUsEast1, [acl([]), res(ACL, "regional", { scope: "REGIONAL" })], "eu-west-1"),
    ).toEqual([]);
  });
  test("non-compliant: CLOUDFRONT scope created in the stack's own eu-west-1", async () => {
    expect(await msgs(cloudfrontUsEast1, [acl([], { region: undefined })], "eu-west-1")).toEqual([
      'CLOUDFRONT-scope web ACL is in eu-west-1: create it in us-east-1 (region input "us-east-1").',
    ]);
  });
});

describe("edge S3 policies", () => {
  const BUCKET = "aws:s3/bucket:Bucket";
  const bucket = res(BUCKET, "b", {});
  const on = (type: string, name: string, inputs: Record<string, unknown>) =>
    res(type, name, { bucket: "b", ...inputs }, { propertyDependencies: { bucket: [bucket.urn] } });
  const pab = on("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", {
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  const tls = on("aws:s3/bucketPolicy:BucketPolicy", "pol", {
    policy: JSON.stringify({
      Statement: [
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    }),
  });
  const sse = on(
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "sse",
    { rules: [] },
  );

  test("compliant: public access blocked, TLS enforced, encryption configured", async () => {
    for (const p of [s3BlockPublicAccess, s3TlsOnly, s3Encryption])
      expect(await msgs(p, [bucket, pab, tls, sse])).toEqual([]);
  });
  test("non-compliant: one flag off, an allow-only policy, no encryption configuration", async () => {
    const weak = on("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", {
      blockPublicAcls: true,
      blockPublicPolicy: false,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const allow = on("aws:s3/bucketPolicy:BucketPolicy", "pol", {
      policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject" }] }),
    });
    expect(await msgs(s3BlockPublicAccess, [bucket, weak])).toEqual([
      'Bucket "b" does not block public access (blockPublicPolicy off): add a BucketPublicAccessBlock with all four true.',
    ]);
    expect(await msgs(s3TlsOnly, [bucket, allow])).toEqual([
      'Bucket "b" accepts requests without TLS: its policy must deny when aws:SecureTransport is false.',
    ]);
    expect(await msgs(s3Encryption, [bucket])).toEqual([
      'Bucket "b" configures no default encryption: add a BucketServerSideEncryptionConfiguration.',
    ]);
  });
});
