import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PORT, TAG } from "../../src/conventions";
import { tagsFor, type Tags } from "../lib/tags";
import { AutoScalingFleet, type Capacity } from "./fleet";
import { AppLoadBalancer, type LoadBalancerSource } from "./load-balancer";
import { ScalingPolicies, type ScalingPoliciesArgs, type ScheduledAction } from "./scaling";
import { TIER_DEFAULTS } from "../../src/config/defaults";

/** How a tier scales: the four kinds of scaling policy (see {@link ScalingPolicies}). */
export interface TierScaling {
  /** Target tracking on average CPU, percent. */
  readonly cpuTarget: number;
  /** Target tracking on ALB requests per target; 0 or absent disables it. @default none */
  readonly requestsPerTarget?: number;
  /** Step scaling out from CPU alarms, above `cpuTarget` (thresholds in percent). @default none */
  readonly step?: { readonly scaleOutAt: number; readonly scaleOutFastAt: number };
  /** Predictive scaling on CPU (the CPU target is its target). @default none */
  readonly predictive?: { readonly mode: "ForecastOnly" | "ForecastAndScale" };
  /** Scheduled actions. @default [] */
  readonly scheduled?: readonly ScheduledAction[];
}

/** A peer region the tier's instances may reach, by CIDR (security groups cannot span regions). */
export interface TierPeer {
  /** The peer's region: it keys the egress rules' names. */
  readonly region: string;
  readonly cidr: string;
  /** TCP ports the instances may reach there (the data stores' ports), one rule each. */
  readonly ports: readonly number[];
}

/** Arguments of {@link Tier}. */
export interface TierArgs {
  /** The region of every resource of the tier. */
  readonly region: string;
  /** The tier's role in the request path, e.g. "web"; tagged as `platform:tier-name`. */
  readonly tierName: string;
  readonly vpcId: pulumi.Input<string>;
  /** The VPC's CIDR: instances may reach anything inside it (the receivers' groups decide). */
  readonly vpcCidr: string;
  /** Peer VPCs the instances may reach, on the given ports only. @default [] (none) */
  readonly peers?: readonly TierPeer[];
  /** Subnets of the load balancer (public for internet-facing). */
  readonly loadBalancerSubnetIds: readonly pulumi.Input<string>[];
  /** Private subnets of the instances. */
  readonly instanceSubnetIds: readonly pulumi.Input<string>[];
  /** An internal load balancer (private subnets) instead of an internet-facing one. */
  readonly internal: boolean;
  /** Who may connect to the load balancer. */
  readonly source: LoadBalancerSource;
  /** The HTTPS listener's certificate, issued in the tier's region. */
  readonly certificateArn: pulumi.Input<string>;
  /** The bucket that receives the load balancer's access logs. */
  readonly accessLogBucket: pulumi.Input<string>;
  /** Resources the load balancer waits for (the log bucket policy). @default [] */
  readonly loadBalancerDependsOn?: readonly pulumi.Resource[];
  /** Route 53 health checkers' prefix list and the path they may call without the header. @default none */
  readonly healthChecks?: { readonly prefixListId: string; readonly path: string };
  /** A header the load balancer requires (CloudFront's origin secret). @default none */
  readonly requiredHeader?: { readonly name: string; readonly value: pulumi.Input<string> };
  /** Customer-managed key of the instances' volumes. */
  readonly volumeKmsKeyArn: pulumi.Input<string>;
  /** The instances' user data, as plain text. @default none */
  readonly userData?: string;
  /** The group's bounds (the posture's, for a standby region). */
  readonly capacity: Capacity;
  /** Instance types, most preferred first. */
  readonly instanceTypes: readonly string[];
  /** SSM parameter of the AMI, read at deploy time through `resolve:ssm:`. */
  readonly amiParameter: string;
  /** On-demand instances before any Spot. @default 0 */
  readonly onDemandBaseCapacity?: number;
  /** Percentage of capacity above the on-demand base that runs on Spot. @default 0 */
  readonly spotPercentage?: number;
  /** The instances' traffic port. @default 8080 */
  readonly port?: number;
  /** The load balancer's health check path on the instances. @default "/health" */
  readonly healthCheckPath?: string;
  /** Seconds before a new instance's health checks count. @default 300 */
  readonly healthCheckGracePeriodSeconds?: number;
  /** Seconds a deregistering target keeps serving in-flight requests. @default 30 */
  readonly deregistrationDelaySeconds?: number;
  /** Seconds a new instance needs before its metrics count. @default 180 */
  readonly instanceWarmupSeconds?: number;
  /** Seconds between simple scaling activities. @default 300 */
  readonly cooldownSeconds?: number;
  /** Instance refresh keeps at least this share of capacity healthy. @default 90 */
  readonly minHealthyPercentage?: number;
  /** Managed policies added to the instance role beyond AmazonSSMManagedInstanceCore. @default [] */
  readonly managedPolicyArns?: readonly string[];
  /** A warm pool of pre-initialised instances (one type, no Spot). @default none */
  readonly warmPool?: { readonly minSize: number; readonly state: "Stopped" | "Hibernated" | "Running" };
  /** How the group scales. */
  readonly scaling: TierScaling;
  /**
   * A name for the load balancer that resolves only inside the VPC: a Route 53 private hosted zone
   * of exactly this name, associated with `vpcId`, whose apex is an alias of the load balancer
   * (for an internal load balancer whose certificate carries the name). A zone of the one name
   * shadows nothing else of the domain inside the VPC. @default none
   */
  readonly privateDnsName?: string;
  /** Tags for the instances only, e.g. what their user data reads from metadata. @default {} */
  readonly instanceTags?: Tags;
  /** The tier keeps no state on its instances (sessions live in the cache). @default true */
  readonly stateless?: boolean;
  /** Tags for every resource. @default {} */
  readonly tags?: Tags;
}

