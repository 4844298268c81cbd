import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { compareSemver, minKarpenterFor } from "../../src/config/eks";
import { isKarpenterRelease } from "../lib/eks";

/** The cluster a release's Kubernetes provider was built from (its kubeconfig depends on it). */
function clusterOf(
  release: PolicyResource,
  clusters: PolicyResource[],
  all: PolicyResource[],
): PolicyResource | undefined {
  const provider = all.find((r) => r.urn === release.provider?.urn);
  const fromProvider = (provider?.propertyDependencies.kubeconfig ?? []).find((d) => clusters.includes(d));
  return fromProvider ?? (clusters.length === 1 ? clusters[0] : undefined);
}

/**
 * The Karpenter chart's version supports the cluster's Kubernetes version, per Karpenter's
 * compatibility matrix (src/config/eks.ts: 1.34 needs >= 1.6, 1.35 >= 1.9, 1.36 >= 1.13). An older
 * controller on a newer cluster fails to launch or disrupt nodes; upgrade Karpenter first.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const karpenterCompatibility: StackValidationPolicy = {
  name: "preflight-karpenter-compatibility",
  description: "The Karpenter Helm release's version must support the EKS cluster's Kubernetes version.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const clusters = args.resources.filter((r) => r.isType(aws.eks.Cluster));
    for (const release of args.resources.filter(isKarpenterRelease)) {
      const cluster = clusterOf(release, clusters, args.resources);
      const version: unknown = release.props.version;
      const k8s: unknown = cluster?.props.version;
      if (typeof version !== "string" || typeof k8s !== "string") continue;
      const min = minKarpenterFor(k8s);
      if (min === undefined) {
        reportViolation(
          `Karpenter ${version} runs on Kubernetes ${k8s}, a version whose Karpenter support the platform does not know: add it to KUBERNETES_VERSIONS (src/config/eks.ts).`,
          release.urn,
        );
      } else if (!(compareSemver(version, min) >= 0)) {
        reportViolation(
          `Karpenter ${version} does not support Kubernetes ${k8s}: expected Karpenter ${min} or newer; upgrade Karpenter before the cluster.`,
          release.urn,
        );
      }
    }
  },
};
