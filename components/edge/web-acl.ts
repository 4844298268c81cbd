import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";
import { CDN_DEFAULTS } from "../../src/config/defaults";
import { EXPOSURE, TAG } from "../../src/conventions";

/** Arguments of {@link WebAcl}. */
export interface WebAclArgs {
  /** CLOUDFRONT (must be created in us-east-1) or REGIONAL (load balancers). */
  readonly scope: "CLOUDFRONT" | "REGIONAL";
  /** The region of the ACL, its log group and logging; CLOUDFRONT scope requires "us-east-1". */
  readonly region: string;
  /**
   * Requests per client IP per 5 minutes before the rate rule blocks. Required unless
   * `protectsCloudFrontOrigin`, which takes none. @default none: no rate rule
   */
  readonly rateLimit?: number;
  /**
   * The ACL protects an origin that admits only CloudFront (a REGIONAL ACL on the web load
   * balancer). Every source IP it sees is then a CloudFront edge's, so a rate rule per IP would
   * block whole edges; and aggregating on `X-Forwarded-For` (FORWARDED_IP) is no better: WAF reads
   * only the header's first address (WAF API reference, ForwardedIPConfig), which CloudFront
   * leaves as the client sent it and appends the real viewer address after, so a client could
   * evade the limit or get another address blocked. Such an ACL has no rate rule (the CLOUDFRONT
   * ACL in front limits each real client IP) and is tagged `platform:exposure=cloudfront-origin`
   * (for people; edge-waf-rules checks the association's load balancer instead). @default false
   */
  readonly protectsCloudFrontOrigin?: boolean;
  /** Also block AWS's anonymous IP list (VPNs, Tor, hosting providers). @default false */
  readonly anonymousIpList?: boolean;
  /** ISO country codes to block. @default [] */
  readonly blockedCountries?: readonly string[];
  /** Days to keep WAF logs. @default 365 */
  readonly logRetentionDays?: number;
  /** KMS key (same region as the log group) for the logs. @default the AWS-managed key */
  readonly logKmsKeyArn?: pulumi.Input<string>;
  /**
   * The resource a REGIONAL ACL protects (a load balancer's ARN); the association is named like
   * the ACL. @default none (a CLOUDFRONT ACL is attached by the distribution itself)
   */
  readonly protectedResourceArn?: pulumi.Input<string>;
  readonly tags?: Tags;
}

const managed = (name: string, priority: number) => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
  visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
});

/**
 * A WAFv2 web ACL: AWS managed rule groups (common rule set, known bad inputs, SQL injection, IP
 * reputation, optionally anonymous IPs), a rate-based rule per client IP (not on an ACL behind
 * CloudFront, see `protectsCloudFrontOrigin`), optional country blocking, and logging to a CloudWatch log group named `aws-waf-logs-*` (the prefix WAF
 * requires) with the Authorization and Cookie headers redacted.
 */
export class WebAcl extends pulumi.ComponentResource {
  readonly acl: aws.wafv2.WebAcl;
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: WebAclArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:WebAcl", name, {}, opts);
    const child = { parent: this };
    const region = args.region;
    const behindCloudFront = args.protectsCloudFrontOrigin ?? false;
    if (behindCloudFront === (args.rateLimit !== undefined)) {
      throw new Error(
        `WebAcl ${name}: ${behindCloudFront ? "an ACL protecting a CloudFront origin takes no rateLimit (every source IP is a CloudFront edge's)" : "expected a rateLimit"}`,
      );
    }
    const rules: aws.types.input.wafv2.WebAclRule[] = [
      managed("AWSManagedRulesCommonRuleSet", 10),
      managed("AWSManagedRulesKnownBadInputsRuleSet", 20),
      managed("AWSManagedRulesSQLiRuleSet", 30),
      managed("AWSManagedRulesAmazonIpReputationList", 40),
      ...(args.anonymousIpList ? [managed("AWSManagedRulesAnonymousIpList", 50)] : []),
      ...(args.rateLimit !== undefined
        ? [
            {
              name: "rate-per-ip",
              priority: 1,
              action: { block: {} },
              statement: { rateBasedStatement: { limit: args.rateLimit, aggregateKeyType: "IP" } },
              visibilityConfig: {
                cloudwatchMetricsEnabled: true,
                metricName: "rate-per-ip",
                sampledRequestsEnabled: true,
              },
            },
          ]
        : []),
      ...((args.blockedCountries ?? []).length > 0
        ? [
            {
              name: "blocked-countries",
              priority: 2,
              action: { block: {} },
              statement: { geoMatchStatement: { countryCodes: [...(args.blockedCountries ?? [])] } },
              visibilityConfig: {
                cloudwatchMetricsEnabled: true,
                metricName: "blocked-countries",
                sampledRequestsEnabled: true,
              },
            },
          ]
        : []),
    ];
    this.acl = new aws.wafv2.WebAcl(
      name,
      {
        region,
        scope: args.scope,
        defaultAction: { allow: {} },
        rules,
        visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
        tags: tagsFor(args.tags, name, behindCloudFront ? { [TAG.exposure]: EXPOSURE.cloudfrontOrigin } : {}),
      },
      child,
    );
    const logs = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        region,
        name: `aws-waf-logs-${name}`,
        retentionInDays: args.logRetentionDays ?? CDN_DEFAULTS.logRetentionDays,
        kmsKeyId: args.logKmsKeyArn,
        tags: tagsFor(args.tags, `${name}-logs`),
      },
      child,
    );
    new aws.wafv2.WebAclLoggingConfiguration(
      name,
      {
        region,
        resourceArn: this.acl.arn,
        logDestinationConfigs: [logs.arn],
        redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
      },
      child,
    );
    if (args.protectedResourceArn !== undefined) {
      new aws.wafv2.WebAclAssociation(
        name,
        { region, resourceArn: args.protectedResourceArn, webAclArn: this.acl.arn },
        child,
      );
    }
    this.arn = this.acl.arn;
    this.registerOutputs({ arn: this.arn });
  }
}
