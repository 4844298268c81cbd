import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { actionsOf, isEveryone, pinnedToAccount, statementsIn } from "../lib/iam";

/**
 * No role's trust policy lets any principal assume it: an Allow statement whose principal is
 * everyone (`*`, `{"AWS": "*"}`) must pin the caller to an account or organisation with a
 * condition (aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn), and no
 * statement may allow with `NotPrincipal` or allow every action (`sts:*`, `*`).
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_60; cdk-nag none.
 */
export const iamTrustNotOpen: ResourceValidationPolicy = {
  name: "application-iam-trust-not-open",
  description:
    "Role trust policies must not let any principal assume the role (a wildcard principal needs an account or organisation condition).",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.iam.Role, (role, _args, reportViolation) => {
    for (const [i, s] of statementsIn(role.assumeRolePolicy).entries()) {
      if (s.Effect !== "Allow") continue;
      const where = `Trust statement ${s.Sid ? `"${s.Sid}"` : i}`;
      if (s.NotPrincipal !== undefined) {
        reportViolation(
          `${where} allows with NotPrincipal (anyone but a list): name the principals that may assume the role.`,
        );
      } else if (isEveryone(s.Principal) && !pinnedToAccount(s)) {
        reportViolation(
          `${where} lets any AWS principal assume the role: name the principal, or require aws:PrincipalAccount or aws:PrincipalOrgID.`,
        );
      }
      const wild = actionsOf(s.Action).filter((a) => a === "*" || a === "sts:*");
      if (wild.length > 0)
        reportViolation(
          `${where} allows ${wild.join(", ")}: allow only sts:AssumeRole (and sts:TagSession).`,
        );
    }
  }),
};
