import { Cdn, RegionalEndpoint, WebAcl } from "../components/edge";
import { DnsValidatedCertificate } from "../components/security/certificate";
import { AccessLogBucket } from "../components/storage/access-log-bucket";
import { failoverChainHostname, failoverOriginHostname, regionalOriginHostname } from "../src/naming";
import type { StackConfig } from "../src/config";
import type { Built, RegionContext } from "./context";
import type { Deferred, EdgeOutput } from "./contract";
import type { FoundationHandles } from "./foundation";
import { ORIGIN_VERIFY_HEADER, type TierHandles } from "./tiers";

/** CloudFront-scope web ACLs and CloudFront certificates must live in this region. */
export const CLOUDFRONT_REGION = "us-east-1";

/** This region's place in the Route 53 failover records (see {@link failoverPlace}). */
export interface FailoverPlace {
  readonly failover?: {
    readonly name: string;
    readonly role: "PRIMARY" | "SECONDARY";
    readonly setIdentifier: string;
    readonly via?: string;
  };
  readonly chainHead?: { readonly name: string; readonly setIdentifier: string };
}

/**
 * Where a region sits in the failover records. Route 53 pairs one PRIMARY with one SECONDARY, so
 * more regions chain pairs: a failover alias record of one pair routes to the next pair, "a
 * tree of records" (Route 53 developer guide, "Configuring DNS failover": "In more complex
 * configurations, you create a tree of records"; "How health checks work in complex Amazon Route 53
 * configurations"; DESIGN.md). With the order r0, r1, ..., rn-1:
 * - two regions: one pair at `origin.<domain>`, r0 PRIMARY, r1 SECONDARY (as without an order);
 * - three or more: the pair at level k (level 0 is `origin.<domain>`, level k > 0
 *   `origin-chain-<rk>.<domain>`) has rk as PRIMARY (its load balancer and health check) and as
 *   SECONDARY an alias to level k + 1, except the last pair, whose SECONDARY is rn-1 itself.
 * Each region owns its entry (`-failover`) and, in the middle of a chain, the pair it heads
 * (`-failover-chain`). Without an order: the primary is PRIMARY and the secondary with
 * `edge.failover` SECONDARY (no chain).
 */
export function failoverPlace(
  cfg: Pick<StackConfig, "role" | "region" | "edge" | "failover" | "dns">,
): FailoverPlace {
  const top = failoverOriginHostname(cfg.dns.domain);
  const order = cfg.failover.order;
  if (!order) {
    return cfg.edge.failover
      ? {
          failover: {
            name: top,
            role: cfg.role === "primary" ? "PRIMARY" : "SECONDARY",
            setIdentifier: cfg.region,
          },
        }
      : {};
  }
  const i = order.indexOf(cfg.region);
  const n = order.length;
  const level = (k: number) => (k === 0 ? top : failoverChainHostname(order[k], cfg.dns.domain));
  if (i < 0) return {};
  if (i === 0) return { failover: { name: top, role: "PRIMARY", setIdentifier: cfg.region } };
  if (i === n - 1) return { failover: { name: level(n - 2), role: "SECONDARY", setIdentifier: cfg.region } };
  return {
    failover: { name: level(i - 1), role: "SECONDARY", setIdentifier: cfg.region, via: level(i) },
    chainHead: { name: level(i), setIdentifier: cfg.region },
  };
}

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
    ...failoverPlace(cfg),
    loadBalancer: { dnsName: web.loadBalancer.dnsName, zoneId: web.loadBalancer.zoneId },
    // A drill of this region inverts its own health check: Route 53 then answers with the next
    // region of the order, through the data plane, and nothing else changes (DESIGN.md: a
    // disabled check counts as healthy; `invertHealthcheck` is the way to force a failover).
    healthCheck: {
      ...cfg.edge.healthCheck,
      invert: cfg.edge.healthCheck.invert || cfg.failover.drill !== "none",
    },
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
