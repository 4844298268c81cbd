import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Every RDS Proxy requires TLS from its clients (`requireTls`) and IAM authentication on every
 * auth entry (`iamAuth: "REQUIRED"`): without them a client may connect in plain text, or with
 * the database password alone (RDS User Guide, "Using TLS/SSL with RDS Proxy" and "Setting up
 * IAM authentication for RDS Proxy").
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const proxyTlsIam: ResourceValidationPolicy = {
  name: "data-proxy-tls-iam",
  description: "RDS Proxies must require TLS and IAM authentication on every auth entry.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.rds.Proxy, (proxy, _args, reportViolation) => {
    if (proxy.requireTls !== true) {
      reportViolation("The proxy accepts plain-text connections: set requireTls = true.");
    }
    const auths = proxy.auths ?? [];
    if (auths.length === 0) reportViolation('The proxy declares no auth entry with iamAuth = "REQUIRED".');
    for (const [i, a] of auths.entries()) {
      if (a.iamAuth !== "REQUIRED") {
        reportViolation(
          `Auth entry ${i} has iamAuth = ${JSON.stringify(a.iamAuth ?? "DISABLED")}: set it to "REQUIRED" so clients sign in with IAM, not the password.`,
        );
      }
    }
  }),
};
