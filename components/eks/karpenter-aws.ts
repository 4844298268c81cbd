import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { podIdentityTrust } from "./trust";
import { tagsFor, type Tags } from "../lib/tags";
import { nodeRole } from "./node-group";

/**
 * The five EventBridge rules that feed Karpenter's interruption queue, with their event patterns
 * exactly as in AWS's CloudFormation reference for Karpenter 1.14 (cloudformation-v1.14.yaml:
 * ScheduledChangeRule, SpotInterruptionRule, RebalanceRule, InstanceStateChangeRule,
 * CapacityReservationInterruptionRule), keyed by a stable name.
 */
export const INTERRUPTION_RULES = {
  "health-event": { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
  "spot-interruption": { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] },
  "rebalance-recommendation": {
    source: ["aws.ec2"],
    "detail-type": ["EC2 Instance Rebalance Recommendation"],
  },
  "instance-state-change": { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] },
  "capacity-reservation-interruption": {
    source: ["aws.ec2"],
    "detail-type": ["EC2 Capacity Reservation Instance Interruption Warning"],
  },
} as const;

/** Arguments of {@link KarpenterAws}. */
export interface KarpenterAwsArgs {
  /** The region of the cluster, the queue, the rules and the association. */
  readonly region: string;
  /** The account of the cluster (IAM resource ARNs in the controller policy). */
  readonly accountId: string;
  /** The cluster's name (plain: the controller policy's conditions and ARNs are written with it). */
  readonly clusterName: string;
  /** The cluster resource's name output, so that associations and entries wait for the cluster. */
  readonly cluster: pulumi.Input<string>;
  /** The namespace of Karpenter's service account. @default "kube-system" */
  readonly namespace?: string;
  /** Karpenter's service account (the chart's `serviceAccount.name`). @default "karpenter" */
  readonly serviceAccount?: string;
  /** Customer-managed KMS key of the interruption queue; its policy must let EventBridge use it. */
  readonly queueKmsKeyArn: pulumi.Input<string>;
  /** @default {} */
  readonly tags?: Tags;
}

/**
 * Karpenter's AWS side, split as terraform-aws-eks's karpenter module splits it (the Helm release
 * is separate): the controller role bound to Karpenter's service account through an EKS Pod
 * Identity association, its least-privilege policy scoped to this cluster and region (AWS's
 * CloudFormation reference, with `iam:PassRole` on the node role only), the node role with an
 * `EC2_LINUX` access entry (without it nodes launch and never join), and the interruption queue:
 * KMS-encrypted, TLS only, written only by EventBridge and SQS, fed by the five rules.
 */
