import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";
import { bucketBaseline, denyInsecureTransport } from "../storage/bucket-baseline";
import { CDN_DEFAULTS } from "../../src/config/defaults";

/** CloudFront's hosted zone ID, the same for every distribution (for alias records). */
export const CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2";
/**
 * Days a replaced or deleted static asset is kept as a noncurrent version of the (versioned)
 * static bucket before S3 expires it: a month to roll a deploy back by restoring old versions,
 * as the access-log buckets keep theirs.
 */
export const STATIC_NONCURRENT_VERSION_DAYS = 30;
/** AWS managed origin request policy "AllViewerExceptHostHeader". */
const ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

/** Arguments of {@link Cdn}. */
export interface CdnArgs {
  /** The region of the static-assets bucket and its configuration (the owning stack's). */
  readonly region: string;
  /** The platform's domain; the distribution serves it and `www.<domain>`. */
  readonly domain: string;
  readonly hostedZoneId: string;
  /** ACM certificate for the aliases, issued in us-east-1. */
  readonly certificateArn: pulumi.Input<string>;
  /** CLOUDFRONT-scope web ACL. */
  readonly webAclArn: pulumi.Input<string>;
  /**
   * The application origins: `primary` is the failover name (DNS failover moves it, so every
   * method follows it); `secondary` is another region's own name, the origin group's fallback for
   * GET, HEAD and OPTIONS when the primary origin fails.
   */
  readonly appOrigins: { readonly primary: string; readonly secondary: string };
  /** The secret header CloudFront adds to every application-origin request. */
  readonly originHeader: { readonly name: string; readonly value: pulumi.Input<string> };
  /** Status codes that make the origin group try the secondary origin. */
  readonly failoverStatusCodes: readonly number[];
  /** @default "PriceClass_100" */
  readonly priceClass?: string;
  /** Countries to refuse at the edge. @default [] */
  readonly blockedCountries?: readonly string[];
  /** Longest cache lifetime of static assets, seconds. @default 86400 */
  readonly staticMaxAgeSeconds?: number;
  /** Longest cache lifetime of API responses (GET/HEAD only), seconds, at most 300. @default 60 */
  readonly apiMaxAgeSeconds?: number;
  /** The bucket (ACLs enabled) that receives standard access logs. */
  readonly logBucketDomainName: pulumi.Input<string>;
  /**
   * What enables the log bucket's ACLs (its `BucketOwnershipControls`, ObjectWriter or
   * BucketOwnerPreferred): the distribution waits for it, because CloudFront refuses a log bucket
   * without ACLs when the distribution is created ("The S3 bucket that you specified for
   * CloudFront logs does not enable ACL access"). @default []
   */
  readonly logBucketDependsOn?: readonly pulumi.Resource[];
  /** Protect the static-assets bucket. @default true */
  readonly protect?: boolean;
  readonly tags?: Tags;
}

/**
 * The CloudFront distribution in front of every region: static assets from a private S3 bucket
 * through Origin Access Control; pages (GET/HEAD/OPTIONS) through an origin group that fails
 * over per request to another region; the API (every method) through the DNS-failover name.
 * HTTPS only (HTTP redirects), TLS 1.2_2021 to viewers with the us-east-1 certificate, HTTPS to
 * origins, HTTP/2 and HTTP/3, compression, security headers, the WAF, standard logging.
 */
export class Cdn extends pulumi.ComponentResource {
  readonly distribution: aws.cloudfront.Distribution;
  readonly staticBucket: aws.s3.Bucket;

