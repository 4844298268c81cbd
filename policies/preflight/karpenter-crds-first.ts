import type { StackValidationPolicy } from "@pulumi/policy";
import { dependenciesOf, isKarpenterCrdRelease, NODE_CLASS_TYPE, NODE_POOL_TYPE } from "../lib/eks";

/**
 * Every NodePool and EC2NodeClass depends (directly or not) on the Helm release of Karpenter's
 * CRDs: created first, the API server rejects them ("no matches for kind"), and the CRDs would be
 * deleted before them on destroy.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const karpenterCrdsFirst: StackValidationPolicy = {
  name: "preflight-karpenter-crds-first",
  description: "Every Karpenter NodePool and EC2NodeClass must depend on the karpenter-crd Helm release.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const r of args.resources.filter((x) => x.type === NODE_POOL_TYPE || x.type === NODE_CLASS_TYPE)) {
      if (![...dependenciesOf(r)].some(isKarpenterCrdRelease)) {
        reportViolation(
          `${r.type.split(":").pop()} "${r.name}" does not depend on the karpenter-crd release: add it to dependsOn, or the API server rejects it ("no matches for kind") before the CRDs exist.`,
          r.urn,
        );
      }
    }
  },
};
