import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { Tier } from "../components/compute";
import type { Tags } from "../components/lib/tags";
import type { Vpc } from "../components/network";
import { DnsValidatedCertificate } from "../components/security/certificate";
import { EncryptionKey } from "../components/security/encryption-key";
import { AccessLogBucket } from "../components/storage/access-log-bucket";
import type { StackConfig } from "../src/config";
import type { TierConfig } from "../src/config/tiers";
import { appHostname, failoverOriginHostname, regionalOriginHostname } from "../src/naming";
import { readProjectFile } from "./files";
import { readPeerSecret, type Peer } from "./peers";
import { capacityFor } from "./posture";

/** The header CloudFront adds to every origin request and the web load balancers require. */
export const ORIGIN_VERIFY_HEADER = "X-Origin-Verify";

/** Stack output of one tier (`tiers.web`, `tiers.app`). */
export interface TierOutput {
  hostname: string;
  albDnsName: pulumi.Output<string>;
  albZoneId: pulumi.Output<string>;
  albArnSuffix: pulumi.Output<string>;
  targetGroupArnSuffix: pulumi.Output<string>;
  asgName: pulumi.Output<string>;
  albSecurityGroupIds: pulumi.Output<string>[];
  instanceSecurityGroupId: pulumi.Output<string>;
}

/**
 * The origin secret: generated once by the primary (a 48-character random string, a Pulumi
 * secret in its state), read by every other stack from the primary's outputs.
 */
async function originSecret(
  cfg: StackConfig,
  prefix: string,
  peers: readonly Peer[],
): Promise<pulumi.Output<string>> {
  if (cfg.role === "primary") {
    return new random.RandomPassword(`${prefix}-origin-verify`, { length: 48, special: false }).result;
  }
  const primary = peers.find((p) => p.config.role === "primary")!;
  return readPeerSecret(primary, "originVerifySecret");
}

/** The web (internet-facing, behind CloudFront) and app (internal) tiers of the region. */
export async function buildTiers(
  cfg: StackConfig,
  prefix: string,
  vpc: Vpc,
  peers: readonly Peer[],
  tags: Tags,
) {
  const { domain, hostedZoneId } = cfg.dns;
  const ebsKey = new EncryptionKey(`${prefix}-ebs`, {
    purpose: "EBS volumes of the region's instances",
    accountId: cfg.accountId,
    region: cfg.region,
    roleArns: [
      `arn:aws:iam::${cfg.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    ],
    protect: cfg.protect,
    tags,
  });
  const logs = new AccessLogBucket(`${prefix}-alb-logs`, {
    region: cfg.region,
    accountId: cfg.accountId,
    protect: cfg.protect,
    tags,
  });
  const secret = await originSecret(cfg, prefix, peers);

  // The failover name is shared by every region's certificate; its validation record belongs to
  // the primary (applied first), each region writes only its own name's record.
  const shared = failoverOriginHostname(domain);
  const regional = regionalOriginHostname(cfg.region, domain);
  const webCert = new DnsValidatedCertificate(`${prefix}-web`, {
    domainName: shared,
    subjectAlternativeNames: [regional],
    hostedZoneId,
    validationRecordNames: cfg.role === "primary" ? [shared, regional] : [regional],
    tags,
  });
  const appName = appHostname(cfg.region, domain);
  const appCert = new DnsValidatedCertificate(`${prefix}-app`, { domainName: appName, hostedZoneId, tags });

  const peerCidrs = cfg.peers.map((p) => p.cidr);
  const common = (t: TierConfig, name: "web" | "app") => ({
    tierName: name,
    vpcId: vpc.vpcId,
    vpcCidr: cfg.network.cidr,
    peerCidrs,
    instanceSubnetIds: vpc.private.subnetIds,
    accessLogBucket: logs.bucketName,
    loadBalancerDependsOn: [logs.policy],
    volumeKmsKeyArn: ebsKey.arn,
    userData: t.userDataFile
      ? readProjectFile(`platform:tiers.${name}.userDataFile`, t.userDataFile)
      : undefined,
    capacity: capacityFor(t, cfg.posture),
    settings: t,
    tags,
  });
  const web = new Tier(`${prefix}-web`, {
    ...common(cfg.tiers.web, "web"),
    loadBalancerSubnetIds: vpc.public.subnetIds,
    internal: false,
    source: { prefixListId: cfg.cloudfrontPrefixListId },
    certificateArn: webCert.arn,
    requiredHeader: { name: ORIGIN_VERIFY_HEADER, value: secret },
    healthChecks: { prefixListId: cfg.edge.healthCheckPrefixListId, path: cfg.edge.healthCheck.path },
  });
  const app = new Tier(`${prefix}-app`, {
    ...common(cfg.tiers.app, "app"),
    loadBalancerSubnetIds: vpc.private.subnetIds,
    internal: true,
    source: { securityGroupIds: [web.instanceSecurityGroupId] },
    certificateArn: appCert.arn,
  });

  const out = (tier: Tier, hostname: string): TierOutput => ({
    hostname,
    albDnsName: tier.loadBalancer.dnsName,
    albZoneId: tier.loadBalancer.zoneId,
    albArnSuffix: tier.loadBalancer.arnSuffix,
    targetGroupArnSuffix: tier.loadBalancer.targetGroupArnSuffix,
    asgName: tier.fleet.groupName,
    albSecurityGroupIds: tier.loadBalancer.securityGroupIds,
    instanceSecurityGroupId: tier.instanceSecurityGroupId,
  });
  return {
    tiers: { web: out(web, regional), app: out(app, appName) },
    ...(cfg.role === "primary" ? { originVerifySecret: pulumi.secret(secret) } : {}),
    appSecurityGroupId: app.instanceSecurityGroupId,
    web,
    originSecret: secret,
    ebsKeyArn: ebsKey.arn,
    albLogBucket: logs.bucketName,
  };
}
