import type { StackValidationPolicy } from "@pulumi/policy";
import { asArray } from "../lib/values";

/**
 * AWS-managed policies that grant administration of the account or of a whole service: full
 * administrator and power user access, IAM's full access, and every `...FullAccess` policy.
 */
export const isAdminManagedPolicy = (arn: string): boolean =>
  /^arn:aws[a-z-]*:iam::aws:policy\/(.*\/)?(AdministratorAccess|PowerUserAccess|[A-Za-z0-9]*FullAccess)(\b|$)/.test(
    arn,
  );

const ATTACHMENTS = [
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/policyAttachment:PolicyAttachment",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
];

/**
 * No role, user or group of the platform gets an AWS-managed administrative policy
 * (AdministratorAccess, PowerUserAccess, IAMFullAccess or any other `...FullAccess`), whether
 * through an attachment resource or a role's `managedPolicyArns`. Workload roles get the narrow
 * managed policies their service documents (the EKS worker, CNI and SSM core policies) or their
 * own.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_274; cdk-nag IAM4.
 */
export const iamNoAdminPolicies: StackValidationPolicy = {
  name: "application-iam-no-admin-policies",
  description:
    "Roles, users and groups must not get AWS-managed administrative policies (AdministratorAccess, PowerUserAccess, *FullAccess).",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const r of args.resources) {
      const arns = ATTACHMENTS.includes(r.type)
        ? [r.props.policyArn]
        : r.type === "aws:iam/role:Role"
          ? asArray<unknown>(r.props.managedPolicyArns)
          : [];
      for (const arn of arns) {
        if (typeof arn === "string" && isAdminManagedPolicy(arn)) {
          reportViolation(
            `"${r.name}" grants the AWS-managed administrative policy ${arn}: grant only the actions the workload needs.`,
            r.urn,
          );
        }
      }
    }
  },
};
