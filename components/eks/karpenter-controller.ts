import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CRITICAL_ADDONS_TOLERATION } from "./labels";

/** Where Karpenter's charts are published (karpenter.sh, "Getting Started"). */
export const KARPENTER_CRD_CHART = "oci://public.ecr.aws/karpenter/karpenter-crd";
export const KARPENTER_CHART = "oci://public.ecr.aws/karpenter/karpenter";

/** Arguments of {@link KarpenterController}. */
export interface KarpenterControllerArgs {
  /** The cluster's Kubernetes provider: every resource is created with it. */
  readonly provider: k8s.Provider;
  /** The version of both charts. */
  readonly version: string;
  /** The region, given to the controller so it never asks IMDS (hop limit 1 hides it from pods). */
  readonly region: string;
  readonly clusterName: pulumi.Input<string>;
  readonly clusterEndpoint: pulumi.Input<string>;
  /** The SQS interruption queue's name. */
  readonly interruptionQueue: pulumi.Input<string>;
  /** The namespace of both releases. @default "kube-system" */
  readonly namespace?: string;
  /** The service account, which the Pod Identity association names. @default "karpenter" */
  readonly serviceAccount?: string;
  /** Node labels of the nodes the controller must run on (nodes Karpenter does not manage). */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Controller replicas, on distinct nodes. @default 2 */
  readonly replicas?: number;
  /**
   * What the controller waits for: the nodes it runs on, DNS, Pod Identity (agent and association)
   * and the node role's access entry. @default []
   */
  readonly dependsOn?: readonly pulumi.Resource[];
}

/**
 * Karpenter's cluster side: its CRDs from the `karpenter-crd` chart (Helm installs a chart's crds/
 * folder once and never upgrades it, so the CRDs get a release of their own and the controller
 * chart skips them), then the controller at the same version, two replicas on distinct system
 * nodes, a disruption budget, the cluster name, endpoint and interruption queue set.
 */
export class KarpenterController extends pulumi.ComponentResource {
  readonly crds: k8s.helm.v3.Release;
  readonly controller: k8s.helm.v3.Release;

  constructor(name: string, args: KarpenterControllerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:eks:KarpenterController", name, {}, opts);
    const namespace = args.namespace ?? "kube-system";
    const provider = args.provider;
    this.crds = new k8s.helm.v3.Release(
      `${name}-crd`,
      { name: "karpenter-crd", chart: KARPENTER_CRD_CHART, version: args.version, namespace, atomic: true },
      { parent: this, provider },
    );
    this.controller = new k8s.helm.v3.Release(
      name,
      {
        name: "karpenter",
        chart: KARPENTER_CHART,
        version: args.version,
        namespace,
        skipCrds: true,
        atomic: true,
        values: karpenterValues(args),
      },
      { parent: this, provider, dependsOn: [this.crds, ...(args.dependsOn ?? [])] },
    );
    this.registerOutputs({});
  }
}

/** The controller chart's values (keys as in the chart's values.yaml, Karpenter 1.14.1). */
export function karpenterValues(args: KarpenterControllerArgs): Record<string, unknown> {
  return {
    serviceAccount: { create: true, name: args.serviceAccount ?? "karpenter" },
    replicas: args.replicas ?? 2,
    podDisruptionBudget: { name: "karpenter", maxUnavailable: 1 },
    nodeSelector: { "kubernetes.io/os": "linux", ...args.nodeSelector },
    tolerations: [{ ...CRITICAL_ADDONS_TOLERATION }],
    // The chart's defaults, stated: never on a node Karpenter manages, one replica per node.
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: "karpenter.sh/nodepool", operator: "DoesNotExist" }] },
          ],
        },
      },
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname" }],
      },
    },
    controller: {
      // Without it the controller asks IMDS for its region, which hop limit 1 denies to pods.
      env: [{ name: "AWS_REGION", value: args.region }],
      resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
    },
    settings: {
      clusterName: args.clusterName,
      clusterEndpoint: args.clusterEndpoint,
      interruptionQueue: args.interruptionQueue,
    },
  };
}
