import type { StackValidationPolicy } from "@pulumi/policy";
import { dependenciesOf, isKarpenterRelease, NODE_CLASS_TYPE, NODE_POOL_TYPE, specOf } from "../lib/eks";
import { asObject } from "../lib/values";

/**
 * Deleting Karpenter's custom resources can finish: every NodePool and EC2NodeClass depends on the
 * controller's Helm release, so Pulumi deletes them while the controller runs (their NodeClaims
 * and the node class carry Karpenter's finalizers, which only the controller removes: deleted
 * after it, `pulumi destroy` waits on them forever and the instances are orphaned), and every
 * NodePool sets `spec.template.spec.terminationGracePeriod` (without it "the controller will wait
 * indefinitely for pods to be drained", NodePool CRD of Karpenter 1.14.1).
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const karpenterBoundedTeardown: StackValidationPolicy = {
  name: "preflight-karpenter-bounded-teardown",
  description:
    "Every Karpenter NodePool and EC2NodeClass must depend on the controller release; every NodePool must set terminationGracePeriod.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const r of args.resources.filter((x) => x.type === NODE_POOL_TYPE || x.type === NODE_CLASS_TYPE)) {
      const kind = r.type.split(":").pop();
      if (![...dependenciesOf(r)].some(isKarpenterRelease)) {
        reportViolation(
          `${kind} "${r.name}" does not depend on the karpenter controller release: add it to dependsOn, or Pulumi may delete the controller first and the ${kind}'s finalizers never clear (destroy hangs, instances are orphaned).`,
          r.urn,
        );
      }
      if (r.type !== NODE_POOL_TYPE) continue;
      const grace = asObject(asObject(specOf(r).template).spec).terminationGracePeriod;
      if (typeof grace !== "string" || grace === "") {
        reportViolation(
          `NodePool "${r.name}" has no spec.template.spec.terminationGracePeriod: set one (platform:eks.karpenter.pools.<pool>.terminationGracePeriod), or a pod that cannot be evicted holds its node's drain, and its deletion, forever.`,
          r.urn,
        );
      }
    }
  },
};
