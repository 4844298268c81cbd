import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Database instances are never publicly accessible.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_17.
 */
export const dataNotPublic: ResourceValidationPolicy = {
  name: "data-not-public",
  description: "Database instances must not be publicly accessible.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.rds.ClusterInstance, (instance, _args, reportViolation) => {
    if (instance.publiclyAccessible === true) {
      reportViolation(
        "Database instance is publicly accessible: set publiclyAccessible = false (it lives in isolated subnets).",
      );
    }
  }),
};
