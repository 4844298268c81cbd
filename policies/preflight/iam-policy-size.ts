import * as aws from "@pulumi/aws";
import type { StackValidationPolicy } from "@pulumi/policy";

/** IAM quotas, in characters not counting whitespace (IAM User Guide, "IAM and AWS STS quotas"). */
export const MANAGED_POLICY_MAX = 6144;
export const ROLE_INLINE_POLICIES_MAX = 10240;

const size = (document: string) => document.replace(/\s/g, "").length;

/**
 * IAM policy documents fit IAM's quotas: a managed policy at most 6,144 characters, a role's
 * inline policies together at most 10,240 (whitespace not counted). AWS rejects a longer one at
 * apply time ("Cannot exceed quota for PolicySize"); Karpenter's controller policy, for one, is
 * longer than a single managed policy allows.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const iamPolicySize: StackValidationPolicy = {
  name: "preflight-iam-policy-size",
  description:
    "IAM managed policies must be at most 6,144 characters, a role's inline policies together at most 10,240.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const p of args.resources.filter((r) => r.isType(aws.iam.Policy))) {
      if (typeof p.props.policy === "string" && size(p.props.policy) > MANAGED_POLICY_MAX) {
        reportViolation(
          `Managed policy "${p.name}" has ${size(p.props.policy)} characters (whitespace not counted): IAM allows ${MANAGED_POLICY_MAX}; split it into several policies.`,
          p.urn,
        );
      }
    }
    const byRole = new Map<string, number>();
    for (const p of args.resources.filter((r) => r.isType(aws.iam.RolePolicy))) {
      if (typeof p.props.policy !== "string" || typeof p.props.role !== "string") continue;
      byRole.set(p.props.role, (byRole.get(p.props.role) ?? 0) + size(p.props.policy));
    }
    for (const [role, total] of byRole) {
      if (total > ROLE_INLINE_POLICIES_MAX) {
        reportViolation(
          `Role ${role}'s inline policies have ${total} characters together (whitespace not counted): IAM allows ${ROLE_INLINE_POLICIES_MAX}; move some into managed policies.`,
        );
      }
    }
  },
};
