import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * An EKS cluster authenticates IAM principals through access entries (`API`, or
 * `API_AND_CONFIG_MAP` while migrating), never through the `aws-auth` ConfigMap alone: access
 * entries are managed by the EKS API (and so by IaC and CloudTrail), where a ConfigMap edit can
 * lock everyone out. An unset mode counts as `CONFIG_MAP`, the EKS API's default.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const eksAuthenticationMode: ResourceValidationPolicy = {
  name: "eks-authentication-mode",
  description:
    "EKS clusters must authenticate through access entries (authenticationMode API or API_AND_CONFIG_MAP), not CONFIG_MAP.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, _args, reportViolation) => {
    const mode = cluster.accessConfig?.authenticationMode ?? "CONFIG_MAP";
    if (mode !== "API" && mode !== "API_AND_CONFIG_MAP") {
      reportViolation(
        `The cluster authenticates with ${String(mode)}${cluster.accessConfig?.authenticationMode ? "" : " (accessConfig.authenticationMode is unset)"}: set accessConfig.authenticationMode = "API" and grant access with access entries.`,
      );
    }
  }),
};
