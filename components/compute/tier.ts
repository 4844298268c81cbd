import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";
import { AutoScalingFleet, type Capacity } from "./fleet";
import { AppLoadBalancer, type LoadBalancerSource } from "./load-balancer";
import { ScalingPolicies, type ScalingPoliciesArgs, type ScheduledAction } from "./scaling";

/** How a tier runs and scales (the stack maps its config onto this). */
export interface TierSettings {
  readonly instanceTypes: readonly string[];
  /** SSM parameter of the AMI, read at deploy time through `resolve:ssm:`. */
  readonly amiParameter: string;
  readonly onDemandBaseCapacity: number;
  readonly spotPercentage: number;
  readonly port: number;
  readonly healthCheckPath: string;
  readonly healthCheckGracePeriodSeconds: number;
  readonly deregistrationDelaySeconds: number;
  readonly instanceWarmupSeconds: number;
  readonly cooldownSeconds: number;
  readonly minHealthyPercentage: number;
  readonly managedPolicyArns: readonly string[];
  readonly warmPool?: { readonly minSize: number; readonly state: "Stopped" | "Hibernated" | "Running" };
  readonly scaling: {
    readonly cpuTarget: number;
    /** 0 disables request-count tracking. */
    readonly requestsPerTarget: number;
    readonly step: {
      readonly enabled: boolean;
      readonly scaleOutAt: number;
      readonly scaleOutFastAt: number;
      readonly scaleInAt: number;
    };
    readonly predictive: { readonly enabled: boolean; readonly mode: "ForecastOnly" | "ForecastAndScale" };
    readonly scheduled: readonly ScheduledAction[];
  };
}

/** Arguments of {@link Tier}. */
export interface TierArgs {
  /** The tier's role in the request path, e.g. "web"; tagged as `platform:tier-name`. */
  readonly tierName: string;
  readonly vpcId: pulumi.Input<string>;
  /** The VPC's CIDR: instances may reach anything inside it (the receivers' groups decide). */
  readonly vpcCidr: string;
  /** Peer VPC CIDRs the instances may reach (security groups cannot reference across regions). @default [] */
  readonly peerCidrs?: readonly string[];
  /** Subnets of the load balancer (public for internet-facing). */
  readonly loadBalancerSubnetIds: readonly pulumi.Input<string>[];
  /** Private subnets of the instances. */
  readonly instanceSubnetIds: readonly pulumi.Input<string>[];
  readonly internal: boolean;
  readonly source: LoadBalancerSource;
  readonly certificateArn: pulumi.Input<string>;
  readonly accessLogBucket: pulumi.Input<string>;
  /** Resources the load balancer waits for (the log bucket policy). @default [] */
  readonly loadBalancerDependsOn?: readonly pulumi.Resource[];
  /** Route 53 health checkers' prefix list and the path they may call without the header. @default none */
  readonly healthChecks?: { readonly prefixListId: string; readonly path: string };
  /** A header the load balancer requires (CloudFront's origin secret). @default none */
  readonly requiredHeader?: { readonly name: string; readonly value: pulumi.Input<string> };
  readonly volumeKmsKeyArn: pulumi.Input<string>;
  readonly userData?: string;
  readonly capacity: Capacity;
  readonly settings: TierSettings;
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