export class KarpenterAws extends pulumi.ComponentResource {
  readonly controllerRole: aws.iam.Role;
  /** The controller's two managed policies: node lifecycle (EC2) and integration (IAM, EKS, SQS, KMS, discovery). */
  readonly controllerPolicies: aws.iam.Policy[];
  readonly podIdentityAssociation: aws.eks.PodIdentityAssociation;
  readonly nodeRole: aws.iam.Role;
  readonly nodeAccessEntry: aws.eks.AccessEntry;
  readonly queue: aws.sqs.Queue;
  readonly rules: Readonly<Record<keyof typeof INTERRUPTION_RULES, aws.cloudwatch.EventRule>>;
  readonly nodeRoleName: pulumi.Output<string>;
  readonly nodeRoleArn: pulumi.Output<string>;
  readonly queueName: pulumi.Output<string>;
  /** What the controller needs before it starts: its association, the node entry, the queue's feeds. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: KarpenterAwsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:eks:KarpenterAws", name, {}, opts);
    const child = { parent: this };
    const region = args.region;
    const tags = (n: string) => tagsFor(args.tags, n);

    const node = nodeRole(`${name}-node`, args.tags, this);
    this.nodeRole = node.role;
    this.nodeRoleName = node.role.name;
    this.nodeRoleArn = node.role.arn;
    this.nodeAccessEntry = new aws.eks.AccessEntry(
      `${name}-node`,
      {
        region,
        clusterName: args.cluster,
        principalArn: node.role.arn,
        // Nodes authenticate as system:node:{{EC2PrivateDNSName}} only with this type.
        type: "EC2_LINUX",
        tags: tags(`${name}-node`),
      },
      { ...child, dependsOn: node.attachments },
    );

    this.queue = new aws.sqs.Queue(
      `${name}-interruption`,
      {
        region,
        name: `${args.clusterName}-karpenter-interruption`,
        messageRetentionSeconds: 300,
        kmsMasterKeyId: args.queueKmsKeyArn,
        kmsDataKeyReusePeriodSeconds: 300,
        tags: tags(`${name}-interruption`),
      },
      child,
    );
    this.queueName = this.queue.name;
    const rules: Record<string, aws.cloudwatch.EventRule> = {};
    for (const [key, pattern] of Object.entries(INTERRUPTION_RULES)) {
      rules[key] = new aws.cloudwatch.EventRule(
        `${name}-${key}`,
        {
          region,
          description: `Karpenter interruption (${args.clusterName}): ${pattern["detail-type"][0]}`,
          eventPattern: JSON.stringify(pattern),
          tags: tags(`${name}-${key}`),
        },
        child,
      );
    }
    const queuePolicy = new aws.sqs.QueuePolicy(
      `${name}-interruption`,
      {
        region,
        queueUrl: this.queue.url,
        policy: pulumi
          .all([this.queue.arn, pulumi.all(Object.values(rules).map((r) => r.arn))])
          .apply(([queueArn, ruleArns]) => interruptionQueuePolicy(queueArn, ruleArns, args.accountId)),
      },
      child,
    );
    const targets = Object.entries(rules).map(
      ([key, rule]) =>
        new aws.cloudwatch.EventTarget(
          `${name}-${key}`,
          { region, rule: rule.name, targetId: "KarpenterInterruptionQueueTarget", arn: this.queue.arn },
          { ...child, dependsOn: [queuePolicy] },
        ),
    );
    this.rules = rules as KarpenterAws["rules"];

    this.controllerRole = new aws.iam.Role(
      `${name}-controller`,
      {
        assumeRolePolicy: podIdentityTrust({
          accountId: args.accountId,
          clusterArn: `arn:aws:eks:${region}:${args.accountId}:cluster/${args.clusterName}`,
          namespace: args.namespace ?? "kube-system",
          serviceAccount: args.serviceAccount ?? "karpenter",
        }),
        tags: tags(`${name}-controller`),
      },
      child,
    );
    // Two managed policies, split as the reference splits its six: one managed policy may hold at
    // most 6,144 characters (IAM quotas), and the whole document is longer.
    const documents = pulumi
      .all([node.role.arn, this.queue.arn, args.queueKmsKeyArn])
      .apply(([nodeRoleArn, queueArn, queueKeyArn]) =>
        controllerPolicyDocuments({
          region,
          accountId: args.accountId,
          clusterName: args.clusterName,
          nodeRoleArn,
          queueArn,
          queueKeyArn,
        }),
      );
    this.controllerPolicies = (["nodeLifecycle", "integration"] as const).map((part) => {
      const policyName = `${name}-controller-${part === "nodeLifecycle" ? "node-lifecycle" : "integration"}`;
      return new aws.iam.Policy(
        policyName,
        {
          description: `Karpenter controller of ${args.clusterName} in ${region}: ${part === "nodeLifecycle" ? "EC2 instances and launch templates" : "IAM, EKS, SQS, KMS, discovery"}`,
          policy: documents.apply((d) => JSON.stringify(d[part])),
          tags: tags(policyName),
        },
        child,
      );
    });
    const attachments = this.controllerPolicies.map(
      (policy, i) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-controller-${i === 0 ? "node-lifecycle" : "integration"}`,
          { role: this.controllerRole.name, policyArn: policy.arn },
          child,
        ),
    );
    this.podIdentityAssociation = new aws.eks.PodIdentityAssociation(
      `${name}-controller`,
      {
        region,
        clusterName: args.cluster,
        namespace: args.namespace ?? "kube-system",
        serviceAccount: args.serviceAccount ?? "karpenter",
        roleArn: this.controllerRole.arn,
        tags: tags(`${name}-controller`),
      },
      { ...child, dependsOn: attachments },
    );
    this.ready = [this.podIdentityAssociation, this.nodeAccessEntry, ...targets];
    this.registerOutputs({ nodeRoleArn: this.nodeRoleArn, queueName: this.queueName });
  }
}

/**
 * The interruption queue's policy: AWS's reference (KarpenterInterruptionQueuePolicy in
 * cloudformation-v1.14.yaml: EventBridge and SQS may send, nothing over plain HTTP), with the
 * confused-deputy conditions the reference leaves out. EventBridge may send only from this
 * stack's five rules (`aws:SourceArn`, as the EventBridge User Guide's "Amazon SQS permissions"
 * example scopes it); SQS only on behalf of this account (`aws:SourceAccount`, IAM User Guide,
 * "The confused deputy problem").
 */
export function interruptionQueuePolicy(
  queueArn: string,
  ruleArns: readonly string[],
  accountId: string,
): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Id: "EC2InterruptionPolicy",
    Statement: [
      {
        Sid: "EventBridgeRulesSend",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": [...ruleArns] } },
      },
      {
        Sid: "SqsSendForThisAccount",
        Effect: "Allow",
        Principal: { Service: "sqs.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
      {
        Sid: "DenyHTTP",
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Resource: queueArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  });
}

/** What the controller policy is written from. */
export interface ControllerPolicyInputs {
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
  readonly nodeRoleArn: string;
  readonly queueArn: string;
  readonly queueKeyArn: string;
}

/**
 * The Karpenter controller's policy: the statements of AWS's CloudFormation reference for
 * Karpenter 1.14 (NodeLifecyclePolicy, IAMIntegrationPolicy, EKSIntegrationPolicy,
 * InterruptionPolicy, ResourceDiscoveryPolicy, ZonalShiftPolicy), every ARN and condition scoped to
 * this cluster, region and account, plus `kms:Decrypt` on the interruption queue's key (the
 * reference's queue uses SQS-managed encryption; a consumer of a KMS-encrypted queue needs it) and
 * `iam:CreateServiceLinkedRole` for the EC2 Spot service-linked role only.
 */
export function controllerPolicyDocument(p: ControllerPolicyInputs): {
  Version: string;
  Statement: object[];
} {
  const { region, accountId: account, clusterName: cluster } = p;
  const ec2 = (resource: string) => `arn:aws:ec2:${region}:*:${resource}`;
  const owned = { [`aws:ResourceTag/kubernetes.io/cluster/${cluster}`]: "owned" };
  const requestOwned = {
    [`aws:RequestTag/kubernetes.io/cluster/${cluster}`]: "owned",
    "aws:RequestTag/eks:eks-cluster-name": cluster,
  };
  const launched = [
    "fleet/*",
    "instance/*",
    "volume/*",
    "network-interface/*",
    "launch-template/*",
    "spot-instances-request/*",
  ].map(ec2);
  const instanceProfiles = `arn:aws:iam::${account}:instance-profile/*`;
  const clusterArn = `arn:aws:eks:${region}:${account}:cluster/${cluster}`;
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AllowScopedEC2InstanceAccessActions",
        Effect: "Allow",
        Resource: [
          `arn:aws:ec2:${region}::image/*`,
          `arn:aws:ec2:${region}::snapshot/*`,
          ec2("security-group/*"),
          ec2("subnet/*"),
          ec2("capacity-reservation/*"),
          ec2("placement-group/*"),
        ],
        Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      },
      {
        Sid: "AllowScopedEC2LaunchTemplateAccessActions",
        Effect: "Allow",
        Resource: ec2("launch-template/*"),
        Action: ["ec2:RunInstances", "ec2:CreateFleet"],
        Condition: { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
      },
      {
        Sid: "AllowScopedEC2InstanceActionsWithTags",
        Effect: "Allow",
        Resource: launched,
        Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
        Condition: {
          StringEquals: requestOwned,
          StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
        },
      },
      {
        Sid: "AllowScopedResourceCreationTagging",
        Effect: "Allow",
        Resource: launched,
        Action: "ec2:CreateTags",
        Condition: {
          StringEquals: {
            ...requestOwned,
            "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"],
          },
          StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
        },
      },
      {
        Sid: "AllowScopedResourceTagging",
        Effect: "Allow",
        Resource: ec2("instance/*"),
        Action: "ec2:CreateTags",
        Condition: {
          StringEquals: owned,
          StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
          StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": cluster },
          "ForAllValues:StringEquals": {
            "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"],
          },
        },
      },
      {
        Sid: "AllowScopedDeletion",
        Effect: "Allow",
        Resource: [ec2("instance/*"), ec2("launch-template/*")],
        Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
        Condition: { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
      },
      {
        Sid: "AllowPassingInstanceRole",
        Effect: "Allow",
        Resource: p.nodeRoleArn,
        Action: "iam:PassRole",
        Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
      },
      {
        Sid: "AllowScopedInstanceProfileCreationActions",
        Effect: "Allow",
        Resource: instanceProfiles,
        Action: ["iam:CreateInstanceProfile"],
        Condition: {
          StringEquals: { ...requestOwned, "aws:RequestTag/topology.kubernetes.io/region": region },
          StringLike: { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
        },
      },
      {
        Sid: "AllowScopedInstanceProfileTagActions",
        Effect: "Allow",
        Resource: instanceProfiles,
        Action: ["iam:TagInstanceProfile"],
        Condition: {
          StringEquals: {
            ...owned,
            "aws:ResourceTag/topology.kubernetes.io/region": region,
            ...requestOwned,
            "aws:RequestTag/topology.kubernetes.io/region": region,
          },
          StringLike: {
            "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*",
            "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*",
          },
        },
      },
      {
        Sid: "AllowScopedInstanceProfileActions",
        Effect: "Allow",
        Resource: instanceProfiles,
        Action: [
          "iam:AddRoleToInstanceProfile",
          "iam:RemoveRoleFromInstanceProfile",
          "iam:DeleteInstanceProfile",
        ],
        Condition: {
          StringEquals: { ...owned, "aws:ResourceTag/topology.kubernetes.io/region": region },
          StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*" },
        },
      },
      // Not in AWS's reference. EC2 Fleet launches Spot only once the account has the
      // AWSServiceRoleForEC2Spot service-linked role, and creates it with the caller's credentials
      // when they may ("AuthFailure.ServiceLinkedRoleCreationNotPermitted: The provided credentials
      // do not have permission to create the service-linked role for EC2 Spot Instances", Karpenter
      // troubleshooting "Missing Service Linked Role"; eksctl #6102 grants the same to Karpenter).
      // A permission cannot fail where the role exists, unlike creating the role in a stack. Scoped
      // to that one role (IAM User Guide, "Service-linked role permissions"). Karpenter >= 1.5
      // otherwise treats Spot as unavailable and launches on-demand (karpenter-provider-aws #7998).
      {
        Sid: "AllowSpotServiceLinkedRoleCreation",
        Effect: "Allow",
        Resource: `arn:aws:iam::${account}:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot`,
        Action: "iam:CreateServiceLinkedRole",
        Condition: { StringEquals: { "iam:AWSServiceName": "spot.amazonaws.com" } },
      },
      {
        Sid: "AllowAPIServerEndpointDiscovery",
        Effect: "Allow",
        Resource: clusterArn,
        Action: "eks:DescribeCluster",
      },
      {
        Sid: "AllowInterruptionQueueActions",
        Effect: "Allow",
        Resource: p.queueArn,
        Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
      },
      {
        Sid: "AllowInterruptionQueueDecrypt",
        Effect: "Allow",
        Resource: p.queueKeyArn,
        Action: "kms:Decrypt",
      },
      {
        Sid: "AllowZonalShiftStatusReadOnly",
        Effect: "Allow",
        Resource: "*",
        Action: ["arc-zonal-shift:GetManagedResource"],
        Condition: { StringEquals: { "arc-zonal-shift:ResourceIdentifier": clusterArn } },
      },
      {
        Sid: "AllowRegionalReadActions",
        Effect: "Allow",
        Resource: "*",
        Action: [
          "ec2:DescribeCapacityReservations",
          "ec2:DescribeImages",
          "ec2:DescribeInstances",
          "ec2:DescribeInstanceStatus",
          "ec2:DescribeInstanceTypeOfferings",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplates",
          "ec2:DescribePlacementGroups",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeSpotPriceHistory",
          "ec2:DescribeSubnets",
        ],
        Condition: { StringEquals: { "aws:RequestedRegion": region } },
      },
      {
        Sid: "AllowSSMReadActions",
        Effect: "Allow",
        Resource: `arn:aws:ssm:${region}::parameter/aws/service/*`,
        Action: "ssm:GetParameter",
      },
      { Sid: "AllowPricingReadActions", Effect: "Allow", Resource: "*", Action: "pricing:GetProducts" },
      {
        Sid: "AllowUnscopedInstanceProfileListAction",
        Effect: "Allow",
        Resource: "*",
        Action: "iam:ListInstanceProfiles",
      },
      {
        Sid: "AllowInstanceProfileReadActions",
        Effect: "Allow",
        Resource: instanceProfiles,
        Action: "iam:GetInstanceProfile",
      },
    ],
  };
}

/** Statements of {@link controllerPolicyDocument} that act on EC2 instances and launch templates. */
const NODE_LIFECYCLE = new Set([
  "AllowScopedEC2InstanceAccessActions",
  "AllowScopedEC2LaunchTemplateAccessActions",
  "AllowScopedEC2InstanceActionsWithTags",
  "AllowScopedResourceCreationTagging",
  "AllowScopedResourceTagging",
  "AllowScopedDeletion",
]);

/** The controller policy in two documents, each within IAM's 6,144-character managed policy quota. */
export function controllerPolicyDocuments(p: ControllerPolicyInputs): {
  nodeLifecycle: object;
  integration: object;
} {
  const { Version, Statement } = controllerPolicyDocument(p);
  const isLifecycle = (s: object) => NODE_LIFECYCLE.has((s as { Sid: string }).Sid);
  return {
    nodeLifecycle: { Version, Statement: Statement.filter(isLifecycle) },
    integration: { Version, Statement: Statement.filter((s) => !isLifecycle(s)) },
  };
}
