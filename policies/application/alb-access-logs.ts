import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Application load balancers write access logs to S3.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_91; cdk-nag ELB2.
 */
export const albAccessLogs: ResourceValidationPolicy = {
  name: "application-alb-access-logs",
  description: "Application load balancers must write access logs to an S3 bucket.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.lb.LoadBalancer, (lb, _args, reportViolation) => {
    if ((lb.loadBalancerType ?? "application") !== "application") return;
    if (lb.accessLogs?.enabled !== true || !lb.accessLogs.bucket) {
      reportViolation(
        "Application load balancer does not log access: set accessLogs = { bucket, enabled: true }.",
      );
    }
  }),
};
