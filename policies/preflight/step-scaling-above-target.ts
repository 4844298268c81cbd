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

const groupOf = (p: PolicyResource): GroupRef => ({
  name: p.props.autoscalingGroupName as unknown,
  from: urns(p.propertyDependencies.autoscalingGroupName),
});

/** The negative adjustments of a step policy (instances or percent it removes). */
const removals = (p: PolicyResource): number[] =>
  (Array.isArray(p.props.stepAdjustments) ? (p.props.stepAdjustments as unknown[]) : [])
    .map((s) => Number(asObject(s).scalingAdjustment))
    .filter((n) => Number.isFinite(n) && n < 0);

/**
 * No CPU step scaling that fights the CPU target tracking of the same Auto Scaling group:
 * - a step scale-out alarm (`GreaterThan...` on the group's average `CPUUtilization`, AWS/EC2)
 *   has its threshold above the target of the group's `ASGAverageCPUUtilization` target tracking
 *   policy: at or below it, step scaling adds instances that target tracking removes again;
 * - no step scale-in at all on such a group: a StepScaling policy that removes instances (a
 *   negative adjustment) or that a `LessThan...` CPU alarm drives. A step scale-in is not blocked by
 *   target tracking, which may then scale out again, and it removes instances without waiting for
 *   target tracking, which scales in conservatively; the platform leaves scale-in to target
 *   tracking alone. A scale-in alarm is judged as scale-in whatever its threshold: above the
 *   target it would remove instances while target tracking adds them.
 * AWS does not reject the pair, but warns that target tracking and step scaling together "can
 * cause undesirable behavior" (Application Auto Scaling PutScalingPolicy API reference; the EC2
 * Auto Scaling user guide, "Multiple dynamic scaling policies"). Not an apply-time rejection, but
 * a class of mistake the issue asks to keep out of every plan.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const stepScalingAboveTarget: StackValidationPolicy = {
  name: "preflight-step-scaling-above-target",
  description:
    "On an Auto Scaling group with CPU target tracking, CPU step scale-out alarms must have thresholds above the target, and no step policy may scale in.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const policies = args.resources.filter((r) => r.type === POLICY);
    const targets = policies.flatMap((p) => {
      const tt = asObject(p.props.targetTrackingConfiguration);
      const metric = asObject(tt.predefinedMetricSpecification).predefinedMetricType;
      return p.props.policyType === "TargetTrackingScaling" &&
        metric === "ASGAverageCPUUtilization" &&
        typeof tt.targetValue === "number"
        ? [{ policy: p, target: tt.targetValue, group: groupOf(p) }]
        : [];
    });
    const stepPolicies = policies.filter((p) => p.props.policyType === "StepScaling");
    /** The step policies an alarm drives. */
    const driven = (alarm: PolicyResource) => {
      const deps = urns(alarm.propertyDependencies.alarmActions);
      const arns = Array.isArray(alarm.props.alarmActions) ? (alarm.props.alarmActions as unknown[]) : [];
      return {
        policies: stepPolicies.filter((p) => deps.has(p.urn)),
        // An action given as a literal scaling policy ARN (not a resource of this plan).
        external: arns.some((x) => /:scalingPolicy:/.test(String(x))),
      };
    };
    const cpuAlarms = args.resources.filter(
      (r) =>
        r.type === ALARM &&
        r.props.namespace === "AWS/EC2" &&
        r.props.metricName === "CPUUtilization" &&
        typeof r.props.threshold === "number",
    );
    const scaleInAlarms = new Map<string, PolicyResource[]>();

    for (const alarm of cpuAlarms) {
      const a = alarm.props;
      const op = typeof a.comparisonOperator === "string" ? a.comparisonOperator : "";
      const d = driven(alarm);
      if (d.policies.length === 0 && !d.external) continue;
      if (op.startsWith("LessThan")) {
        for (const p of d.policies) scaleInAlarms.set(p.urn, [...(scaleInAlarms.get(p.urn) ?? []), alarm]);
        continue;
      }
      if (!op.startsWith("GreaterThan")) continue;
      const group: GroupRef = {
        name: asObject(a.dimensions).AutoScalingGroupName,
        from: urns(alarm.propertyDependencies.dimensions),
      };
      for (const t of targets.filter((x) => sameGroup(x.group, group))) {
        if ((a.threshold as number) <= t.target) {
          reportViolation(
            `Alarm "${alarm.name}" drives step scaling at ${a.threshold as number}% CPU, at or below the ${t.target}% target of "${t.policy.name}" on the same group: ` +
              `the two policies fight (AWS warns that step and target tracking scaling on one metric conflict). Put every step threshold above the target, or leave scale-in to target tracking.`,
            alarm.urn,
          );
        }
      }
    }

    for (const p of stepPolicies) {
      const t = targets.find((x) => sameGroup(x.group, groupOf(p)));
      if (!t) continue;
      const reasons = [
        ...removals(p).map((n) => `it removes ${-n} (scalingAdjustment ${n})`),
        ...(scaleInAlarms.get(p.urn) ?? []).map(
          (a) =>
            `alarm "${a.name}" drives it when CPU is ${String(a.props.comparisonOperator)} ${a.props.threshold as number}%`,
        ),
      ];
      if (reasons.length === 0) continue;
      reportViolation(
        `Step policy "${p.name}" scales in on a group with CPU target tracking ("${t.policy.name}", ${t.target}%): ${reasons.join("; ")}. ` +
          `Leave scale-in to target tracking: a step scale-in is not blocked by it and removes instances that target tracking then adds again (AWS warns that step and target tracking scaling on one metric conflict).`,
        p.urn,
      );
    }
  },
};
