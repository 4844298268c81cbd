import * as aws from "@pulumi/aws";
import type { StackValidationPolicy } from "@pulumi/policy";
import { NODE_CLASS_TYPE, roleNameOf, specOf } from "../lib/eks";

/**
 * The role every EC2NodeClass launches nodes with has an EKS access entry of type `EC2_LINUX`: with
 * none, or a `STANDARD` one, the nodes start and never join the cluster (AWS's Karpenter
 * reference; EKS user guide, "Create access entries").
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const karpenterNodeAccessEntry: StackValidationPolicy = {
  name: "preflight-karpenter-node-access-entry",
  description:
    "The node role of every Karpenter EC2NodeClass must have an EKS access entry of type EC2_LINUX.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const entries = args.resources.filter((r) => r.isType(aws.eks.AccessEntry));
    // At a real preview an entry's principal may be unknown: then absence cannot be judged.
    const unknown = entries.some((e) => typeof e.props.principalArn !== "string");
    for (const nc of args.resources.filter((r) => r.type === NODE_CLASS_TYPE)) {
      const role = specOf(nc).role;
      if (typeof role !== "string") continue;
      const forRole = entries.filter(
        (e) => typeof e.props.principalArn === "string" && roleNameOf(e.props.principalArn) === role,
      );
      if (forRole.length === 0 && !unknown) {
        reportViolation(
          `EC2NodeClass "${nc.name}" launches nodes with role ${role}, which has no EKS access entry: add one of type EC2_LINUX, or its nodes never join.`,
          nc.urn,
        );
      }
      for (const e of forRole.filter((x) => x.props.type !== "EC2_LINUX")) {
        reportViolation(
          `The access entry of node role ${role} has type ${JSON.stringify(e.props.type ?? "STANDARD")}: expected "EC2_LINUX", or Karpenter's nodes never join the cluster.`,
          e.urn,
        );
      }
    }
  },
};
