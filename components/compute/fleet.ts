import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";
import { TIER_DEFAULTS } from "../../src/config/defaults";

/** The tier defaults both tiers share, which are this component's defaults too. */
const T = TIER_DEFAULTS.web;

/** Capacity bounds of a group. */
export interface Capacity {
  readonly min: number;
  readonly max: number;
  /** Applied at creation only: afterwards the scaling policies own it. */
  readonly desired: number;
}

/** Arguments of {@link AutoScalingFleet}. */
export interface AutoScalingFleetArgs {
  /** The region of the launch template, the group and their children. */
  readonly region: string;
  /** Private subnets, one per zone; the group spreads across all of them. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** The AMI, e.g. "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64". */
  readonly imageId: string;
  /** Instance types, most preferred first; more than one (or any Spot) makes a mixed instances policy. */
  readonly instanceTypes: readonly string[];
  /** Customer-managed KMS key of the root volumes (its policy must admit the Auto Scaling role). */
  readonly volumeKmsKeyArn: pulumi.Input<string>;
  /** Root volume size in GiB. @default 30 */
  readonly volumeSizeGiB?: number;
  /** Security groups of the instances. */
  readonly securityGroupIds: readonly pulumi.Input<string>[];
  /** Managed policies added to the instance role beyond AmazonSSMManagedInstanceCore. @default [] */
  readonly managedPolicyArns?: readonly string[];
  /** The instances' user data, as plain text (encoded here). @default none */
  readonly userData?: string;
  readonly capacity: Capacity;
  /** On-demand instances before any Spot. @default 0 */
  readonly onDemandBaseCapacity?: number;
  /** Percentage of capacity above the base that runs on Spot. @default 0 */
  readonly spotPercentage?: number;
  /** Target groups the instances register with; health checks then come from the load balancer. */
  readonly targetGroupArns: readonly pulumi.Input<string>[];
  /** Seconds before a new instance's health checks count. @default 300 */
  readonly healthCheckGracePeriodSeconds?: number;
  /** Seconds a new instance needs before its metrics count. @default 180 */
  readonly instanceWarmupSeconds?: number;
  /** Seconds between simple scaling activities. @default 300 */
  readonly cooldownSeconds?: number;
  /** Instance refresh keeps at least this share of capacity healthy. @default 90 */
  readonly minHealthyPercentage?: number;
  /** A warm pool of pre-initialised instances; not allowed with Spot or several types. @default none */
  readonly warmPool?: { readonly minSize: number; readonly state: "Stopped" | "Hibernated" | "Running" };
  /** Tags for every resource and, propagated at launch, for the instances. @default {} */
  readonly tags?: Tags;
  /**
   * Tags for the instances only (propagated at launch from the group), e.g. settings the user
   * data reads from instance metadata (the launch template enables metadata tags). @default {}
   */
  readonly instanceTags?: Tags;
}

/**
 * A launch template (IMDSv2 only with hop limit 1, encrypted gp3 root volume, detailed monitoring,
 * no public IP, no key pair: access through SSM Session Manager) and an Auto Scaling group across
 * every given subnet with ELB health checks, rolling instance refresh and capacity rebalancing.
 * The group's desired capacity is ignored after creation, so scaling decisions survive `pulumi up`.
 */
export class AutoScalingFleet extends pulumi.ComponentResource {
  readonly group: aws.autoscaling.Group;
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly role: aws.iam.Role;
  readonly groupName: pulumi.Output<string>;

