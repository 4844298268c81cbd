import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../lib/tags";
import { DISCOVERY_TAG, NODE_POOL_LABEL } from "./labels";

/** The API group and kinds of Karpenter v1 (the CRDs of karpenter-crd 1.14.1). */
export const EC2_NODE_CLASS = { apiVersion: "karpenter.k8s.aws/v1", kind: "EC2NodeClass" } as const;
export const NODE_POOL = { apiVersion: "karpenter.sh/v1", kind: "NodePool" } as const;

/**
 * Tag keys an EC2NodeClass may not set: Karpenter sets them itself (the CEL rules on `spec.tags`
 * in karpenter.k8s.aws_ec2nodeclasses.yaml, 1.14.1: "tag contains a restricted tag matching ...").
 */
export const RESTRICTED_NODE_CLASS_TAG = (k: string) =>
  k === "eks:eks-cluster-name" ||
  k.startsWith("kubernetes.io/cluster") ||
  k === "karpenter.sh/nodepool" ||
  k === "karpenter.sh/nodeclaim" ||
  k === "karpenter.k8s.aws/ec2nodeclass";

/** What the EC2NodeClass is rendered from. */
export interface NodeClassSpecArgs {
  /** The node role's NAME (Karpenter creates and manages the instance profile). */
  readonly role: string;
  /** The value of the discovery tag on subnets and security groups: the cluster's name. */
  readonly discovery: string;
  /** A pinned AMI alias, e.g. "al2023@v20260714". */
  readonly amiAlias: string;
  readonly volumeSizeGiB: number;
  /** Customer-managed KMS key ARN of the root volumes. */
  readonly volumeKmsKeyArn: string;
  /**
   * Tags of the instances, volumes and interfaces Karpenter launches (the platform's cost
   * allocation tags); keys Karpenter reserves and empty ones are left out. @default {}
   */
  readonly tags?: Tags;
}

/**
 * The EC2NodeClass spec: AMI by pinned alias, the node role, subnets and security groups by the
 * discovery tag, IMDSv2 required with hop limit 1, one encrypted gp3 root volume with the KMS key.
 */
export function nodeClassSpec(a: NodeClassSpecArgs): Record<string, unknown> {
  const tags = Object.fromEntries(
    Object.entries(a.tags ?? {}).filter(([k, v]) => k !== "" && v !== "" && !RESTRICTED_NODE_CLASS_TAG(k)),
  );
  return {
    role: a.role,
    amiSelectorTerms: [{ alias: a.amiAlias }],
    subnetSelectorTerms: [{ tags: { [DISCOVERY_TAG]: a.discovery } }],
    securityGroupSelectorTerms: [{ tags: { [DISCOVERY_TAG]: a.discovery } }],
    metadataOptions: {
      httpEndpoint: "enabled",
      httpProtocolIPv6: "disabled",
      httpPutResponseHopLimit: 1,
      httpTokens: "required",
    },
    blockDeviceMappings: [
      {
        deviceName: "/dev/xvda",
        rootVolume: true,
        ebs: {
          volumeSize: `${a.volumeSizeGiB}Gi`,
          volumeType: "gp3",
          encrypted: true,
          kmsKeyID: a.volumeKmsKeyArn,
          deleteOnTermination: true,
        },
      },
    ],
    tags,
  };
}

/** One NodePool, as the platform describes it. */
export interface NodePoolArgs {
  /** The pool's name (also the NodePool's). */
  readonly name: string;
  readonly capacityTypes: readonly string[];
  readonly architectures: readonly string[];
  readonly instanceCategories: readonly string[];
  /** The oldest instance generation. */
  readonly minInstanceGeneration: number;
  /** CPU cores and memory GiB the pool's nodes may have in total. */
  readonly limits: { readonly cpu: number; readonly memoryGiB: number };
  readonly consolidationPolicy: string;
  readonly consolidateAfter: string;
  readonly expireAfter: string;
  readonly disruptionBudgets: readonly Readonly<Record<string, unknown>>[];
  /**
   * How long a node may drain before Karpenter deletes its pods regardless of PDBs and
   * do-not-disrupt (NodePool CRD, karpenter.sh_nodepools.yaml: "If left undefined, the controller
   * will wait indefinitely for pods to be drained"). Also bounds how long deleting the pool waits.
   * @default unset (a drain may wait forever)
   */
  readonly terminationGracePeriod?: string;
  /** Taints of the pool's nodes. @default [] */
  readonly taints?: readonly { readonly key: string; readonly value: string; readonly effect: string }[];
  /** Higher first when several pools fit a pod. @default none */
  readonly weight?: number;
}

