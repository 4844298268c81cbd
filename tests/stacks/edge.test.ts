import { platformPack } from "../../policies/pack";
import { planStacks } from "../../src/plan/plan";
import { findStackFiles, readStackFile, type StackFile } from "../../src/plan/stack-files";
import { thirdRegionFile } from "../helpers/third-region";
import type { PlanResource, StackPlan } from "../../src/plan/types";
import { program } from "../../stacks/program";
import { ROOT } from "../helpers/config";
import { one, ofType } from "../helpers/plan";
import { realPlans } from "../helpers/plans";
import { STATIC_NONCURRENT_VERSION_DAYS } from "../../components/edge/cdn";

/** A stack file with one config key replaced, as if the file said so. */
function withKey(f: StackFile, key: string, value: unknown): StackFile {
  return {
    ...f,
    decoded: { ...f.decoded, [key]: value },
    values: { ...f.values, [key]: typeof value === "string" ? value : JSON.stringify(value) },
  };
}
const plan = (files: StackFile[]) =>
  planStacks({ project: "platform", stackFiles: files, program, packs: [platformPack] });

/** The region's HTTPS health check (observability adds alarm and calculated checks beside it). */
function httpsCheck(p: StackPlan): PlanResource {
  const all = ofType(p, "route53/healthCheck:HealthCheck").filter((c) => c.inputs.type === "HTTPS");
  if (all.length !== 1) throw new Error(`${p.stack}: ${all.length} HTTPS health checks`);
  return all[0];
}