  constructor(name: string, args: AutoScalingFleetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:compute:AutoScalingFleet", name, {}, opts);
    const child = { parent: this };
    const region = args.region;
    const spot = args.spotPercentage ?? 0;
    const mixed = spot > 0 || args.instanceTypes.length > 1;
    if (args.warmPool && mixed) {
      throw new Error(
        `AutoScalingFleet ${name}: a warm pool is not allowed with Spot or several instance types (AWS rejects it)`,
      );
    }
    const { min, max, desired } = args.capacity;
    if (!(min <= desired && desired <= max)) {
      throw new Error(
        `AutoScalingFleet ${name}: expected min <= desired <= max, got ${min}, ${desired}, ${max}`,
      );
    }

    this.role = new aws.iam.Role(
      name,
      {
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
          ],
        }),
        tags: tagsFor(args.tags, name),
      },
      child,
    );
    const policies = [
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
      ...(args.managedPolicyArns ?? []),
    ];
    // Keyed by the policy's name (was by position: "policy-<i>"), aliased from the old name.
    const seen = new Set<string>();
    policies.forEach((policyArn, i) => {
      const key = policyKey(policyArn);
      if (seen.has(key)) {
        throw new Error(
          `AutoScalingFleet ${name}: two managed policies are both named "${key}" (${policyArn})`,
        );
      }
      seen.add(key);
      new aws.iam.RolePolicyAttachment(
        `${name}-policy-${key}`,
        { role: this.role.name, policyArn },
        { ...child, aliases: [{ name: `${name}-policy-${i}` }] },
      );
    });
    const profile = new aws.iam.InstanceProfile(
      name,
      { role: this.role.name, tags: tagsFor(args.tags, name) },
      child,
    );

    this.launchTemplate = new aws.ec2.LaunchTemplate(
      name,
      {
        region,
        imageId: args.imageId,
        instanceType: args.instanceTypes[0],
        iamInstanceProfile: { arn: profile.arn },
        metadataOptions: {
          httpEndpoint: "enabled",
          httpTokens: "required",
          httpPutResponseHopLimit: 1,
          instanceMetadataTags: "enabled",
        },
        monitoring: { enabled: true },
        networkInterfaces: [
          {
            deviceIndex: 0,
            associatePublicIpAddress: "false",
            securityGroups: [...args.securityGroupIds],
            deleteOnTermination: "true",
          },
        ],
        blockDeviceMappings: [
          {
            deviceName: "/dev/xvda",
            ebs: {
              volumeType: "gp3",
              volumeSize: args.volumeSizeGiB ?? 30,
              encrypted: "true",
              kmsKeyId: args.volumeKmsKeyArn,
              deleteOnTermination: "true",
            },
          },
        ],
        userData: args.userData ? Buffer.from(args.userData).toString("base64") : undefined,
        updateDefaultVersion: true,
        tagSpecifications: [
          { resourceType: "instance", tags: tagsFor(args.tags, name) },
          { resourceType: "volume", tags: tagsFor(args.tags, name) },
        ],
        tags: tagsFor(args.tags, name),
      },
      child,
    );
    const template = { id: this.launchTemplate.id, version: this.launchTemplate.latestVersion.apply(String) };

    this.group = new aws.autoscaling.Group(
      name,
      {
        region,
        vpcZoneIdentifiers: [...args.subnetIds],
        minSize: min,
        maxSize: max,
        desiredCapacity: desired,
        healthCheckType: "ELB",
        healthCheckGracePeriod: args.healthCheckGracePeriodSeconds ?? T.healthCheckGracePeriodSeconds,
        defaultInstanceWarmup: args.instanceWarmupSeconds ?? T.instanceWarmupSeconds,
        defaultCooldown: args.cooldownSeconds ?? T.cooldownSeconds,
        targetGroupArns: [...args.targetGroupArns],
        capacityRebalance: mixed && spot > 0,
        ...(mixed
          ? {
              mixedInstancesPolicy: {
                instancesDistribution: {
                  onDemandBaseCapacity: args.onDemandBaseCapacity ?? 0,
                  onDemandPercentageAboveBaseCapacity: 100 - spot,
                  onDemandAllocationStrategy: "prioritized",
                  spotAllocationStrategy: "price-capacity-optimized",
                },
                launchTemplate: {
                  launchTemplateSpecification: { launchTemplateId: template.id, version: template.version },
                  overrides: args.instanceTypes.map((instanceType) => ({ instanceType })),
                },
              },
            }
          : { launchTemplate: template }),
        ...(args.warmPool
          ? {
              warmPool: {
                minSize: args.warmPool.minSize,
                poolState: args.warmPool.state,
                instanceReusePolicy: { reuseOnScaleIn: true },
              },
            }
          : {}),
        instanceRefresh: {
          strategy: "Rolling",
          preferences: {
            minHealthyPercentage: args.minHealthyPercentage ?? T.minHealthyPercentage,
            instanceWarmup: String(args.instanceWarmupSeconds ?? T.instanceWarmupSeconds),
          },
        },
        enabledMetrics: [
          "GroupMinSize",
          "GroupMaxSize",
          "GroupDesiredCapacity",
          "GroupInServiceInstances",
          "GroupPendingInstances",
          "GroupTerminatingInstances",
          "GroupTotalInstances",
        ],
        tags: Object.entries({ ...tagsFor(args.tags, name), ...(args.instanceTags ?? {}) }).map(
          ([key, value]) => ({
            key,
            value,
            propagateAtLaunch: true,
          }),
        ),
      },
      { ...child, ignoreChanges: ["desiredCapacity"] },
    );
    this.groupName = this.group.name;
    this.registerOutputs({ groupName: this.groupName });
  }
}

/** A stable key for a managed policy: its path and name ("service-role/X" becomes "service-role-X"). */
export function policyKey(policyArn: string): string {
  const at = policyArn.indexOf(":policy/");
  const path = at >= 0 ? policyArn.slice(at + ":policy/".length) : policyArn;
  return path.replace(/[^A-Za-z0-9_.+=@-]+/g, "-");
}