  constructor(name: string, args: TierArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:compute:Tier", name, {}, opts);
    const child = { parent: this };
    const s = args.settings;
    const tags: Tags = {
      ...(args.tags ?? {}),
      "platform:tier-name": args.tierName,
      "platform:stateless": String(args.stateless ?? true),
    };

    this.loadBalancer = new AppLoadBalancer(
      `${name}-alb`,
      {
        vpcId: args.vpcId,
        subnetIds: args.loadBalancerSubnetIds,
        internal: args.internal,
        source: args.source,
        certificateArn: args.certificateArn,
        accessLogBucket: args.accessLogBucket,
        dependsOn: args.loadBalancerDependsOn,
        targetPort: s.port,
        healthCheckPath: s.healthCheckPath,
        deregistrationDelaySeconds: s.deregistrationDelaySeconds,
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
        vpcId: args.vpcId,
        description: `${args.tierName} instances: traffic port from the tier's load balancer only`,
        tags: tagsFor(tags, sgName),
      },
      child,
    );
    this.instanceSecurityGroupId = sg.id;
    type RuleProps = Omit<aws.vpc.SecurityGroupIngressRuleArgs, "securityGroupId" | "tags">;
    const rule = (kind: "in" | "out", suffix: string, props: RuleProps) => {
      const n = `${name}-${kind}-${suffix}`;
      const ruleArgs = { securityGroupId: sg.id, tags: tagsFor(tags, n), ...props };
      return kind === "in"
        ? new aws.vpc.SecurityGroupIngressRule(n, ruleArgs, child)
        : new aws.vpc.SecurityGroupEgressRule(n, ruleArgs, child);
    };
    rule("in", "lb", {
      ipProtocol: "tcp",
      fromPort: s.port,
      toPort: s.port,
      referencedSecurityGroupId: lbSg,
      description: "traffic port from the load balancer",
    });
    rule("out", "https", {
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
      description: "HTTPS out (AWS APIs, packages)",
    });
    rule("out", "vpc", { ipProtocol: "-1", cidrIpv4: args.vpcCidr, description: "anything inside the VPC" });
    (args.peerCidrs ?? []).forEach((cidr, i) =>
      rule("out", `peer${i}`, { ipProtocol: "-1", cidrIpv4: cidr, description: `peer VPC ${cidr}` }),
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-lb-out-targets`,
      {
        securityGroupId: lbSg,
        ipProtocol: "tcp",
        fromPort: s.port,
        toPort: s.port,
        referencedSecurityGroupId: sg.id,
        description: "to the tier's instances",
        tags: tagsFor(tags, `${name}-lb-out-targets`),
      },
      child,
    );

    this.fleet = new AutoScalingFleet(
      `${name}-asg`,
      {
        subnetIds: args.instanceSubnetIds,
        imageId: `resolve:ssm:${s.amiParameter}`,
        instanceTypes: s.instanceTypes,
        volumeKmsKeyArn: args.volumeKmsKeyArn,
        securityGroupIds: [sg.id],
        managedPolicyArns: s.managedPolicyArns,
        userData: args.userData,
        capacity: args.capacity,
        onDemandBaseCapacity: s.onDemandBaseCapacity,
        spotPercentage: s.spotPercentage,
        targetGroupArns: [this.loadBalancer.targetGroup.arn],
        healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds,
        instanceWarmupSeconds: s.instanceWarmupSeconds,
        cooldownSeconds: s.cooldownSeconds,
        minHealthyPercentage: s.minHealthyPercentage,
        warmPool: s.warmPool,
        tags,
      },
      child,
    );

    const sc = s.scaling;
    const scaling: ScalingPoliciesArgs = {
      groupName: this.fleet.groupName,
      instanceWarmupSeconds: s.instanceWarmupSeconds,
      cpuTarget: sc.cpuTarget,
      requestsPerTarget:
        sc.requestsPerTarget > 0
          ? {
              target: sc.requestsPerTarget,
              resourceLabel: pulumi.interpolate`${this.loadBalancer.arnSuffix}/${this.loadBalancer.targetGroupArnSuffix}`,
            }
          : undefined,
      step: sc.step.enabled ? sc.step : undefined,
      predictive: sc.predictive.enabled ? { mode: sc.predictive.mode, cpuTarget: sc.cpuTarget } : undefined,
      scheduled: sc.scheduled,
      tags,
    };
    new ScalingPolicies(`${name}-scaling`, scaling, child);

    this.registerOutputs({ instanceSecurityGroupId: this.instanceSecurityGroupId });
  }
}
