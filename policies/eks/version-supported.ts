import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { KUBERNETES_VERSIONS, STANDARD_SUPPORT_VERSIONS } from "../../src/config/eks";

/**
 * An EKS cluster runs a Kubernetes version in EKS standard support (src/config/eks.ts,
 * `KUBERNETES_VERSIONS`). The one documented exception: a version the platform knows that leaves
 * standard support, on a cluster that opts into extended support (`upgradePolicy.supportType:
 * EXTENDED`, `platform:eks.extendedSupport`), which EKS charges per cluster hour.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_339.
 */
export const eksVersionSupported: ResourceValidationPolicy = {
  name: "eks-version-supported",
  description:
    "EKS clusters must run a Kubernetes version in standard support, or opt into extended support (upgradePolicy EXTENDED) for a version leaving it.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, _args, reportViolation) => {
    const version = cluster.version;
    if (typeof version !== "string") {
      reportViolation(
        `The cluster pins no Kubernetes version: EKS would create it with the newest and never move it; set version to one of ${STANDARD_SUPPORT_VERSIONS.join(", ")}.`,
      );
      return;
    }
    if ((STANDARD_SUPPORT_VERSIONS as string[]).includes(version)) return;
    const known = (KUBERNETES_VERSIONS as Record<string, { standardSupportEnds?: string }>)[version];
    const extended = cluster.upgradePolicy?.supportType === "EXTENDED";
    if (known && extended) return;
    reportViolation(
      known
        ? `Kubernetes ${version} leaves EKS standard support on ${known.standardSupportEnds}: upgrade to ${STANDARD_SUPPORT_VERSIONS.join(" or ")}, or opt into extended support (upgradePolicy.supportType = "EXTENDED", platform:eks.extendedSupport).`
        : `Kubernetes ${version} is not a version in EKS standard support: expected ${STANDARD_SUPPORT_VERSIONS.join(" or ")}.`,
    );
  }),
};