/**
 * One tier of the request path: an Application Load Balancer in front of an Auto Scaling group,
 * the instances' security group (admitting only the load balancer), and the four kinds of
 * scaling policy.
 */
export class Tier extends pulumi.ComponentResource {
  readonly loadBalancer: AppLoadBalancer;
  readonly fleet: AutoScalingFleet;
  readonly instanceSecurityGroupId: pulumi.Output<string>;
  /** The private hosted zone of `privateDnsName`, when given. */
  readonly privateZone?: aws.route53.Zone;

  constructor(name: string, args: TierArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:compute:Tier", name, {}, opts);
    const child = { parent: this };
    const region = args.region;
    const port = args.port ?? TIER_DEFAULTS.web.port;
    const warmup = args.instanceWarmupSeconds ?? TIER_DEFAULTS.web.instanceWarmupSeconds;
    const tags: Tags = {
      ...(args.tags ?? {}),
      [TAG.tierName]: args.tierName,
      [TAG.stateless]: String(args.stateless ?? true),
    };

    this.loadBalancer = new AppLoadBalancer(
      `${name}-alb`,
      {
        region,
        vpcId: args.vpcId,
        subnetIds: args.loadBalancerSubnetIds,
        internal: args.internal,
        source: args.source,
        certificateArn: args.certificateArn,
        accessLogBucket: args.accessLogBucket,
        dependsOn: args.loadBalancerDependsOn,
        targetPort: port,
        healthCheckPath: args.healthCheckPath ?? TIER_DEFAULTS.web.healthCheckPath,
        deregistrationDelaySeconds:
          args.deregistrationDelaySeconds ?? TIER_DEFAULTS.web.deregistrationDelaySeconds,
        requiredHeader: args.requiredHeader,
        healthChecks: args.healthChecks,
        tags,
      },
      child,
    );
    const lbSg = this.loadBalancer.securityGroupIds[0];

    const sgName = `${name}-instances`;
    const sg = new aws.ec2.SecurityGroup(
      sgName,
      {
        region,
        vpcId: args.vpcId,
        // No apostrophes: EC2 accepts only a-zA-Z0-9, space and ._-:/()#,@[]+=&;{}!$* in group and rule
        // descriptions (CreateSecurityGroup API reference); preflight-security-group-descriptions checks.
        description: `${args.tierName} instances: traffic port from the tier load balancer only`,
        tags: tagsFor(tags, sgName),
      },
      child,
    );
    this.instanceSecurityGroupId = sg.id;
    type RuleProps = Omit<aws.vpc.SecurityGroupIngressRuleArgs, "securityGroupId" | "tags" | "region">;
    const rule = (kind: "in" | "out", suffix: string, props: RuleProps, aliases: pulumi.Alias[] = []) => {
      const n = `${name}-${kind}-${suffix}`;
      const ruleArgs = { region, securityGroupId: sg.id, tags: tagsFor(tags, n), ...props };
      const ruleOpts = { ...child, aliases };
      return kind === "in"
        ? new aws.vpc.SecurityGroupIngressRule(n, ruleArgs, ruleOpts)
        : new aws.vpc.SecurityGroupEgressRule(n, ruleArgs, ruleOpts);
    };
    rule("in", "lb", {
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: lbSg,
      description: "traffic port from the load balancer",
    });
    rule("out", "https", {
      ipProtocol: "tcp",
      fromPort: PORT.https,
      toPort: PORT.https,
      cidrIpv4: "0.0.0.0/0",
      description: "HTTPS out (AWS APIs, packages)",
    });
    rule("out", "vpc", { ipProtocol: "-1", cidrIpv4: args.vpcCidr, description: "anything inside the VPC" });
    // Keyed by the peer's region and port. The first port's rule carries the aliases of the
    // all-traffic rule it narrows ("peer-<region>", and "peer<i>" by position before that): the
    // change of protocol and ports is an in-place ModifySecurityGroupRules (terraform-provider-aws
    // vpc_security_group_egress_rule), not a replacement.
    (args.peers ?? []).forEach((peer, i) =>
      peer.ports.forEach((port, j) =>
        rule(
          "out",
          `peer-${peer.region}-${port}`,
          {
            ipProtocol: "tcp",
            fromPort: port,
            toPort: port,
            cidrIpv4: peer.cidr,
            description: `peer VPC ${peer.cidr} port ${port}`,
          },
          j === 0 ? [{ name: `${name}-out-peer-${peer.region}` }, { name: `${name}-out-peer${i}` }] : [],
        ),
      ),
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-lb-out-targets`,
      {
        region,
        securityGroupId: lbSg,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        referencedSecurityGroupId: sg.id,
        description: "to the tier instances",
        tags: tagsFor(tags, `${name}-lb-out-targets`),
      },
      child,
    );

    this.fleet = new AutoScalingFleet(
      `${name}-asg`,
      {
        region,
        subnetIds: args.instanceSubnetIds,
        imageId: `resolve:ssm:${args.amiParameter}`,
        instanceTypes: args.instanceTypes,
        volumeKmsKeyArn: args.volumeKmsKeyArn,
        securityGroupIds: [sg.id],
        managedPolicyArns: args.managedPolicyArns,
        userData: args.userData,
        capacity: args.capacity,
        onDemandBaseCapacity: args.onDemandBaseCapacity,
        spotPercentage: args.spotPercentage,
        targetGroupArns: [this.loadBalancer.targetGroup.arn],
        healthCheckGracePeriodSeconds: args.healthCheckGracePeriodSeconds,
        instanceWarmupSeconds: warmup,
        cooldownSeconds: args.cooldownSeconds,
        minHealthyPercentage: args.minHealthyPercentage,
        warmPool: args.warmPool,
        tags,
        instanceTags: args.instanceTags,
      },
      child,
    );

    if (args.privateDnsName) {
      // Inside an associated VPC the most specific zone answers, and a private zone without a
      // matching record answers NXDOMAIN, never the public zone (Route 53 developer guide,
      // "Considerations when working with a private hosted zone"; the VPC needs DNS support and
      // hostnames, which it has): a zone of the one name keeps the rest of the domain
      // (origin.<domain>, ...) resolving publicly there.
      const zone = new aws.route53.Zone(
        `${name}-private-dns`,
        {
          name: args.privateDnsName,
          comment: `${args.tierName} load balancer inside its VPC`,
          vpcs: [{ vpcId: args.vpcId, vpcRegion: region }],
          tags: tagsFor(tags, `${name}-private-dns`),
        },
        child,
      );
      new aws.route53.Record(
        `${name}-private-dns`,
        {
          // A hosted zone's resource ID is its zone ID.
          zoneId: zone.id,
          name: args.privateDnsName,
          type: "A",
          aliases: [
            {
              name: this.loadBalancer.dnsName,
              zoneId: this.loadBalancer.zoneId,
              evaluateTargetHealth: true,
            },
          ],
        },
        child,
      );
      this.privateZone = zone;
    }

    const sc = args.scaling;
    const requests = sc.requestsPerTarget ?? 0;
    const scaling: ScalingPoliciesArgs = {
      region,
      groupName: this.fleet.groupName,
      instanceWarmupSeconds: warmup,
      cpuTarget: sc.cpuTarget,
      requestsPerTarget:
        requests > 0
          ? {
              target: requests,
              resourceLabel: pulumi.interpolate`${this.loadBalancer.arnSuffix}/${this.loadBalancer.targetGroupArnSuffix}`,
            }
          : undefined,
      step: sc.step,
      predictive: sc.predictive ? { mode: sc.predictive.mode, cpuTarget: sc.cpuTarget } : undefined,
      scheduled: sc.scheduled,
      tags,
    };
    new ScalingPolicies(`${name}-scaling`, scaling, child);

    this.registerOutputs({ instanceSecurityGroupId: this.instanceSecurityGroupId });
  }
}