  constructor(name: string, args: CdnArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:Cdn", name, {}, opts);
    const child = { parent: this };
    const region = args.region;
    const tags = (n: string) => tagsFor(args.tags, n);

    // Static assets: a private bucket only the distribution can read.
    const bucket = new aws.s3.Bucket(
      `${name}-static`,
      { region, forceDestroy: false, tags: tags(`${name}-static`) },
      { ...child, protect: args.protect ?? true },
    );
    const { versioning } = bucketBaseline(`${name}-static`, region, bucket, "BucketOwnerEnforced", this);
    // One configuration, one rule (PutBucketLifecycleConfiguration replaces the whole
    // configuration; the provider: one BucketLifecycleConfiguration per bucket). No filter: the
    // rule covers the whole bucket (S3 API reference, LifecycleRule). Parts of an upload that
    // never completes are kept, and billed, until a lifecycle rule aborts it
    // (edge-s3-abort-incomplete-uploads). The bucket is versioned, so every deploy that overwrites
    // an asset leaves the old one as a noncurrent version: those expire after
    // STATIC_NONCURRENT_VERSION_DAYS (S3 API reference, NoncurrentVersionExpiration). Current
    // objects never expire: they are the site. It follows the versioning, as the provider's
    // example for noncurrent-version rules does (BucketLifecycleConfiguration docs, "with versioning").
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-static`,
      {
        region,
        bucket: bucket.id,
        rules: [
          {
            id: "abort-uploads-expire-noncurrent",
            status: "Enabled",
            filter: {},
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            noncurrentVersionExpiration: { noncurrentDays: STATIC_NONCURRENT_VERSION_DAYS },
          },
        ],
      },
      { ...child, dependsOn: [versioning] },
    );
    const oac = new aws.cloudfront.OriginAccessControl(
      `${name}-static`,
      {
        originAccessControlOriginType: "s3",
        signingBehavior: "always",
        signingProtocol: "sigv4",
        description: "static assets",
      },
      child,
    );

    const cachePolicy = (suffix: string, minTtl: number, defaultTtl: number, maxTtl: number) =>
      new aws.cloudfront.CachePolicy(
        `${name}-${suffix}`,
        {
          minTtl,
          defaultTtl,
          maxTtl,
          parametersInCacheKeyAndForwardedToOrigin: {
            enableAcceptEncodingGzip: true,
            enableAcceptEncodingBrotli: true,
            cookiesConfig: { cookieBehavior: "none" },
            headersConfig: { headerBehavior: "none" },
            queryStringsConfig: { queryStringBehavior: suffix === "static" ? "none" : "all" },
          },
        },
        child,
      );
    const staticMax = args.staticMaxAgeSeconds ?? CDN_DEFAULTS.staticMaxAgeSeconds;
    const staticPolicy = cachePolicy("static", 0, Math.min(86_400, staticMax), staticMax);
    const apiPolicy = cachePolicy(
      "api",
      0,
      0,
      Math.min(args.apiMaxAgeSeconds ?? CDN_DEFAULTS.apiMaxAgeSeconds, 300),
    );
    const pagesPolicy = cachePolicy("pages", 0, 0, 60);
    const headers = new aws.cloudfront.ResponseHeadersPolicy(
      `${name}-security`,
      {
        securityHeadersConfig: {
          strictTransportSecurity: {
            accessControlMaxAgeSec: 63_072_000,
            includeSubdomains: true,
            preload: true,
            override: true,
          },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: "DENY", override: true },
          referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
          xssProtection: { protection: true, modeBlock: true, override: true },
        },
      },
      child,
    );

    const appOrigin = (originId: string, domainName: string) => ({
      originId,
      domainName,
      connectionAttempts: 3,
      connectionTimeout: 10,
      customHeaders: [{ name: args.originHeader.name, value: args.originHeader.value }],
      customOriginConfig: {
        httpPort: 80,
        httpsPort: 443,
        originProtocolPolicy: "https-only",
        originSslProtocols: ["TLSv1.2"],
        originReadTimeout: 30,
        originKeepaliveTimeout: 5,
      },
    });
    const behavior = {
      viewerProtocolPolicy: "redirect-to-https",
      compress: true,
      responseHeadersPolicyId: headers.id,
    };
    const safe = ["GET", "HEAD", "OPTIONS"];
    const cached = ["GET", "HEAD"];

    this.distribution = new aws.cloudfront.Distribution(
      name,
      {
        enabled: true,
        isIpv6Enabled: true,
        httpVersion: "http2and3",
        priceClass: args.priceClass ?? CDN_DEFAULTS.priceClass,
        aliases: [args.domain, `www.${args.domain}`],
        comment: `${name}: the platform's edge`,
        webAclId: args.webAclArn,
        viewerCertificate: {
          acmCertificateArn: args.certificateArn,
          sslSupportMethod: "sni-only",
          minimumProtocolVersion: "TLSv1.2_2021",
        },
        origins: [
          { originId: "static", domainName: bucket.bucketRegionalDomainName, originAccessControlId: oac.id },
          appOrigin("app-primary", args.appOrigins.primary),
          appOrigin("app-secondary", args.appOrigins.secondary),
        ],
        originGroups: [
          {
            originId: "app-group",
            failoverCriteria: { statusCodes: [...args.failoverStatusCodes] },
            members: [{ originId: "app-primary" }, { originId: "app-secondary" }],
          },
        ],
        // Pages: safe methods only, so the origin group may retry them in another region.
        defaultCacheBehavior: {
          ...behavior,
          targetOriginId: "app-group",
          allowedMethods: safe,
          cachedMethods: cached,
          cachePolicyId: pagesPolicy.id,
          originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
        },
        orderedCacheBehaviors: [
          {
            ...behavior,
            pathPattern: "/static/*",
            targetOriginId: "static",
            allowedMethods: cached,
            cachedMethods: cached,
            cachePolicyId: staticPolicy.id,
          },
          // The API takes every method: it follows DNS failover of the primary origin's name.
          {
            ...behavior,
            pathPattern: "/api/*",
            targetOriginId: "app-primary",
            allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
            cachedMethods: cached,
            cachePolicyId: apiPolicy.id,
            originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
          },
        ],
        restrictions: {
          geoRestriction:
            (args.blockedCountries ?? []).length > 0
              ? { restrictionType: "blacklist", locations: [...(args.blockedCountries ?? [])] }
              : { restrictionType: "none" },
        },
        loggingConfig: { bucket: args.logBucketDomainName, prefix: "cloudfront/", includeCookies: false },
        tags: tags(name),
      },
      { ...child, dependsOn: [...(args.logBucketDependsOn ?? [])] },
    );

    new aws.s3.BucketPolicy(
      `${name}-static`,
      {
        region,
        bucket: bucket.id,
        policy: pulumi.all([bucket.arn, this.distribution.arn]).apply(([arn, distributionArn]) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              denyInsecureTransport(arn),
              {
                Sid: "OnlyThisDistributionReads",
                Effect: "Allow",
                Principal: { Service: "cloudfront.amazonaws.com" },
                Action: "s3:GetObject",
                Resource: `${arn}/*`,
                Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
              },
            ],
          }),
        ),
      },
      child,
    );

    for (const host of [args.domain, `www.${args.domain}`]) {
      for (const type of ["A", "AAAA"]) {
        new aws.route53.Record(
          `${name}-${host === args.domain ? "apex" : "www"}-${type.toLowerCase()}`,
          {
            zoneId: args.hostedZoneId,
            name: host,
            type,
            aliases: [
              { name: this.distribution.domainName, zoneId: CLOUDFRONT_ZONE_ID, evaluateTargetHealth: false },
            ],
          },
          child,
        );
      }
    }
    this.staticBucket = bucket;
    this.registerOutputs({ distributionId: this.distribution.id });
  }
}
