import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_TLS_POLICY } from "../lib/elb";
import { EXPOSURE, PORT, TAG } from "../../src/conventions";
import { tagsFor, type Tags } from "../lib/tags";

/** Where a load balancer accepts HTTPS (443) and HTTP (80, redirected) from. */
export type LoadBalancerSource =
  /** A managed prefix list, e.g. CloudFront's origin-facing list. */
  | { readonly prefixListId: string }
  /**
   * Security groups of the same region, e.g. the web tier's instances, each with a name that
   * keys its rules (e.g. "web").
   */
  | { readonly securityGroups: readonly LoadBalancerCaller[] };

/** A security group allowed to call a load balancer, and the stable name its rules are keyed by. */
export interface LoadBalancerCaller {
  /** Unique among the callers, e.g. "web". */
  readonly name: string;
  readonly securityGroupId: pulumi.Input<string>;
}

/** Arguments of {@link AppLoadBalancer}. */
export interface AppLoadBalancerArgs {
  /** The region of the load balancer and every resource of it. */
  readonly region: string;
  readonly vpcId: pulumi.Input<string>;
  /** Subnets in at least two zones: public ones for an internet-facing ALB, private ones otherwise. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** An internal (private) load balancer instead of an internet-facing one. */
  readonly internal: boolean;
  /** Who may connect. */
  readonly source: LoadBalancerSource;
  /** The ACM certificate of the HTTPS listener (issued in the ALB's region). */
  readonly certificateArn: pulumi.Input<string>;
  /** The HTTPS listener's security policy. @default "ELBSecurityPolicy-TLS13-1-2-2021-06" */
  readonly sslPolicy?: string;
  /** The bucket that receives access logs. */
  readonly accessLogBucket: pulumi.Input<string>;
  /** Resources the ALB must wait for, e.g. the log bucket's policy. @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** The instances' port. */
  readonly targetPort: number;
  /** The health check path on the instances. */
  readonly healthCheckPath: string;
  /** Seconds a deregistering target keeps serving in-flight requests. */
  readonly deregistrationDelaySeconds: number;
  /**
   * A header every request must carry, e.g. CloudFront's secret origin header. Without it the
   * listener answers 403; with it, it forwards. @default none: every request is forwarded
   */
  readonly requiredHeader?: { readonly name: string; readonly value: pulumi.Input<string> };
  /**
   * Route 53 health checkers: their region's managed prefix list may reach the HTTPS listener, and
   * the health path is answered without `requiredHeader` (health checkers cannot send it).
   * @default none
   */
  readonly healthChecks?: { readonly prefixListId: string; readonly path: string };
  /** Refuse deletion of the load balancer through the API. @default true */
  readonly deletionProtection?: boolean;
  /** Tags for every resource; each also gets a `Name`. @default {} */
  readonly tags?: Tags;
}

/**
 * An Application Load Balancer with its security groups, an HTTPS listener (TLS 1.3 policy), an
 * HTTP listener that redirects to HTTPS, and one target group of instances. Access logs to S3,
 * invalid header fields dropped, strictest desync mitigation, deletion protection, no stickiness.
 *
 * A prefix-list source gets two security groups, one for 443 and one for 80: each reference to
 * the CloudFront origin-facing list counts as that list's maximum size (dozens of rules) against
 * the per-group rule quota, so both ports in one group would exceed the default quota of 60.
 */
export class AppLoadBalancer extends pulumi.ComponentResource {
  readonly loadBalancer: aws.lb.LoadBalancer;
  readonly targetGroup: aws.lb.TargetGroup;
  readonly httpsListener: aws.lb.Listener;
  /** The load balancer's security groups; targets should admit the first. */
  readonly securityGroupIds: pulumi.Output<string>[];
  readonly dnsName: pulumi.Output<string>;
  readonly zoneId: pulumi.Output<string>;
  readonly arnSuffix: pulumi.Output<string>;
  readonly targetGroupArnSuffix: pulumi.Output<string>;

