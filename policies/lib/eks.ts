/** Helpers of the EKS policies: Karpenter's custom resources and Helm releases as planned. */
import type { PolicyResource } from "@pulumi/policy";
import { asObject } from "./values";

/** Type tokens of Karpenter v1's custom resources and of Helm releases (@pulumi/kubernetes). */
export const NODE_POOL_TYPE = "kubernetes:karpenter.sh/v1:NodePool";
export const NODE_CLASS_TYPE = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
export const HELM_RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";

/** The Karpenter controller chart's release (`.../karpenter`, not `.../karpenter-crd`). */
export const isKarpenterRelease = (r: { type: string; props: Record<string, unknown> }) =>
  r.type === HELM_RELEASE_TYPE && typeof r.props.chart === "string" && /(^|\/)karpenter$/.test(r.props.chart);

/** The release of Karpenter's CRD chart. */
export const isKarpenterCrdRelease = (r: { type: string; props: Record<string, unknown> }) =>
  r.type === HELM_RELEASE_TYPE &&
  typeof r.props.chart === "string" &&
  /(^|\/)karpenter-crd$/.test(r.props.chart);

/** A custom resource's `spec`. */
export const specOf = (r: { props: Record<string, unknown> }) => asObject(r.props.spec);

/** Everything `r` depends on, directly or through other resources. */
export function dependenciesOf(r: PolicyResource): Set<PolicyResource> {
  const seen = new Set<PolicyResource>();
  const visit = (x: PolicyResource) => {
    for (const d of [...x.dependencies, ...Object.values(x.propertyDependencies).flat()]) {
      if (!seen.has(d)) {
        seen.add(d);
        visit(d);
      }
    }
  };
  visit(r);
  return seen;
}

/** An IAM role ARN's role name ("arn:aws:iam::1:role/path/name" is "name"). */
export const roleNameOf = (arn: string) => arn.slice(arn.lastIndexOf("/") + 1);
