import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { isEveryone, pinnedToAccount, statementsIn } from "../lib/iam";

/**
 * No key policy grants to everyone unless a condition pins the caller to this account or
 * organisation: an Allow statement with principal `*` (or `{"AWS": "*"}`) must require
 * kms:CallerAccount, aws:SourceAccount, aws:PrincipalAccount, aws:PrincipalOrgID or aws:SourceArn
 * (the pattern KMS's own default policies for AWS services use: KMS Developer Guide,
 * "kms:CallerAccount"). `NotPrincipal` with Allow grants to nearly everyone and is refused.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_33; cdk-nag none.
 */
export const kmsKeyPolicyPrincipal: ResourceValidationPolicy = {
  name: "data-kms-key-policy-principal",
  description:
    'KMS key policies must not grant to principal "*" without a condition pinning the caller to the account (kms:CallerAccount, aws:SourceAccount).',
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.kms.Key, (key, _args, reportViolation) => {
    for (const [i, s] of statementsIn(key.policy).entries()) {
      if (s.Effect !== "Allow") continue;
      const where = `Key policy statement ${s.Sid ? `"${s.Sid}"` : i}`;
      if (s.NotPrincipal !== undefined) {
        reportViolation(`${where} allows with NotPrincipal: name the principals it grants to.`);
      } else if (isEveryone(s.Principal) && !pinnedToAccount(s)) {
        reportViolation(
          `${where} grants to every principal without an account condition: add kms:CallerAccount (or aws:SourceAccount) set to this account, or name the principal.`,
        );
      }
    }
  }),
};
