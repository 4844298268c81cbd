import { Cdn, RegionalEndpoint, WebAcl } from "../components/edge";
import { DnsValidatedCertificate } from "../components/security/certificate";
import { AccessLogBucket } from "../components/storage/access-log-bucket";
import { failoverOriginHostname, regionalOriginHostname } from "../src/naming";
import type { Built, RegionContext } from "./context";
import type { Deferred, EdgeOutput } from "./contract";
import type { FoundationHandles } from "./foundation";
import { ORIGIN_VERIFY_HEADER, type TierHandles } from "./tiers";

/** CloudFront-scope web ACLs and CloudFront certificates must live in this region. */
export const CLOUDFRONT_REGION = "us-east-1";

/** Handles of the edge. */
export interface EdgeHandles {
  readonly endpoint: RegionalEndpoint;
  /** The distribution, on the stack that owns CloudFront. */
  readonly cdn?: Cdn;
}

/**
 * The edge of a region: its Route 53 health check, regional record and failover record (every
 * stack), an optional REGIONAL web ACL on its load balancer; CloudFront, its WAF, certificate,
 * static bucket and log bucket (the primary, which is applied first and references other regions
 * only by DNS names, so no stack waits on a later one).
 */
export function buildEdge(
  ctx: RegionContext,
  { web, originSecret, logsKey }: Pick<TierHandles, "web" | "originSecret"> & FoundationHandles,
): Built<{ edge: Deferred<EdgeOutput> }, EdgeHandles> {
  const { cfg, prefix, region, tags } = ctx;
  const { domain, hostedZoneId } = cfg.dns;
  const endpoint = new RegionalEndpoint(`${prefix}-web-endpoint`, {
    hostedZoneId,
    regionalName: regionalOriginHostname(region, domain),
    failover: cfg.edge.failover
      ? {
          name: failoverOriginHostname(domain),
          role: cfg.role === "primary" ? "PRIMARY" : "SECONDARY",
          setIdentifier: region,
        }
      : undefined,
    loadBalancer: { dnsName: web.loadBalancer.dnsName, zoneId: web.loadBalancer.zoneId },
    healthCheck: cfg.edge.healthCheck,
    tags,
  });
  const regionalAcl = cfg.edge.regionalWaf
    ? new WebAcl(`${prefix}-web-waf`, {
        region,
        scope: "REGIONAL",
        // The load balancer admits only CloudFront: no rate rule here (WebAclArgs.protectsCloudFrontOrigin).
        protectsCloudFrontOrigin: true,
        logKmsKeyArn: logsKey.arn,
        protectedResourceArn: web.loadBalancer.loadBalancer.arn,
        tags,
      })
    : undefined;
  const regional: Deferred<EdgeOutput> = {
    healthCheckId: endpoint.healthCheckId,
    recordNames: endpoint.recordNames,
    ...(regionalAcl ? { regionalWebAclArn: regionalAcl.arn } : {}),
  };
  const cdnCfg = cfg.edge.cdn;
  if (!cdnCfg) return { outputs: { edge: regional }, handles: { endpoint } };

  const acl = new WebAcl(`${cfg.environment}-edge`, {
    scope: "CLOUDFRONT",
    region: CLOUDFRONT_REGION,
    rateLimit: cdnCfg.rateLimit,
    anonymousIpList: cdnCfg.anonymousIpList,
    blockedCountries: cdnCfg.blockedCountries,
    logRetentionDays: cdnCfg.logRetentionDays,
    // The stack's log key only when it is in the WAF's region (KMS keys never leave theirs).
    logKmsKeyArn: region === CLOUDFRONT_REGION ? logsKey.arn : undefined,
    tags,
  });
  const cert = new DnsValidatedCertificate(`${cfg.environment}-edge`, {
    domainName: domain,
    subjectAlternativeNames: [`www.${domain}`],
    hostedZoneId,
    region: CLOUDFRONT_REGION,
    tags,
  });
  const logs = new AccessLogBucket(`${prefix}-cdn-logs`, {
    region,
    accountId: cfg.accountId,
    writer: "cloudfront",
    protect: ctx.protect,
    tags,
  });
  const cdn = new Cdn(`${cfg.environment}-edge`, {
    region,
    domain,
    hostedZoneId,
    certificateArn: cert.arn,
    webAclArn: acl.arn,
    appOrigins: {
      primary: failoverOriginHostname(domain),
      secondary: regionalOriginHostname(cdnCfg.secondaryOriginRegion, domain),
    },
    originHeader: { name: ORIGIN_VERIFY_HEADER, value: originSecret },
    failoverStatusCodes: cdnCfg.failoverStatusCodes,
    priceClass: cdnCfg.priceClass,
    blockedCountries: cdnCfg.blockedCountries,
    staticMaxAgeSeconds: cdnCfg.staticMaxAgeSeconds,
    apiMaxAgeSeconds: cdnCfg.apiMaxAgeSeconds,
    logBucketDomainName: logs.bucket.bucketDomainName,
    logBucketDependsOn: [logs.ownershipControls],
    protect: ctx.protect,
    tags,
  });
  return {
    outputs: {
      edge: {
        ...regional,
        distributionId: cdn.distribution.id,
        distributionDomainName: cdn.distribution.domainName,
        webAclArn: acl.arn,
        staticBucketName: cdn.staticBucket.bucket,
      },
    },
    handles: { endpoint, cdn },
  };
}
