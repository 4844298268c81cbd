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
      'Web ACL "acl" has no rate-based rule: add one that blocks a client IP above a request rate (only a REGIONAL ACL whose load balancers admit nothing but AWS-managed prefix lists, such as CloudFront\'s origin-facing servers, may go without; here it is not REGIONAL).',
      'Web ACL "acl" lacks AWSManagedRulesCommonRuleSet: add the AWS managed common rule group.',
    ]);
  });

  // The web tier's shape: a REGIONAL ACL associated with a load balancer whose groups admit the
  // CloudFront origin-facing list (443, 80) and Route 53's health checkers, nothing else.
  const SG = "aws:ec2/securityGroup:SecurityGroup";
  const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
  const LB = "aws:lb/loadBalancer:LoadBalancer";
  const regional = acl([common], { scope: "REGIONAL", region: "eu-west-1" });
  const groups = ["https", "http", "health"].map((n) => res(SG, `web-alb-${n}`, { description: n }));
  const ingress = (name: string, sg: (typeof groups)[number], source: Record<string, unknown>, deps = {}) =>
    res(
      RULE,
      name,
      { ipProtocol: "tcp", fromPort: 443, toPort: 443, ...source },
      {
        propertyDependencies: { securityGroupId: [sg.urn], ...deps },
      },
    );
  const rules = [
    ingress("web-alb-in-443-cloudfront", groups[0], { prefixListId: "pl-4fa04526" }),
    ingress("web-alb-in-80-cloudfront", groups[1], { prefixListId: "pl-4fa04526" }),
    ingress("web-alb-in-443-route53", groups[2], { prefixListId: "pl-0f1e2d3c4b5a69788" }),
  ];
  const lb = (sgs = groups, declared = sgs.length) =>
    res(
      LB,
      "web-alb",
      {
        loadBalancerType: "application",
        securityGroups: Array.from({ length: declared }, (_, i) => `sg-${i}`),
      },
      { propertyDependencies: { securityGroups: sgs.map((g) => g.urn) } },
    );
  const association = (target = lb()) =>
    res(
      "aws:wafv2/webAclAssociation:WebAclAssociation",
      "web-waf",
      {
        resourceArn: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1",
        webAclArn: "arn",
      },
      { propertyDependencies: { resourceArn: [target.urn], webAclArn: [regional.urn] } },
    );
  const why = (reason: string) =>
    `Web ACL "acl" has no rate-based rule: add one that blocks a client IP above a request rate (only a REGIONAL ACL whose load balancers admit nothing but AWS-managed prefix lists, such as CloudFront's origin-facing servers, may go without; here ${reason}).`;

  test("compliant: a REGIONAL ACL whose load balancer admits only AWS-managed prefix lists needs no rate rule (it sees only edge IPs)", async () => {
    const target = lb();
    expect(
      await msgs(wafRules, [regional, association(target), target, ...groups, ...rules], "eu-west-1"),
    ).toEqual([]);
  });

  test("non-compliant: the exemption rests on the plan, not on the ACL's own tag", async () => {
    // Passed before on the tag alone.
    const tagged = acl([common], { scope: "REGIONAL", tags: { "platform:exposure": "cloudfront-origin" } });
    expect(await msgs(wafRules, [tagged], "eu-west-1")).toEqual([
      why("no WebAclAssociation of this stack attaches it to a load balancer"),
    ]);
    // A load balancer that also admits the internet directly.
    const open = ingress("web-alb-in-443-anywhere", groups[0], { cidrIpv4: "0.0.0.0/0" });
    const target = lb();
    expect(
      await msgs(wafRules, [regional, association(target), target, ...groups, ...rules, open], "eu-west-1"),
    ).toEqual([
      why(
        'load balancer "web-alb": rule "web-alb-in-443-anywhere" of group "web-alb-https" admits 0.0.0.0/0',
      ),
    ]);
    // An inline rule admitting another group.
    const inline = res(SG, "web-alb-extra", {
      ingress: [{ fromPort: 443, toPort: 443, securityGroups: ["sg-x"] }],
    });
    const withExtra = lb([...groups, inline]);
    expect(
      await msgs(
        wafRules,
        [regional, association(withExtra), withExtra, ...groups, inline, ...rules],
        "eu-west-1",
      ),
    ).toEqual([
      why(
        'load balancer "web-alb": rule "web-alb-extra ingress[0]" of group "web-alb-extra" admits another security group',
      ),
    ]);
    // A prefix list the stack manages itself could hold any CIDR.
    const own = res("aws:ec2/managedPrefixList:ManagedPrefixList", "partners", { maxEntries: 5 });
    const viaOwn = ingress(
      "web-alb-in-443-partners",
      groups[2],
      { prefixListId: "pl-1" },
      { prefixListId: [own.urn] },
    );
    expect(
      await msgs(
        wafRules,
        [regional, association(target), target, ...groups, ...rules, own, viaOwn],
        "eu-west-1",
      ),
    ).toEqual([
      why(
        'load balancer "web-alb": rule "web-alb-in-443-partners" of group "web-alb-health" admits a prefix list this stack manages (any CIDR can be in it)',
      ),
    ]);
    // A security group the plan does not show.
    const unknownGroup = lb(groups, 4);
    expect(
      await msgs(
        wafRules,
        [regional, association(unknownGroup), unknownGroup, ...groups, ...rules],
        "eu-west-1",
      ),
    ).toEqual([why('load balancer "web-alb" has security groups this stack does not define')]);
  });

  test("non-compliant: the exemption is for REGIONAL ACLs only, and never for the common rule set", async () => {
    const target = lb();
    expect(
      (
        await check(wafRules, [
          acl([], { scope: "REGIONAL" }),
          association(target),
          target,
          ...groups,
          ...rules,
        ])
      ).map((v) => [v.urn, v.message]),
    ).toEqual([
      [
        urnOf(ACL, "acl"),
        'Web ACL "acl" lacks AWSManagedRulesCommonRuleSet: add the AWS managed common rule group.',
      ],
    ]);
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
