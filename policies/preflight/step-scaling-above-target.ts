import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { asObject } from "../lib/values";

const POLICY = "aws:autoscaling/policy:Policy";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

/** The Auto Scaling group a policy or alarm is about: its name, and the resources that name came from. */
interface GroupRef {
  readonly name: unknown;
  readonly from: ReadonlySet<string>;
}
const sameGroup = (a: GroupRef, b: GroupRef) =>
  (typeof a.name === "string" && a.name === b.name) || [...a.from].some((u) => b.from.has(u));
const urns = (rs: readonly PolicyResource[] | undefined) => new Set((rs ?? []).map((r) => r.urn));

/**
 * No CPU step scaling at or below the CPU target-tracking target of the same Auto Scaling group:
 * an alarm on the group's average `CPUUtilization` (AWS/EC2) that drives a StepScaling policy has
 * its threshold above the target of the group's `ASGAverageCPUUtilization` target tracking policy.
 * AWS does not reject the pair, but warns that target tracking and step scaling together
 * "can cause undesirable behavior" (Application Auto Scaling PutScalingPolicy API reference: a step
 * scale-in is not blocked by target tracking, which may then scale out again; the EC2 Auto Scaling
 * user guide, "Multiple dynamic scaling policies", likewise): a step scale-out below the target
 * adds instances that target tracking removes, a step scale-in below it removes instances that
 * target tracking keeps. Not an apply-time rejection, but a class of mistake the issue asks to
 * keep out of every plan.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const stepScalingAboveTarget: StackValidationPolicy = {
  name: "preflight-step-scaling-above-target",
  description:
    "CPU step-scaling alarms of an Auto Scaling group must have thresholds above the group's CPU target-tracking target.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const policies = args.resources.filter((r) => r.type === POLICY);
    const targets = policies.flatMap((p) => {
      const tt = asObject(p.props.targetTrackingConfiguration);
      const metric = asObject(tt.predefinedMetricSpecification).predefinedMetricType;
      return p.props.policyType === "TargetTrackingScaling" &&
        metric === "ASGAverageCPUUtilization" &&
        typeof tt.targetValue === "number"
        ? [
            {
              policy: p,
              target: tt.targetValue,
              group: {
                name: p.props.autoscalingGroupName as unknown,
                from: urns(p.propertyDependencies.autoscalingGroupName),
              },
            },
          ]
        : [];
    });
    const stepPolicies = new Set(
      policies.filter((p) => p.props.policyType === "StepScaling").map((p) => p.urn),
    );
    for (const alarm of args.resources.filter((r) => r.type === ALARM)) {
      const a = alarm.props;
      if (a.namespace !== "AWS/EC2" || a.metricName !== "CPUUtilization" || typeof a.threshold !== "number")
        continue;
      const drivesStep =
        [...urns(alarm.propertyDependencies.alarmActions)].some((u) => stepPolicies.has(u)) ||
        (Array.isArray(a.alarmActions) &&
          (a.alarmActions as unknown[]).some((x) => /:scalingPolicy:/.test(String(x))));
      if (!drivesStep) continue;
      const group: GroupRef = {
        name: asObject(a.dimensions).AutoScalingGroupName,
        from: urns(alarm.propertyDependencies.dimensions),
      };
      for (const t of targets.filter((x) => sameGroup(x.group, group))) {
        if (a.threshold <= t.target) {
          reportViolation(
            `Alarm "${alarm.name}" drives step scaling at ${a.threshold}% CPU, at or below the ${t.target}% target of "${t.policy.name}" on the same group: ` +
              `the two policies fight (AWS warns that step and target tracking scaling on one metric conflict). Put every step threshold above the target, or leave scale-in to target tracking.`,
            alarm.urn,
          );
        }
      }
    }
  },
};
