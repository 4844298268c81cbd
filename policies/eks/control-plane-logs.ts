import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/** Every control-plane log type EKS publishes (EKS user guide, "Send control plane logs to CloudWatch Logs"). */
export const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/**
 * An EKS cluster sends all five control-plane log types to CloudWatch Logs.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_37; cdk-nag EKS2.
 */
export const eksControlPlaneLogs: ResourceValidationPolicy = {
  name: "eks-control-plane-logs",
  description:
    "EKS clusters must enable all five control-plane log types: api, audit, authenticator, controllerManager, scheduler.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, _args, reportViolation) => {
    const enabled = (cluster.enabledClusterLogTypes ?? []) as string[];
    const missing = EKS_LOG_TYPES.filter((t) => !enabled.includes(t));
    if (missing.length > 0) {
      reportViolation(
        `The cluster does not log ${missing.join(", ")}: add ${missing.length === 1 ? "it" : "them"} to enabledClusterLogTypes.`,
      );
    }
  }),
};
