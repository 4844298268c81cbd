import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterRoleTrust } from "./trust";
import { tagsFor, type Tags } from "../lib/tags";
import { PORT } from "../../src/conventions";
import { kubeconfig } from "./kubeconfig";
import { DISCOVERY_TAG } from "./labels";

/** Every control-plane log type EKS publishes (EKS user guide, "Send control plane logs to CloudWatch Logs"). */
export const CONTROL_PLANE_LOG_TYPES = [
  "api",
  "audit",
  "authenticator",
  "controllerManager",
  "scheduler",
] as const;

/** The EKS access policy that gives cluster-wide admin (EKS user guide, "Review access policy permissions"). */
export const CLUSTER_ADMIN_POLICY_ARN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

/** Arguments of {@link EksCluster}. */
export interface EksClusterArgs {
  /** The region of the cluster and every child. */
  readonly region: string;
  /** The cluster's name; also the value of the `karpenter.sh/discovery` tags. */
  readonly clusterName: string;
  /** The account of the cluster (its role trusts EKS only for this account's cluster). */
  readonly accountId: string;
  /** The Kubernetes version, e.g. "1.35". */
  readonly kubernetesVersion: string;
  /**
   * Stay in EKS extended support after standard support ends (`upgradePolicy.supportType:
   * EXTENDED`, charged per cluster hour); otherwise `STANDARD`, and EKS upgrades the control plane
   * itself when standard support ends. @default false
   */
  readonly extendedSupport?: boolean;
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets, at least two zones: the control plane's network interfaces and the nodes. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** CIDRs that may reach a public API endpoint; none means no public endpoint. @default [] */
  readonly publicAccessCidrs?: readonly string[];
  /**
   * Networks (inside the VPC or connected to it) that may call the private API endpoint on 443:
   * where `pulumi up` runs. EKS's cluster security group admits only itself, so without them a
   * private-only endpoint is unreachable for the Kubernetes provider. @default []
   */
  readonly privateAccessCidrs?: readonly string[];
  /** Customer-managed KMS key (same region) that encrypts Kubernetes secrets. */
  readonly secretsKeyArn: pulumi.Input<string>;
  /** KMS key of the control-plane log group (its policy must admit CloudWatch Logs). */
  readonly logsKeyArn: pulumi.Input<string>;
  /** Days the control-plane logs are kept. @default 365 */
  readonly logRetentionDays?: number;
  /** IAM roles given cluster admin through access entries (`AmazonEKSClusterAdminPolicy`). */
  readonly adminRoleArns: readonly string[];
  /** The role the Kubernetes provider assumes for its token (one of `adminRoleArns`). @default the caller's credentials */
  readonly deployRoleArn?: string;
  /**
   * Guard the cluster against deletion twice: EKS deletion protection (DeleteCluster fails with
   * InvalidRequestException until UpdateClusterConfig turns it off; EKS User Guide, "Protect EKS
   * clusters from accidental deletion") and Pulumi's `protect`. Turning it off is one `pulumi up`
   * with `platform:protect: false` before `pulumi destroy`. @default true
   */
  readonly protect?: boolean;
  /** @default {} */
  readonly tags?: Tags;
}

/**
 * A private EKS cluster from primitives: its IAM role, the control-plane log group (created first,
 * with retention and KMS, so EKS never creates it without them), secrets encrypted with a
 * customer-managed key, all five log types, authentication by access entries only (`API`, no
 * bootstrap admin for the creator), no self-managed add-ons, admin access entries, the nodes'
 * security group, and a Kubernetes provider that authenticates with `aws eks get-token` and waits
 * for the admin access to exist.
 */
export class EksCluster extends pulumi.ComponentResource {
  readonly cluster: aws.eks.Cluster;
  readonly clusterName: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly certificateAuthority: pulumi.Output<string>;
  readonly oidcIssuer: pulumi.Output<string>;
  readonly version: pulumi.Output<string>;
  /** The security group EKS creates for the control plane and nodes (`vpcConfig.clusterSecurityGroupId`). */
  readonly clusterSecurityGroupId: pulumi.Output<string>;
  /** The nodes' own security group: what data stores admit, tagged for Karpenter discovery. */
  readonly nodeSecurityGroupId: pulumi.Output<string>;
  /** The kubeconfig (JSON), with `aws eks get-token` as its credential plugin. */
  readonly kubeconfig: pulumi.Output<string>;
  /** The provider every Kubernetes resource of the cluster is created with. */
  readonly provider: k8s.Provider;
  /** The admin access policy associations: Kubernetes resources wait for them. */
  readonly adminAccess: aws.eks.AccessPolicyAssociation[];
  /** The control plane's own security group (in `vpcConfig.securityGroupIds`), admitting `privateAccessCidrs`. */
  readonly apiSecurityGroupId: pulumi.Output<string>;
  /** The rules admitting `privateAccessCidrs` on 443: Kubernetes resources wait for them. */
  readonly apiAccessRules: aws.vpc.SecurityGroupIngressRule[];

  constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:eks:EksCluster", name, {}, opts);
    const child = { parent: this };
    const region = args.region;
    const tags = (n: string, extra: Tags = {}) => tagsFor(args.tags, n, extra);
    const publicCidrs = args.publicAccessCidrs ?? [];

    const role = new aws.iam.Role(
      `${name}-cluster`,
      {
        assumeRolePolicy: clusterRoleTrust(region, args.accountId, args.clusterName),
        tags: tags(`${name}-cluster`),
      },
      child,
    );
    const clusterPolicy = new aws.iam.RolePolicyAttachment(
      `${name}-cluster-AmazonEKSClusterPolicy`,
      { role: role.name, policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" },
      child,
    );
    // The cluster role uses the secrets key (as terraform-aws-eks's cluster_encryption policy does).
    const encryptionPolicy = new aws.iam.RolePolicy(
      `${name}-cluster-encryption`,
      {
        role: role.id,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
              Resource: args.secretsKeyArn,
            },
          ],
        }),
      },
      child,
    );

    // Created before the cluster: otherwise EKS creates it on first log, without retention or KMS.
    // Kept on delete: EKS writes its last logs while the cluster is deleted and re-creates a deleted
    // group (without KMS or retention), so deleting it only leaves an unmanaged one behind that
    // fails the next create of the same name ("ResourceAlreadyExistsException";
    // terraform-aws-eks #920, #2486, #2763). Kept, the next stack adopts it with `pulumi import`
    // (docs/architecture.md, "Re-creating a cluster").
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-control-plane`,
      {
        region,
        name: `/aws/eks/${args.clusterName}/cluster`,
        retentionInDays: args.logRetentionDays ?? 365,
        kmsKeyId: args.logsKeyArn,
        tags: tags(`${name}-control-plane`),
      },
      { ...child, retainOnDelete: true },
    );

    // The private endpoint's network interfaces carry EKS's cluster security group, which admits only
    // itself (EKS user guide, "View Amazon EKS security group requirements for clusters"), plus the
    // groups in vpcConfig.securityGroupIds. "Accessing a private only API server" (EKS user guide,
    // "Cluster API server endpoint"): "You must ensure that your Amazon EKS control plane security
    // group contains rules to allow ingress traffic on port 443 from your connected network." A group
    // of our own rather than rules on the cluster security group: that group is also on every node
    // (and Karpenter's, through its discovery tag), this one only on the control plane's interfaces,
    // and it is not tagged for discovery. Changing vpcConfig.securityGroupIds updates the cluster in
    // place since terraform-provider-aws 5.25.0 (EKS UpdateClusterConfig, 2023-10), and the rules
    // are separate resources, so adding a network never touches the cluster.
    const apiSg = new aws.ec2.SecurityGroup(
      `${name}-api`,
      {
        region,
        vpcId: args.vpcId,
        description: `EKS API endpoint of ${args.clusterName}: HTTPS from the networks that deploy to it`,
        tags: tags(`${name}-api`),
      },
      child,
    );
    this.apiAccessRules = (args.privateAccessCidrs ?? []).map(
      (cidr) =>
        new aws.vpc.SecurityGroupIngressRule(
          `${name}-api-${cidr.replace(/[./]/g, "-")}`,
          {
            region,
            securityGroupId: apiSg.id,
            ipProtocol: "tcp",
            fromPort: PORT.https,
            toPort: PORT.https,
            cidrIpv4: cidr,
            description: `Kubernetes API from ${cidr}`,
            tags: tags(`${name}-api-${cidr.replace(/[./]/g, "-")}`),
          },
          child,
        ),
    );
    this.apiSecurityGroupId = apiSg.id;

    this.cluster = new aws.eks.Cluster(
      name,
      {
        region,
        name: args.clusterName,
        version: args.kubernetesVersion,
        roleArn: role.arn,
        vpcConfig: {
          subnetIds: [...args.subnetIds],
          securityGroupIds: [apiSg.id],
          endpointPrivateAccess: true,
          endpointPublicAccess: publicCidrs.length > 0,
          ...(publicCidrs.length > 0 ? { publicAccessCidrs: [...publicCidrs] } : {}),
        },
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
        bootstrapSelfManagedAddons: false,
        encryptionConfig: { provider: { keyArn: args.secretsKeyArn }, resources: ["secrets"] },
        enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
        upgradePolicy: { supportType: args.extendedSupport ? "EXTENDED" : "STANDARD" },
        deletionProtection: args.protect ?? true,
        tags: tags(name),
      },
      {
        ...child,
        protect: args.protect ?? true,
        dependsOn: [logGroup, clusterPolicy, encryptionPolicy],
        // Both force a new cluster and are creation-time settings (terraform-aws-eks ignores them too).
        ignoreChanges: ["accessConfig.bootstrapClusterCreatorAdminPermissions", "bootstrapSelfManagedAddons"],
      },
    );
    this.clusterName = this.cluster.name;
    this.endpoint = this.cluster.endpoint;
    this.certificateAuthority = this.cluster.certificateAuthority.apply((ca) => ca.data);
    this.oidcIssuer = this.cluster.identities.apply((ids) => ids[0]?.oidcs[0]?.issuer ?? "");
    this.version = this.cluster.version;
    this.clusterSecurityGroupId = this.cluster.vpcConfig.apply((v) => v.clusterSecurityGroupId);

    // Karpenter launches nodes into every group tagged for discovery: the cluster's own group (which
    // admits the control plane) and the nodes' group below.
    new aws.ec2.Tag(
      `${name}-cluster-sg-discovery`,
      { region, resourceId: this.clusterSecurityGroupId, key: DISCOVERY_TAG, value: args.clusterName },
      child,
    );
    const nodeSg = new aws.ec2.SecurityGroup(
      `${name}-nodes`,
      {
        region,
        vpcId: args.vpcId,
        description: `EKS nodes of ${args.clusterName}: the identity data stores admit, egress to AWS APIs and registries`,
        // Not tagged kubernetes.io/cluster/<name>: load balancer controllers expect exactly one such
        // group per node, the cluster security group EKS tags.
        tags: tags(`${name}-nodes`, { [DISCOVERY_TAG]: args.clusterName }),
      },
      child,
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-nodes-egress-all`,
      {
        region,
        securityGroupId: nodeSg.id,
        ipProtocol: "-1",
        cidrIpv4: "0.0.0.0/0",
        description: "nodes reach AWS APIs, image registries and the data stores",
        tags: tags(`${name}-nodes-egress-all`),
      },
      child,
    );
    this.nodeSecurityGroupId = nodeSg.id;

    this.adminAccess = args.adminRoleArns.map((principalArn) => {
      const key = roleKey(principalArn);
      const entry = new aws.eks.AccessEntry(
        `${name}-admin-${key}`,
        {
          region,
          clusterName: this.cluster.name,
          principalArn,
          type: "STANDARD",
          tags: tags(`${name}-admin-${key}`),
        },
        child,
      );
      return new aws.eks.AccessPolicyAssociation(
        `${name}-admin-${key}`,
        {
          region,
          clusterName: this.cluster.name,
          principalArn,
          policyArn: CLUSTER_ADMIN_POLICY_ARN,
          accessScope: { type: "cluster" },
        },
        { ...child, dependsOn: [entry] },
      );
    });

    this.kubeconfig = pulumi
      .all([this.cluster.name, this.endpoint, this.certificateAuthority])
      .apply(([clusterName, endpoint, certificateAuthority]) =>
        kubeconfig({ clusterName, endpoint, certificateAuthority, region, roleArn: args.deployRoleArn }),
      );
    this.provider = new k8s.Provider(
      `${name}-k8s`,
      {
        kubeconfig: this.kubeconfig,
        // Server-side apply: field ownership, and CRs applied the way kubectl applies them.
        enableServerSideApply: true,
        // Never drop resources from state because the private endpoint is unreachable from where
        // `pulumi` runs: that would orphan NodePools and their instances.
        deleteUnreachable: false,
      },
      // The provider reaches the API as an admin, over a network the API security group admits.
      { ...child, dependsOn: [...this.adminAccess, ...this.apiAccessRules] },
    );
    this.registerOutputs({
      clusterName: this.clusterName,
      endpoint: this.endpoint,
      nodeSecurityGroupId: this.nodeSecurityGroupId,
    });
  }
}

/** A stable key for an IAM role ARN: its name, path dropped ("role/ops/admin" is "admin"). */
export function roleKey(roleArn: string): string {
  const name = roleArn.slice(roleArn.lastIndexOf("/") + 1);
  return name.replace(/[^A-Za-z0-9_.+=@-]+/g, "-");
}
