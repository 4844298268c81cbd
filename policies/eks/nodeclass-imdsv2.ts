import type { ResourceValidationPolicy } from "@pulumi/policy";
import { NODE_CLASS_TYPE, specOf } from "../lib/eks";
import { asObject } from "../lib/values";

/**
 * Every Karpenter EC2NodeClass requires IMDSv2 with a hop limit of 1, so pods cannot reach the
 * node role's credentials. A field left out counts as the CRD's default (required, 1).
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const eksNodeClassImdsv2: ResourceValidationPolicy = {
  name: "eks-nodeclass-imdsv2",
  description:
    "Karpenter EC2NodeClasses must require IMDSv2 (httpTokens required) with httpPutResponseHopLimit 1.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== NODE_CLASS_TYPE) return;
    const md = asObject(specOf(args).metadataOptions);
    if (md.httpEndpoint === "disabled") return;
    const tokens = md.httpTokens ?? "required";
    const hops = md.httpPutResponseHopLimit ?? 1;
    if (tokens !== "required") {
      reportViolation(
        `EC2NodeClass allows IMDSv1 (metadataOptions.httpTokens = ${JSON.stringify(tokens)}): set it to "required".`,
      );
    }
    if (hops !== 1) {
      reportViolation(
        `EC2NodeClass sets metadataOptions.httpPutResponseHopLimit = ${JSON.stringify(hops)}: expected 1 (pods get credentials from EKS Pod Identity, not the node).`,
      );
    }
  },
};
