import type { StackValidationPolicy } from "@pulumi/policy";
import { actionsOf, readOnly, resourcesOf, statementsIn, wildcardAction } from "../lib/iam";

const DOCUMENT_TYPES = [
  "aws:iam/policy:Policy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/groupPolicy:GroupPolicy",
];

/**
 * Write actions that no resource type scopes, which IAM can only grant on `Resource: "*"`
 * (Service Authorization Reference: the actions list no resource type). Step Functions' logging
 * needs the CloudWatch Logs delivery actions on "*" (Step Functions Developer Guide, "IAM policies
 * for logging to CloudWatch Logs"), X-Ray's tracing the telemetry actions (X-Ray Developer Guide,
 * "Identity-based policy examples").
 */
export const UNSCOPABLE_WRITE_ACTIONS = [
  "logs:CreateLogDelivery",
  "logs:DeleteLogDelivery",
  "logs:UpdateLogDelivery",
  "logs:PutResourcePolicy",
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
];

/**
 * No IAM policy document (managed or inline) allows a wildcard action (`*`, `s3:*`, `ec2:Delete*`)
 * or uses `NotAction` to allow, and none allows a write action on `Resource: "*"` unless the action
 * is one no resource type can scope (UNSCOPABLE_WRITE_ACTIONS). Read-only actions on "*" (the
 * Describe calls Karpenter makes) stay allowed.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_62, CKV_AWS_63, CKV_AWS_290,
 * CKV_AWS_355; cdk-nag IAM5.
 */
export const iamNoWildcardWrite: StackValidationPolicy = {
  name: "application-iam-no-wildcard-write",
  description:
    'IAM policies must not allow wildcard actions, NotAction, or write actions on Resource "*" (except actions no resource type scopes).',
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const r of args.resources.filter((x) => DOCUMENT_TYPES.includes(x.type))) {
      for (const [i, s] of statementsIn(r.props.policy).entries()) {
        if (s.Effect !== "Allow") continue;
        const where = `Policy "${r.name}" statement ${s.Sid ? `"${s.Sid}"` : i}`;
        if (s.NotAction !== undefined) {
          reportViolation(
            `${where} allows with NotAction (everything but a list): name the actions it allows.`,
            r.urn,
          );
        }
        const actions = actionsOf(s.Action);
        const wild = actions.filter(wildcardAction);
        if (wild.length > 0) {
          reportViolation(
            `${where} allows wildcard actions ${wild.join(", ")}: name each action it needs.`,
            r.urn,
          );
        }
        if (resourcesOf(s).includes("*")) {
          const writes = actions.filter(
            (a) => !wildcardAction(a) && !readOnly(a) && !UNSCOPABLE_WRITE_ACTIONS.includes(a),
          );
          if (writes.length > 0) {
            reportViolation(
              `${where} allows write actions ${writes.join(", ")} on Resource "*": name the resources' ARNs.`,
              r.urn,
            );
          }
        }
      }
    }
  },
};