describe("the edge", () => {
  let use1: StackPlan;
  let euw1: StackPlan;
  beforeAll(async () => {
    [use1, euw1] = await realPlans();
  });

  test("the primary owns CloudFront, its WAF and certificate; the secondary owns none", () => {
    expect(ofType(use1, "cloudfront/distribution:Distribution")).toHaveLength(1);
    expect(ofType(euw1, "cloudfront/distribution:Distribution")).toHaveLength(0);
    expect(ofType(euw1, "wafv2/webAcl:WebAcl").map((a) => a.inputs.scope)).toEqual(["REGIONAL"]);
    expect([...use1.policies.violations, ...euw1.policies.violations]).toEqual([]);
  });

  test("the web ACL: CLOUDFRONT scope in us-east-1, managed groups, a rate rule from config, logging with redaction", () => {
    const acl = one(use1, "wafv2/webAcl:WebAcl");
    expect([acl.inputs.scope, acl.region]).toEqual(["CLOUDFRONT", "us-east-1"]);
    const rules = acl.inputs.rules as {
      name: string;
      statement: Record<string, { limit?: number; name?: string }>;
    }[];
    expect(rules.map((r) => r.name).sort()).toEqual([
      "AWSManagedRulesAmazonIpReputationList",
      "AWSManagedRulesAnonymousIpList",
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
      "AWSManagedRulesSQLiRuleSet",
      "rate-per-ip",
    ]);
    expect(rules.find((r) => r.name === "rate-per-ip")!.statement.rateBasedStatement).toEqual({
      limit: 2000,
      aggregateKeyType: "IP",
    });
    const logs = ofType(use1, "cloudwatch/logGroup:LogGroup").find((g) =>
      String(g.inputs.name).startsWith("aws-waf-logs-"),
    )!;
    expect(logs.region).toBe("us-east-1");
    const logging = one(use1, "wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration");
    expect(logging.inputs.redactedFields).toEqual([
      { singleHeader: { name: "authorization" } },
      { singleHeader: { name: "cookie" } },
    ]);
  });

  test("the distribution: aliases, us-east-1 certificate with TLSv1.2_2021, HTTP/2 and 3, WAF, logging", () => {
    const d = one(use1, "cloudfront/distribution:Distribution");
    expect(d.inputs).toMatchObject({
      aliases: ["shop.example.com", "www.shop.example.com"],
      httpVersion: "http2and3",
      priceClass: "PriceClass_100",
      viewerCertificate: { sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
      webAclId:
        one(use1, "wafv2/webAcl:WebAcl").inputs.arn ??
        expect.stringMatching(/^arn:aws:wafv2:us-east-1:.*:global\/webacl\//),
      loggingConfig: { prefix: "cloudfront/" },
    });
    expect(String((d.inputs.viewerCertificate as { acmCertificateArn: string }).acmCertificateArn)).toMatch(
      /^arn:aws:acm:us-east-1:/,
    );
    const cert = ofType(use1, "acm/certificate:Certificate").find(
      (c) => c.inputs.domainName === "shop.example.com",
    )!;
    expect(cert.region).toBe("us-east-1");
  });

  test("the distribution waits for the log bucket's ACLs: it depends on its BucketOwnerPreferred ownership controls", () => {
    const d = one(use1, "cloudfront/distribution:Distribution");
    const logBucket = ofType(use1, "s3/bucket:Bucket").find((b) => b.name === "prod-use1-cdn-logs")!;
    const controls = ofType(use1, "s3/bucketOwnershipControls:BucketOwnershipControls").find(
      (c) => c.name === "prod-use1-cdn-logs",
    )!;
    expect(controls.inputs.rule).toEqual({ objectOwnership: "BucketOwnerPreferred" });
    expect(controls.options.propertyDependencies.bucket).toEqual([logBucket.urn]);
    expect(d.options.propertyDependencies.loggingConfig).toEqual([logBucket.urn]);
    expect(d.options.dependsOn).toContain(controls.urn);
  });

  test("origins: the private bucket through OAC, the failover name and the secondary's own name, both HTTPS with the secret header", () => {
    const d = one(use1, "cloudfront/distribution:Distribution");
    const origins = d.inputs.origins as Record<string, unknown>[];
    expect(origins.map((o) => [o.originId, o.domainName])).toEqual([
      ["static", expect.stringMatching(/\.s3\.us-east-1\.amazonaws\.com$/)],
      ["app-primary", "origin.shop.example.com"],
      ["app-secondary", "origin-eu-west-1.shop.example.com"],
    ]);
    expect(origins[0].originAccessControlId).toBeDefined();
    for (const o of origins.slice(1)) {
      expect(o).toMatchObject({
        customOriginConfig: { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
        customHeaders: [{ name: "X-Origin-Verify", value: "[secret]" }],
      });
    }
    expect(d.inputs.originGroups).toEqual([
      {
        originId: "app-group",
        failoverCriteria: { statusCodes: [500, 502, 503, 504] },
        members: [{ originId: "app-primary" }, { originId: "app-secondary" }],
      },
    ]);
  });

  test("behaviours: pages (safe methods) via the origin group, the API (all methods) via DNS failover, long-lived static assets", () => {
    const d = one(use1, "cloudfront/distribution:Distribution");
    const def = d.inputs.defaultCacheBehavior as Record<string, unknown>;
    expect(def).toMatchObject({
      targetOriginId: "app-group",
      allowedMethods: ["GET", "HEAD", "OPTIONS"],
      viewerProtocolPolicy: "redirect-to-https",
      compress: true,
    });
    const [assets, api] = d.inputs.orderedCacheBehaviors as Record<string, unknown>[];
    expect(assets).toMatchObject({
      pathPattern: "/static/*",
      targetOriginId: "static",
      allowedMethods: ["GET", "HEAD"],
    });
    expect(api).toMatchObject({
      pathPattern: "/api/*",
      targetOriginId: "app-primary",
      cachedMethods: ["GET", "HEAD"],
    });
    expect(api.allowedMethods).toEqual(expect.arrayContaining(["POST", "PUT", "PATCH", "DELETE"]));
    const policies = ofType(use1, "cloudfront/cachePolicy:CachePolicy");
    const maxTtl = (suffix: string) => policies.find((p) => p.name.endsWith(suffix))!.inputs.maxTtl;
    expect([maxTtl("-static"), maxTtl("-api")]).toEqual([86_400, 60]);
    const headers = one(use1, "cloudfront/responseHeadersPolicy:ResponseHeadersPolicy").inputs
      .securityHeadersConfig as Record<string, Record<string, unknown>>;
    expect(headers.strictTransportSecurity).toMatchObject({
      accessControlMaxAgeSec: 63_072_000,
      includeSubdomains: true,
      preload: true,
    });
    expect(headers.frameOptions).toMatchObject({ frameOption: "DENY" });
  });

  test("the static bucket: private, versioned, encrypted, TLS only, readable only by this distribution", () => {
    const policy = ofType(use1, "s3/bucketPolicy:BucketPolicy").find((p) => p.name === "prod-edge-static")!;
    const doc = JSON.parse(String(policy.inputs.policy)) as {
      Statement: { Sid: string; Principal: unknown; Condition: Record<string, Record<string, string>> }[];
    };
    const read = doc.Statement.find((s) => s.Sid === "OnlyThisDistributionReads")!;
    expect(read.Principal).toEqual({ Service: "cloudfront.amazonaws.com" });
    expect(read.Condition.StringEquals["AWS:SourceArn"]).toMatch(
      /^arn:aws:cloudfront::111122223333:distribution\/E[0-9A-F]{13}$/,
    );
    const bucket = ofType(use1, "s3/bucket:Bucket").find((b) => b.name === "prod-edge-static")!;
    expect(bucket.options.protect).toBe(true);
  });

  test("every bucket of both stacks aborts incomplete uploads after 7 days; the static bucket's noncurrent versions expire, its current objects never", () => {
    const lifecycles = [use1, euw1].flatMap((p) =>
      ofType(p, "s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"),
    );
    const buckets = [use1, euw1].flatMap((p) => ofType(p, "s3/bucket:Bucket"));
    expect(lifecycles.map((l) => l.name).sort()).toEqual(buckets.map((b) => b.name).sort());
    const staticLifecycle = lifecycles.find((l) => l.name === "prod-edge-static")!;
    expect(staticLifecycle.inputs.rules).toEqual([
      {
        id: "abort-uploads-expire-noncurrent",
        status: "Enabled",
        filter: {},
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
      },
    ]);
    expect(STATIC_NONCURRENT_VERSION_DAYS).toBe(30);
    // It follows the bucket's versioning (the provider's example for noncurrent-version rules).
    const versioning = ofType(use1, "s3/bucketVersioning:BucketVersioning").find(
      (v) => v.name === "prod-edge-static",
    )!;
    expect(staticLifecycle.options.dependsOn).toContain(versioning.urn);
  });

  test("apex and www alias the distribution (A and AAAA)", () => {
    const aliases = ofType(use1, "route53/record:Record").filter(
      (r) => r.name.startsWith("prod-edge-") && r.inputs.aliases !== undefined,
    );
    expect(aliases.map((r) => [r.inputs.name, r.inputs.type]).sort()).toEqual([
      ["shop.example.com", "A"],
      ["shop.example.com", "AAAA"],
      ["www.shop.example.com", "A"],
      ["www.shop.example.com", "AAAA"],
    ]);
  });

  test.each([
    ["us-east-1", "PRIMARY"],
    ["eu-west-1", "SECONDARY"],
  ])("%s: an HTTPS health check of its web tier and a %s failover record", (stack, role) => {
    const p = stack === "us-east-1" ? use1 : euw1;
    const check = httpsCheck(p);
    expect(check.inputs).toMatchObject({
      type: "HTTPS",
      fqdn: `origin-${stack}.shop.example.com`,
      resourcePath: "/health",
      requestInterval: 10,
      failureThreshold: 3,
      invertHealthcheck: false,
    });
    const failover = ofType(p, "route53/record:Record").find((r) =>
      r.name.endsWith("-web-endpoint-failover"),
    )!;
    expect(failover.inputs).toMatchObject({
      name: "origin.shop.example.com",
      type: "A",
      setIdentifier: stack,
      failoverRoutingPolicies: [{ type: role }],
      healthCheckId: check.id,
    });
    expect((failover.inputs.aliases as { evaluateTargetHealth: boolean }[])[0].evaluateTargetHealth).toBe(
      true,
    );
    const regional = ofType(p, "route53/record:Record").find((r) =>
      r.name.endsWith("-web-endpoint-regional"),
    )!;
    expect(regional.inputs.name).toBe(`origin-${stack}.shop.example.com`);
  });

  test("Route 53 health checkers reach only the health path, through their own prefix list", () => {
    const rule = ofType(euw1, "lb/listenerRule:ListenerRule").find(
      (r) => r.name === "prod-euw1-web-alb-health",
    )!;
    expect(rule.inputs).toMatchObject({
      priority: 5,
      conditions: [{ pathPattern: { values: ["/health"] } }],
    });
    const sgRule = ofType(euw1, "vpc/securityGroupIngressRule:SecurityGroupIngressRule").find(
      (r) => r.name === "prod-euw1-web-alb-in-443-route53",
    )!;
    expect(sgRule.inputs).toMatchObject({ fromPort: 443, prefixListId: "pl-0f1e2d3c4b5a69788" });
  });

  test("invert follows config, and a third region stays out of the failover pair", async () => {
    const files = findStackFiles(ROOT).map(readStackFile);
    const eu = files.find((f) => f.stack === "eu-west-1")!;
    const inverted = withKey(eu, "platform:edge", {
      ...(eu.decoded["platform:edge"] as object),
      healthCheck: { invert: true },
    });
    const [, drilled] = await plan([files.find((f) => f.stack === "us-east-1")!, inverted]);
    expect(httpsCheck(drilled).inputs.invertHealthcheck).toBe(true);
    const [third] = await planStacks({
      project: "platform",
      stackFiles: [...files, thirdRegionFile()],
      only: "ap-south-1",
      program,
      packs: [platformPack],
    });
    expect(ofType(third, "route53/record:Record").filter((r) => r.name.endsWith("-failover"))).toHaveLength(
      0,
    );
    expect(httpsCheck(third).inputs.fqdn).toBe("origin-ap-south-1.shop.example.com");
  });

  test("outputs: distribution, web ACL, static bucket, health check, record names", () => {
    const e = use1.outputs.edge as Record<string, unknown>;
    expect(Object.keys(e).sort()).toEqual([
      "distributionDomainName",
      "distributionId",
      "healthCheckId",
      "recordNames",
      "staticBucketName",
      "webAclArn",
    ]);
    expect(e.recordNames).toEqual(["origin-us-east-1.shop.example.com", "origin.shop.example.com"]);
    expect(e.distributionDomainName).toMatch(/^d[0-9a-f]{13}\.cloudfront\.net$/);
    expect(Object.keys(euw1.outputs.edge as object).sort()).toEqual([
      "healthCheckId",
      "recordNames",
      "regionalWebAclArn",
    ]);
  });
});

describe("the optional regional web ACL", () => {
  test("eu-west-1 (configured) puts a REGIONAL web ACL with managed rules and logging, but no rate rule, on its public load balancer", async () => {
    const [, euw1] = await realPlans();
    const acl = one(euw1, "wafv2/webAcl:WebAcl");
    expect([acl.inputs.scope, acl.region, acl.inputs.region]).toEqual(["REGIONAL", "eu-west-1", "eu-west-1"]);
    // The load balancer admits only CloudFront: a per-IP rate rule would count edges, not clients.
    const rules = acl.inputs.rules as { name: string; statement: Record<string, unknown> }[];
    expect(rules.filter((r) => r.statement.rateBasedStatement)).toEqual([]);
    expect(rules.map((r) => r.name)).toContain("AWSManagedRulesCommonRuleSet");
    expect((acl.inputs.tags as Record<string, string>)["platform:exposure"]).toBe("cloudfront-origin");
    const assoc = one(euw1, "wafv2/webAclAssociation:WebAclAssociation");
    const lb = ofType(euw1, "lb/loadBalancer:LoadBalancer").find((l) => l.name === "prod-euw1-web-alb")!;
    expect(assoc.options.propertyDependencies.resourceArn).toEqual([lb.urn]);
    expect(ofType(euw1, "wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")).toHaveLength(1);
    expect((euw1.outputs.edge as Record<string, unknown>).regionalWebAclArn).toMatch(
      /^arn:aws:wafv2:eu-west-1:.*:regional\/webacl\//,
    );
    expect(euw1.policies.violations).toEqual([]);
  });

  test("the WebAcl component refuses a rate rule on an ACL behind CloudFront, and requires one elsewhere", async () => {
    const { WebAcl } = await import("../../components/edge");
    const { run } = await import("../helpers/run");
    await expect(
      run(
        () =>
          new WebAcl("r", {
            scope: "REGIONAL",
            region: "eu-west-1",
            rateLimit: 2000,
            protectsCloudFrontOrigin: true,
          }),
      ),
    ).rejects.toThrow(
      "WebAcl r: an ACL protecting a CloudFront origin takes no rateLimit (every source IP is a CloudFront edge's)",
    );
    await expect(run(() => new WebAcl("c", { scope: "CLOUDFRONT", region: "us-east-1" }))).rejects.toThrow(
      "WebAcl c: expected a rateLimit",
    );
  });
});