  constructor(name: string, args: AppLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:compute:AppLoadBalancer", name, {}, opts);
    const child = { parent: this };
    const region = args.region;
    const tags = (n: string) =>
      tagsFor(args.tags, n, {
        [TAG.exposure]: args.internal ? EXPOSURE.internal : EXPOSURE.cloudfrontOrigin,
      });

    const groups: aws.ec2.SecurityGroup[] = [];
    const group = (suffix: string, description: string) => {
      const n = `${name}-${suffix}`;
      const sg = new aws.ec2.SecurityGroup(
        n,
        { region, vpcId: args.vpcId, description, tags: tags(n) },
        child,
      );
      groups.push(sg);
      return sg;
    };
    const ingress = (
      sg: aws.ec2.SecurityGroup,
      port: number,
      from: { prefixListId?: string; referencedSecurityGroupId?: pulumi.Input<string> },
      label: string,
      aliases: pulumi.Alias[] = [],
    ) =>
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-in-${port}-${label}`,
        {
          region,
          securityGroupId: sg.id,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          ...from,
          description: `${port} from ${label}`,
          tags: tags(`${name}-in-${port}-${label}`),
        },
        { ...child, aliases },
      );
    if ("prefixListId" in args.source) {
      const https = group("https", "HTTPS from CloudFront origin-facing servers only");
      const http = group("http", "HTTP (redirected to HTTPS) from CloudFront origin-facing servers only");
      ingress(https, 443, { prefixListId: args.source.prefixListId }, "cloudfront");
      ingress(http, 80, { prefixListId: args.source.prefixListId }, "cloudfront");
      if (args.healthChecks) {
        const health = group("health", "HTTPS from Route 53 health checkers only (the health path)");
        ingress(health, 443, { prefixListId: args.healthChecks.prefixListId }, "route53");
      }
    } else {
      const sg = group("lb", "HTTPS and HTTP (redirected) from the calling tier only");
      // Keyed by the caller's name (was by position: "caller<i>"), aliased from the old name.
      args.source.securityGroups.forEach(({ name: caller, securityGroupId }, i) => {
        for (const port of [PORT.https, PORT.http]) {
          ingress(sg, port, { referencedSecurityGroupId: securityGroupId }, caller, [
            { name: `${name}-in-${port}-caller${i}` },
          ]);
        }
      });
    }
    this.securityGroupIds = groups.map((g) => g.id);

    this.loadBalancer = new aws.lb.LoadBalancer(
      name,
      {
        region,
        loadBalancerType: "application",
        internal: args.internal,
        securityGroups: this.securityGroupIds,
        subnets: [...args.subnetIds],
        enableDeletionProtection: args.deletionProtection ?? true,
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "strictest",
        enableHttp2: true,
        idleTimeout: 60,
        accessLogs: { bucket: args.accessLogBucket, prefix: name, enabled: true },
        tags: tags(name),
      },
      { ...child, dependsOn: [...(args.dependsOn ?? [])] },
    );
    this.targetGroup = new aws.lb.TargetGroup(
      name,
      {
        region,
        vpcId: args.vpcId,
        port: args.targetPort,
        protocol: "HTTP",
        targetType: "instance",
        deregistrationDelay: args.deregistrationDelaySeconds,
        stickiness: { type: "lb_cookie", enabled: false },
        healthCheck: {
          enabled: true,
          path: args.healthCheckPath,
          protocol: "HTTP",
          port: "traffic-port",
          matcher: "200-399",
          interval: 15,
          timeout: 5,
          healthyThreshold: 3,
          unhealthyThreshold: 3,
        },
        tags: tags(name),
      },
      child,
    );
    const forward = { type: "forward", targetGroupArn: this.targetGroup.arn };
    this.httpsListener = new aws.lb.Listener(
      `${name}-https`,
      {
        region,
        loadBalancerArn: this.loadBalancer.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: args.sslPolicy ?? DEFAULT_TLS_POLICY,
        certificateArn: args.certificateArn,
        defaultActions: args.requiredHeader
          ? [
              {
                type: "fixed-response",
                fixedResponse: { contentType: "text/plain", statusCode: "403", messageBody: "Forbidden" },
              },
            ]
          : [forward],
        tags: tags(`${name}-https`),
      },
      child,
    );
    if (args.requiredHeader && args.healthChecks) {
      new aws.lb.ListenerRule(
        `${name}-health`,
        {
          region,
          listenerArn: this.httpsListener.arn,
          priority: 5,
          conditions: [{ pathPattern: { values: [args.healthChecks.path] } }],
          actions: [forward],
          tags: tags(`${name}-health`),
        },
        child,
      );
    }
    if (args.requiredHeader) {
      new aws.lb.ListenerRule(
        `${name}-origin-verify`,
        {
          region,
          listenerArn: this.httpsListener.arn,
          priority: 10,
          conditions: [
            { httpHeader: { httpHeaderName: args.requiredHeader.name, values: [args.requiredHeader.value] } },
          ],
          actions: [forward],
          tags: tags(`${name}-origin-verify`),
        },
        child,
      );
    }
    new aws.lb.Listener(
      `${name}-http`,
      {
        region,
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [
          { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
        ],
        tags: tags(`${name}-http`),
      },
      child,
    );
    this.dnsName = this.loadBalancer.dnsName;
    this.zoneId = this.loadBalancer.zoneId;
    this.arnSuffix = this.loadBalancer.arnSuffix;
    this.targetGroupArnSuffix = this.targetGroup.arnSuffix;
    this.registerOutputs({ dnsName: this.dnsName, arnSuffix: this.arnSuffix });
  }
}
