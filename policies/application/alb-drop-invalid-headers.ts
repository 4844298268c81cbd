import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Application load balancers drop HTTP headers with invalid fields, a request-smuggling defence,
 * and do not weaken desync mitigation below "defensive".
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_131, CKV_AWS_328.
 */
export const albDropInvalidHeaders: ResourceValidationPolicy = {
  name: "application-alb-drop-invalid-headers",
  description:
    "Application load balancers must drop invalid header fields and keep desync mitigation defensive or strictest.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.lb.LoadBalancer, (lb, _args, reportViolation) => {
    if ((lb.loadBalancerType ?? "application") !== "application") return;
    if (lb.dropInvalidHeaderFields !== true) {
      reportViolation(
        "Application load balancer forwards invalid header fields: set dropInvalidHeaderFields = true.",
      );
    }
    if (lb.desyncMitigationMode === "monitor") {
      reportViolation(
        'Application load balancer only monitors HTTP desync: set desyncMitigationMode to "defensive" or "strictest".',
      );
    }
  }),
};
