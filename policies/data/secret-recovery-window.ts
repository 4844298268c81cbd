import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * A Secrets Manager secret keeps a recovery window: `recoveryWindowInDays` 0 deletes it at once
 * and for good, so a mistaken delete (or replacement) loses the credential with no way back. AWS
 * allows 7 to 30 days (Secrets Manager API Reference, DeleteSecret); left unset, it is 30.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const secretRecoveryWindow: ResourceValidationPolicy = {
  name: "data-secret-recovery-window",
  description: "Secrets Manager secrets must keep a recovery window (recoveryWindowInDays 7 to 30, not 0).",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.secretsmanager.Secret, (secret, _args, reportViolation) => {
    const days = secret.recoveryWindowInDays;
    if (days !== undefined && days < 7) {
      reportViolation(
        `The secret is deletable without a recovery window (recoveryWindowInDays = ${days}): leave it unset or set 7 to 30.`,
      );
    }
  }),
};
