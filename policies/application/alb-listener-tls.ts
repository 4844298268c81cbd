import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/** ELB security policies that accept only TLS 1.2 or newer. */
export const TLS12_PLUS = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)/;

/**
 * HTTPS listeners use a TLS 1.2+ security policy; HTTP listeners only redirect to HTTPS. Without
 * `sslPolicy` AWS applies ELBSecurityPolicy-2016-08, which still accepts TLS 1.0.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_2.
 */
export const albListenerTls: ResourceValidationPolicy = {
  name: "application-alb-listener-tls",
  description: "HTTPS listeners must use a TLS 1.2+ policy; HTTP listeners must redirect to HTTPS.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.lb.Listener, (listener, _args, reportViolation) => {
    if (listener.protocol === "HTTPS") {
      if (!TLS12_PLUS.test(listener.sslPolicy ?? "")) {
        reportViolation(
          `HTTPS listener uses security policy ${JSON.stringify(listener.sslPolicy ?? "ELBSecurityPolicy-2016-08 (the default)")}, which allows TLS below 1.2: use ELBSecurityPolicy-TLS13-1-2-2021-06 or stricter.`,
        );
      }
    } else if (listener.protocol === "HTTP") {
      const actions = listener.defaultActions ?? [];
      const redirects =
        actions.length > 0 && actions.every((a) => a.type === "redirect" && a.redirect?.protocol === "HTTPS");
      if (!redirects) {
        reportViolation(
          "HTTP listener serves traffic instead of redirecting to HTTPS: its only default action must redirect with protocol HTTPS.",
        );
      }
    }
  }),
};
