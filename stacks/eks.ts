/**
 * The region's EKS cluster and Karpenter, in the order they must exist (and, reversed, be deleted):
 * keys and the log group, the cluster and its admin access, the add-ons a node needs, the system
 * node group, the add-ons that need nodes, Karpenter's AWS side, its CRDs and controller, then the
 * EC2NodeClass and NodePools. See docs/architecture.md, "EKS and Karpenter".
 */
import * as pulumi from "@pulumi/pulumi";
import {
  CRITICAL_ADDONS_TAINT,
  CRITICAL_ADDONS_TOLERATION,
  CRITICAL_POOL_TAINT,
  EksCluster,
  KarpenterAws,
  KarpenterController,
  KarpenterNodePools,
  Keda,
  ManagedAddons,
  NODE_GROUP_LABEL,
  SYSTEM_NODE_GROUP,
  SystemNodeGroup,
  type NodePoolArgs,
} from "../components/eks";
import { EncryptionKey } from "../components/security/encryption-key";
import { POSTURE_LIMIT_FACTORS } from "../src/config/defaults";
import { ADDONS_BEFORE_NODES, EKS_ADDONS, NODE_POOL_NAMES, type NodePoolConfig } from "../src/config/eks";
import { isArm, type Posture } from "../src/config/tiers";
import type { Built, RegionContext } from "./context";
import type { Deferred, EksOutput } from "./contract";
import type { FoundationHandles } from "./foundation";
import type { NetworkHandles } from "./network";

/** Handles of the EKS area, for the builders after it. */
export interface EksHandles {
  readonly cluster: EksCluster;
  /** The nodes' security group: the data stores admit it. */
  readonly eksNodeSecurityGroupId: pulumi.Output<string>;
}

/** What the EKS area contributes to the stack outputs. */
export interface EksOutputs {
  readonly eks: Deferred<EksOutput>;
  /** The kubeconfig (`aws eks get-token`), a secret output. */
  readonly kubeconfig: pulumi.Output<string>;
}

/**
 * The cluster's name. The VPC tags the private subnets `karpenter.sh/discovery=<prefix>-eks`
 * (stacks/network.ts), so Karpenter finds them by this name.
 */
export const eksClusterName = (prefix: string) => `${prefix}-eks`;

/** A NodePool's CPU and memory limits under a posture (rounded up; docs/architecture.md). */
export function limitsFor(
  limits: { readonly cpu: number; readonly memoryGiB: number },
  posture: Posture,
): { cpu: number; memoryGiB: number } {
  const f = POSTURE_LIMIT_FACTORS[posture];
  return { cpu: Math.ceil(limits.cpu * f), memoryGiB: Math.ceil(limits.memoryGiB * f) };
}

/**
 * NodePool weights (1-100, NodePool CRD; higher is tried first when several pools fit a pod): a pod
 * that tolerates the critical pool's taint lands on its on-demand nodes rather than on Spot in
 * the general pool, which fits it too.
 */
export const NODE_POOL_WEIGHTS: Readonly<Record<(typeof NODE_POOL_NAMES)[number], number>> = Object.freeze({
  critical: 50,
  general: 10,
});

/** A NodePool's arguments from its config, its limits scaled by the posture. */
export function nodePoolArgs(
  name: (typeof NODE_POOL_NAMES)[number],
  p: NodePoolConfig,
  posture: Posture,
): NodePoolArgs {
  return {
    name,
    capacityTypes: p.capacityTypes,
    architectures: p.architectures,
    instanceCategories: p.instanceCategories,
    minInstanceGeneration: p.minInstanceGeneration,
    limits: limitsFor(p.limits, posture),
    consolidationPolicy: p.consolidationPolicy,
    consolidateAfter: p.consolidateAfter,
    expireAfter: p.expireAfter,
    terminationGracePeriod: p.terminationGracePeriod,
    disruptionBudgets: p.disruptionBudgets,
    weight: NODE_POOL_WEIGHTS[name],
    ...(name === "critical" ? { taints: [{ ...CRITICAL_POOL_TAINT }] } : {}),
  };
}

