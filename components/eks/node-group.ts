import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyKey } from "../compute/fleet";
import { tagsFor, type Tags } from "../lib/tags";

/** The managed policies of an EKS node role (EKS user guide, "Amazon EKS node IAM role"). */
export const NODE_ROLE_POLICIES = [
  "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
  // The VPC CNI (aws-node) takes the node's credentials: it must assign pod IPs before anything
  // else on the node runs, as AWS's Karpenter reference attaches it to the node role.
  "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
  "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
  "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
] as const;

/** A node role: EC2 may assume it; the EKS worker, CNI, registry pull and SSM policies. */
export function nodeRole(
  name: string,
  tags: Tags | undefined,
  parent: pulumi.Resource,
): { role: aws.iam.Role; attachments: aws.iam.RolePolicyAttachment[] } {
  const role = new aws.iam.Role(
    name,
    {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
      tags: tagsFor(tags, name),
    },
    { parent },
  );
  const attachments = NODE_ROLE_POLICIES.map(
    (policyArn) =>
      new aws.iam.RolePolicyAttachment(
        `${name}-${policyKey(policyArn)}`,
        { role: role.name, policyArn },
        { parent },
      ),
  );
  return { role, attachments };
}

/** Arguments of {@link SystemNodeGroup}. */
export interface SystemNodeGroupArgs {
  /** The region of the node group and its children. */
  readonly region: string;
  readonly clusterName: pulumi.Input<string>;
  /** The cluster's version: the nodes follow the control plane when it is upgraded. */
  readonly kubernetesVersion: pulumi.Input<string>;
  /** Private subnets, one per zone. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** The nodes' groups: the cluster security group (control plane traffic) and the node group. */
  readonly securityGroupIds: readonly pulumi.Input<string>[];
  /** Instance types of one architecture, most preferred first. */
  readonly instanceTypes: readonly string[];
  /** The EKS AMI type, e.g. "AL2023_x86_64_STANDARD". */
  readonly amiType: string;
  readonly scaling: { readonly min: number; readonly max: number; readonly desired: number };
  /** Root volume size in GiB. @default 50 */
  readonly volumeSizeGiB?: number;
  /** Customer-managed KMS key of the root volumes. */
  readonly volumeKmsKeyArn: pulumi.Input<string>;
  /** Kubernetes labels of the nodes. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Kubernetes taints of the nodes. @default [] */
  readonly taints?: readonly { readonly key: string; readonly value: string; readonly effect: string }[];
  /** What the node group waits for: the add-ons a node needs to become Ready. @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** @default {} */
  readonly tags?: Tags;
}

/**
 * A small on-demand EKS managed node group for what must not run on nodes Karpenter manages: its
 * own role (EKS creates its EC2_LINUX access entry), a launch template with IMDSv2 required and hop
 * limit 1 (pods cannot reach the node's credentials; the controllers here get theirs from EKS Pod
 * Identity and their region from config), an encrypted gp3 root volume, and taints so only
 * critical add-ons and the Karpenter controller land there. Desired size is ignored after
 * creation, like the tiers' groups.
 */
export class SystemNodeGroup extends pulumi.ComponentResource {
  readonly nodeGroup: aws.eks.NodeGroup;
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly role: aws.iam.Role;

  constructor(name: string, args: SystemNodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:eks:SystemNodeGroup", name, {}, opts);
    const child = { parent: this };
    const region = args.region;
    const { role, attachments } = nodeRole(`${name}-node`, args.tags, this);
    this.role = role;

    // A managed node group's template may not name an IAM instance profile, subnets or (with
    // instanceTypes on the group) an instance type; EKS adds its own bootstrap user data.
    this.launchTemplate = new aws.ec2.LaunchTemplate(
      name,
      {
        region,
        metadataOptions: {
          httpEndpoint: "enabled",
          httpTokens: "required",
          // EKS security best practices: hop limit 1 keeps pods off the node role's credentials.
          httpPutResponseHopLimit: 1,
        },
        vpcSecurityGroupIds: [...args.securityGroupIds],
        blockDeviceMappings: [
          {
            deviceName: "/dev/xvda",
            ebs: {
              volumeType: "gp3",
              volumeSize: args.volumeSizeGiB ?? 50,
              encrypted: "true",
              kmsKeyId: args.volumeKmsKeyArn,
              deleteOnTermination: "true",
            },
          },
        ],
        monitoring: { enabled: true },
        updateDefaultVersion: true,
        tagSpecifications: [
          { resourceType: "instance", tags: tagsFor(args.tags, name) },
          { resourceType: "volume", tags: tagsFor(args.tags, name) },
        ],
        tags: tagsFor(args.tags, name),
      },
      child,
    );

    this.nodeGroup = new aws.eks.NodeGroup(
      name,
      {
        region,
        clusterName: args.clusterName,
        version: args.kubernetesVersion,
        nodeRoleArn: role.arn,
        subnetIds: [...args.subnetIds],
        capacityType: "ON_DEMAND",
        amiType: args.amiType,
        instanceTypes: [...args.instanceTypes],
        scalingConfig: {
          minSize: args.scaling.min,
          maxSize: args.scaling.max,
          desiredSize: args.scaling.desired,
        },
        updateConfig: { maxUnavailable: 1 },
        launchTemplate: {
          id: this.launchTemplate.id,
          version: this.launchTemplate.latestVersion.apply(String),
        },
        labels: { ...(args.labels ?? {}) },
        taints: (args.taints ?? []).map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
        tags: tagsFor(args.tags, name),
      },
      {
        ...child,
        // The role's policies exist before the nodes join and outlive them on delete.
        dependsOn: [...attachments, ...(args.dependsOn ?? [])],
        ignoreChanges: ["scalingConfig.desiredSize"],
      },
    );
    this.registerOutputs({ nodeGroupName: this.nodeGroup.nodeGroupName });
  }
}
