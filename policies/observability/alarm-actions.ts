import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Every CloudWatch alarm, metric or composite, does something when it fires: its actions are
 * enabled (`actionsEnabled` is not false) and it has at least one alarm action (an SNS topic, a
 * scaling policy). An alarm without one changes state where nobody looks.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_319; cdk-nag none.
 */
export const observabilityAlarmActions: ResourceValidationPolicy = {
  name: "observability-alarm-actions",
  description:
    "CloudWatch metric and composite alarms must have their actions enabled and at least one alarm action.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!args.isType(aws.cloudwatch.MetricAlarm) && !args.isType(aws.cloudwatch.CompositeAlarm)) return;
    const props = args.props as { actionsEnabled?: unknown; alarmActions?: unknown };
    if (props.actionsEnabled === false || props.actionsEnabled === "false") {
      reportViolation(
        "The alarm's actions are disabled (actionsEnabled = false): it would change state and tell nobody.",
      );
    }
    const actions = Array.isArray(props.alarmActions) ? (props.alarmActions as unknown[]) : [];
    if (actions.length === 0) {
      reportViolation(
        "The alarm has no alarmActions: give it the topic of its severity (or the scaling policy it drives).",
      );
    }
  },
};
