import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Aurora clusters accept IAM database authentication.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_162; cdk-nag RDS6.
 */
export const iamAuth: ResourceValidationPolicy = {
  name: "data-iam-auth",
  description: "Aurora clusters must enable IAM database authentication.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.rds.Cluster, (cluster, _args, reportViolation) => {
    if (cluster.iamDatabaseAuthenticationEnabled !== true) {
      reportViolation(
        "Cluster does not accept IAM database authentication: set iamDatabaseAuthenticationEnabled = true.",
      );
    }
  }),
};