/** The region's EKS cluster with Karpenter. */
export function buildEks(
  ctx: RegionContext,
  { vpc, logsKey }: Pick<NetworkHandles, "vpc"> & Pick<FoundationHandles, "logsKey">,
): Built<EksOutputs, EksHandles> {
  const { cfg, prefix, region, tags, protect } = ctx;
  const e = cfg.eks;
  const clusterName = eksClusterName(prefix);
  const key = (
    suffix: string,
    purpose: string,
    extra: { viaServices?: string[]; queueSenders?: string[] } = {},
  ) =>
    new EncryptionKey(`${prefix}-${suffix}`, {
      purpose,
      accountId: cfg.accountId,
      region,
      protect,
      tags,
      ...extra,
    });
  const secretsKey = key("eks", `Kubernetes secrets of ${clusterName}`);
  const volumesKey = key("eks-ebs", `EBS volumes of ${clusterName}'s nodes`, { viaServices: ["ec2"] });
  const queueKey = key("karpenter-queue", `Karpenter interruption queue of ${clusterName}`, {
    queueSenders: ["events.amazonaws.com"],
  });

  const cluster = new EksCluster(prefix + "-eks", {
    region,
    clusterName,
    accountId: cfg.accountId,
    kubernetesVersion: e.kubernetesVersion,
    extendedSupport: e.extendedSupport,
    vpcId: vpc.vpcId,
    subnetIds: vpc.private.subnetIds,
    publicAccessCidrs: e.endpoint.publicAccess ? e.endpoint.publicAccessCidrs : [],
    // Left out, the runners are in the VPC itself (docs/architecture.md, "Reaching the API").
    privateAccessCidrs: e.endpoint.privateAccessCidrs ?? [cfg.network.cidr],
    secretsKeyArn: secretsKey.arn,
    logsKeyArn: logsKey.arn,
    logRetentionDays: e.logRetentionDays,
    adminRoleArns: e.adminRoleArns,
    deployRoleArn: e.deployRoleArn,
    protect,
    tags,
  });

  const addon = (name: (typeof EKS_ADDONS)[number]) => ({
    name,
    version: e.addons[name],
    // coredns and metrics-server run on the tainted system nodes (their schemas take tolerations).
    ...(name === "coredns" || name === "metrics-server"
      ? { configurationValues: { tolerations: [{ ...CRITICAL_ADDONS_TOLERATION, effect: "NoSchedule" }] } }
      : {}),
  });
  // vpc-cni, kube-proxy and the Pod Identity agent are DaemonSets a node needs to become Ready:
  // they exist before any node. coredns and metrics-server are Deployments: an add-on turns ACTIVE
  // only once its pods run, so they come after the nodes.
  const baseAddons = new ManagedAddons(`${prefix}-eks-base`, {
    region,
    clusterName: cluster.clusterName,
    addons: ADDONS_BEFORE_NODES.map(addon),
    tags,
  });
  const systemLabels = { [NODE_GROUP_LABEL]: SYSTEM_NODE_GROUP };
  const s = e.systemNodes;
  const system = new SystemNodeGroup(`${prefix}-eks-system`, {
    region,
    clusterName: cluster.clusterName,
    kubernetesVersion: cluster.version,
    subnetIds: vpc.private.subnetIds,
    securityGroupIds: [cluster.clusterSecurityGroupId, cluster.nodeSecurityGroupId],
    instanceTypes: s.instanceTypes,
    amiType: isArm(s.instanceTypes[0]) ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
    scaling: { min: s.minSize, max: s.maxSize, desired: s.desiredSize },
    volumeSizeGiB: s.volumeSizeGiB,
    volumeKmsKeyArn: volumesKey.arn,
    labels: systemLabels,
    taints: [{ ...CRITICAL_ADDONS_TAINT, effect: "NO_SCHEDULE" }],
    dependsOn: Object.values(baseAddons.addons),
    tags,
  });
  const workloadAddons = new ManagedAddons(`${prefix}-eks-workload`, {
    region,
    clusterName: cluster.clusterName,
    addons: EKS_ADDONS.filter((a) => !ADDONS_BEFORE_NODES.includes(a)).map(addon),
    dependsOn: [system.nodeGroup],
    tags,
  });

  const karpenterAws = new KarpenterAws(`${prefix}-karpenter-aws`, {
    region,
    accountId: cfg.accountId,
    clusterName,
    cluster: cluster.clusterName,
    queueKmsKeyArn: queueKey.arn,
    tags,
  });
  const running = [
    system.nodeGroup,
    workloadAddons.addons.coredns,
    baseAddons.addons["eks-pod-identity-agent"],
  ];
  const karpenter = new KarpenterController(`${prefix}-karpenter`, {
    provider: cluster.provider,
    version: e.karpenter.version,
    region,
    clusterName: cluster.clusterName,
    clusterEndpoint: cluster.endpoint,
    interruptionQueue: karpenterAws.queueName,
    nodeSelector: systemLabels,
    dependsOn: [...running, ...karpenterAws.ready],
  });
  new KarpenterNodePools(`${prefix}-karpenter-pools`, {
    provider: cluster.provider,
    nodeClass: {
      role: karpenterAws.nodeRoleName,
      discovery: clusterName,
      amiAlias: e.karpenter.amiAlias,
      volumeSizeGiB: e.karpenter.volumeSizeGiB,
      volumeKmsKeyArn: volumesKey.arn,
      tags,
    },
    pools: NODE_POOL_NAMES.map((n) => nodePoolArgs(n, e.karpenter.pools[n], cfg.posture)),
    dependsOn: [karpenter.crds, karpenter.controller],
  });

  if (e.keda.enabled) {
    new Keda(`${prefix}-keda`, {
      region,
      accountId: cfg.accountId,
      cluster: cluster.clusterName,
      clusterName,
      provider: cluster.provider,
      version: e.keda.version,
      queueNamePatterns: [`${prefix}-*`],
      nodeSelector: systemLabels,
      dependsOn: running,
      tags,
    });
  }

  return {
    outputs: {
      eks: {
        clusterName: cluster.clusterName,
        endpoint: cluster.endpoint,
        oidcIssuer: cluster.oidcIssuer,
        certificateAuthority: cluster.certificateAuthority,
        nodeSecurityGroupId: cluster.nodeSecurityGroupId,
        karpenterQueueName: karpenterAws.queueName,
        nodeRoleArn: karpenterAws.nodeRoleArn,
      },
      kubeconfig: pulumi.secret(cluster.kubeconfig),
    },
    handles: { cluster, eksNodeSecurityGroupId: cluster.nodeSecurityGroupId },
  };
}