/** The NodePool spec, with the EC2NodeClass named `nodeClassName`. */
export function nodePoolSpec(p: NodePoolArgs, nodeClassName: string): Record<string, unknown> {
  return {
    template: {
      metadata: { labels: { [NODE_POOL_LABEL]: p.name } },
      spec: {
        nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: nodeClassName },
        requirements: [
          { key: "karpenter.sh/capacity-type", operator: "In", values: [...p.capacityTypes] },
          { key: "kubernetes.io/arch", operator: "In", values: [...p.architectures] },
          { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
          { key: "karpenter.k8s.aws/instance-category", operator: "In", values: [...p.instanceCategories] },
          {
            key: "karpenter.k8s.aws/instance-generation",
            operator: "Gt",
            values: [String(p.minInstanceGeneration - 1)],
          },
        ],
        expireAfter: p.expireAfter,
        ...(p.terminationGracePeriod ? { terminationGracePeriod: p.terminationGracePeriod } : {}),
        ...(p.taints && p.taints.length > 0 ? { taints: p.taints.map((t) => ({ ...t })) } : {}),
      },
    },
    limits: { cpu: String(p.limits.cpu), memory: `${p.limits.memoryGiB}Gi` },
    disruption: {
      consolidationPolicy: p.consolidationPolicy,
      consolidateAfter: p.consolidateAfter,
      budgets: p.disruptionBudgets.map((b) => ({ ...b })),
    },
    ...(p.weight !== undefined ? { weight: p.weight } : {}),
  };
}

/** Seconds in a Karpenter duration such as "1h30m" (the CRD's `^([0-9]+(s|m|h))+$`). */
export function durationSeconds(d: string): number {
  const unit = { s: 1, m: 60, h: 3600 } as const;
  let total = 0;
  for (const [, n, u] of d.matchAll(/([0-9]+)(s|m|h)/g)) total += Number(n) * unit[u as keyof typeof unit];
  return total;
}

/** Added to the longest grace period: the instances' termination and the finalizers' last steps. */
export const DELETE_MARGIN_MINUTES = 20;

/**
 * The delete timeout of the NodePools and the EC2NodeClass: Karpenter's finalizers keep them until
 * every node is drained (at most the longest `terminationGracePeriod`) and its instance
 * terminated. Pulumi's Kubernetes provider waits for a deletion to finish and honours
 * `customTimeouts.delete` (pulumi-kubernetes #802); its default is not sized for a drain. Without
 * a grace period on every pool, undefined: a drain has no bound to size a timeout from.
 */
export function deleteTimeout(pools: readonly NodePoolArgs[]): string | undefined {
  const periods = pools.map((p) => p.terminationGracePeriod);
  if (periods.length === 0 || periods.some((p) => !p)) return undefined;
  const longest = Math.max(...periods.map((p) => durationSeconds(p as string)));
  return `${Math.ceil(longest / 60) + DELETE_MARGIN_MINUTES}m`;
}

/** Arguments of {@link KarpenterNodePools}. */
export interface KarpenterNodePoolsArgs {
  /** The cluster's Kubernetes provider. */
  readonly provider: k8s.Provider;
  readonly nodeClass: Omit<NodeClassSpecArgs, "role" | "volumeKmsKeyArn"> & {
    readonly role: pulumi.Input<string>;
    readonly volumeKmsKeyArn: pulumi.Input<string>;
  };
  /** The EC2NodeClass's name. @default "default" */
  readonly nodeClassName?: string;
  readonly pools: readonly NodePoolArgs[];
  /**
   * The CRD release and the controller release: the custom resources need the CRDs ("no matches
   * for kind" otherwise), and on destroy they must go while the controller still runs, so that it
   * drains and terminates their nodes instead of orphaning the instances.
   */
  readonly dependsOn: readonly pulumi.Resource[];
}

/** Karpenter's v1 custom resources: one EC2NodeClass and the NodePools that launch through it. */
export class KarpenterNodePools extends pulumi.ComponentResource {
  readonly nodeClass: k8s.apiextensions.CustomResource;
  readonly nodePools: Readonly<Record<string, k8s.apiextensions.CustomResource>>;

  constructor(name: string, args: KarpenterNodePoolsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:eks:KarpenterNodePools", name, {}, opts);
    const provider = args.provider;
    const className = args.nodeClassName ?? "default";
    const nc = args.nodeClass;
    const timeout = deleteTimeout(args.pools);
    const customTimeouts = timeout ? { customTimeouts: { delete: timeout } } : {};
    this.nodeClass = new k8s.apiextensions.CustomResource(
      `${name}-${className}`,
      {
        ...EC2_NODE_CLASS,
        metadata: { name: className },
        spec: pulumi
          .all([nc.role, nc.volumeKmsKeyArn])
          .apply(([role, volumeKmsKeyArn]) => nodeClassSpec({ ...nc, role, volumeKmsKeyArn })),
      },
      { parent: this, provider, dependsOn: [...args.dependsOn], ...customTimeouts },
    );
    const pools: Record<string, k8s.apiextensions.CustomResource> = {};
    for (const p of args.pools) {
      pools[p.name] = new k8s.apiextensions.CustomResource(
        `${name}-${p.name}`,
        { ...NODE_POOL, metadata: { name: p.name }, spec: nodePoolSpec(p, className) },
        // After the node class: deleted before it, so its finalizer finds no NodeClaims left.
        { parent: this, provider, dependsOn: [...args.dependsOn, this.nodeClass], ...customTimeouts },
      );
    }
    this.nodePools = pools;
    this.registerOutputs({});
  }
}
