import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Tier } from "../components/compute";
import { Cdn, RegionalEndpoint, WebAcl } from "../components/edge";
import type { Tags } from "../components/lib/tags";
import { DnsValidatedCertificate } from "../components/security/certificate";
import { AccessLogBucket } from "../components/storage/access-log-bucket";
import type { StackConfig } from "../src/config";
import { failoverOriginHostname, regionalOriginHostname } from "../src/naming";
import { ORIGIN_VERIFY_HEADER } from "./tiers";

/** CloudFront-scope web ACLs and CloudFront certificates must live in this region. */
export const CLOUDFRONT_REGION = "us-east-1";

/**
 * The edge of a region: its Route 53 health check, regional record and failover record (every
 * stack); CloudFront, its WAF, certificate, static bucket and log bucket (the primary, which is
 * applied first and references other regions only by DNS names, so no stack waits on a later one).
 */
export function buildEdge(
  cfg: StackConfig,
  prefix: string,
  web: Tier,
  originSecret: pulumi.Output<string>,
  logsKeyArn: pulumi.Input<string>,
  tags: Tags,
) {
  const { domain, hostedZoneId } = cfg.dns;
  const endpoint = new RegionalEndpoint(`${prefix}-web-endpoint`, {
    hostedZoneId,
    regionalName: regionalOriginHostname(cfg.region, domain),
    failover: cfg.edge.failover
      ? {
          name: failoverOriginHostname(domain),
          role: cfg.role === "primary" ? "PRIMARY" : "SECONDARY",
          setIdentifier: cfg.region,
        }
      : undefined,
    loadBalancer: { dnsName: web.loadBalancer.dnsName, zoneId: web.loadBalancer.zoneId },
    healthCheck: cfg.edge.healthCheck,
    tags,
  });
  let regionalWebAclArn: pulumi.Output<string> | undefined;
  if (cfg.edge.regionalWaf) {
    const regionalAcl = new WebAcl(`${prefix}-web-waf`, {
      scope: "REGIONAL",
      rateLimit: cfg.edge.regionalWaf.rateLimit,
      logKmsKeyArn: logsKeyArn,
      tags,
    });
    new aws.wafv2.WebAclAssociation(
      `${prefix}-web-waf`,
      { resourceArn: web.loadBalancer.loadBalancer.arn, webAclArn: regionalAcl.arn },
      { parent: regionalAcl },
    );
    regionalWebAclArn = regionalAcl.arn;
  }
  const regional = {
    healthCheckId: endpoint.healthCheckId,
    recordNames: endpoint.recordNames,
    ...(regionalWebAclArn ? { regionalWebAclArn } : {}),
  };
  const cdnCfg = cfg.edge.cdn;
  if (!cdnCfg) return { edge: regional };

  const acl = new WebAcl(`${cfg.environment}-edge`, {
    scope: "CLOUDFRONT",
    region: CLOUDFRONT_REGION,
    rateLimit: cdnCfg.rateLimit,
    anonymousIpList: cdnCfg.anonymousIpList,
    blockedCountries: cdnCfg.blockedCountries,
    logRetentionDays: cdnCfg.logRetentionDays,
    // The stack's log key only when it is in the WAF's region (KMS keys never leave theirs).
    logKmsKeyArn: cfg.region === CLOUDFRONT_REGION ? logsKeyArn : undefined,
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
    region: cfg.region,
    accountId: cfg.accountId,
    writer: "cloudfront",
    protect: cfg.protect,
    tags,
  });
  const cdn = new Cdn(`${cfg.environment}-edge`, {
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
    protect: cfg.protect,
    tags,
  });
  return {
    edge: {
      ...regional,
      distributionId: cdn.distribution.id,
      distributionDomainName: cdn.distribution.domainName,
      webAclArn: acl.arn,
      staticBucketName: cdn.staticBucket.bucket,
    },
  };
}
