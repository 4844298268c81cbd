import { stepScalingAboveTarget } from "../../../policies/preflight/step-scaling-above-target";
import { check, res, urnOf } from "../../helpers/policy";

const GROUP = "aws:autoscaling/group:Group";
const POLICY = "aws:autoscaling/policy:Policy";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

const group = res(GROUP, "web-asg", {});
const onGroup = { autoscalingGroupName: [group.urn] };
const target = res(
  POLICY,
  "web-scaling-cpu",
  {
    autoscalingGroupName: "web-asg-1a2b",
    policyType: "TargetTrackingScaling",
    targetTrackingConfiguration: {
      predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
      targetValue: 70,
    },
  },
  { propertyDependencies: onGroup },
);
const step = (name: string, adjustments: number[] = [1, 2]) =>
  res(
    POLICY,
    name,
    {
      autoscalingGroupName: "web-asg-1a2b",
      policyType: "StepScaling",
      stepAdjustments: adjustments.map((scalingAdjustment) => ({ scalingAdjustment })),
    },
    { propertyDependencies: onGroup },
  );
const alarm = (
  name: string,
  threshold: number,
  policyUrn: string,
  metricName = "CPUUtilization",
  comparisonOperator = "GreaterThanOrEqualToThreshold",
) =>
  res(
    ALARM,
    name,
    {
      namespace: "AWS/EC2",
      metricName,
      threshold,
      comparisonOperator,
      dimensions: { AutoScalingGroupName: "web-asg-1a2b" },
    },
    { propertyDependencies: { alarmActions: [policyUrn], dimensions: [group.urn] } },
  );

describe("preflight-step-scaling-above-target", () => {
  test("compliant: step scale-out from 80% over a 70% target; other metrics and other groups are not compared", async () => {
    const out = step("web-scaling-step-out");
    const otherGroup = res(GROUP, "app-asg", {});
    // A group without CPU target tracking may scale in by steps.
    const otherStep = res(POLICY, "app-step", {
      policyType: "StepScaling",
      autoscalingGroupName: "app-asg-9z",
      stepAdjustments: [{ scalingAdjustment: -1 }],
    });
    expect(
      await check(stepScalingAboveTarget, [
        group,
        target,
        out,
        alarm("web-scaling-cpu-high", 80, out.urn),
        alarm("web-network-high", 10, out.urn, "NetworkIn"),
        otherGroup,
        otherStep,
        res(
          ALARM,
          "app-cpu-low",
          {
            namespace: "AWS/EC2",
            metricName: "CPUUtilization",
            threshold: 20,
            comparisonOperator: "LessThanThreshold",
            dimensions: { AutoScalingGroupName: "app-asg-9z" },
          },
          { propertyDependencies: { alarmActions: [otherStep.urn], dimensions: [otherGroup.urn] } },
        ),
      ]),
    ).toEqual([]);
  });

  test("non-compliant: the old defaults, step out at 60% and in below 30% under a 70% target", async () => {
    const out = step("web-scaling-step-out");
    const scaleIn = step("web-scaling-step-in", [-1]);
    const v = await check(stepScalingAboveTarget, [
      group,
      target,
      out,
      scaleIn,
      alarm("web-scaling-cpu-high", 60, out.urn),
      alarm("web-scaling-cpu-low", 30, scaleIn.urn, "CPUUtilization", "LessThanThreshold"),
    ]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(ALARM, "web-scaling-cpu-high"),
        'Alarm "web-scaling-cpu-high" drives step scaling at 60% CPU, at or below the 70% target of "web-scaling-cpu" on the same group: the two policies fight (AWS warns that step and target tracking scaling on one metric conflict). Put every step threshold above the target, or leave scale-in to target tracking.',
      ],
      [
        urnOf(POLICY, "web-scaling-step-in"),
        'Step policy "web-scaling-step-in" scales in on a group with CPU target tracking ("web-scaling-cpu", 70%): it removes 1 (scalingAdjustment -1); alarm "web-scaling-cpu-low" drives it when CPU is LessThanThreshold 30%. Leave scale-in to target tracking: a step scale-in is not blocked by it and removes instances that target tracking then adds again (AWS warns that step and target tracking scaling on one metric conflict).',
      ],
    ]);
  });

  test("non-compliant: a step scale-in above the target (the comparison operator counts, not only the threshold)", async () => {
    // Passed before: only the threshold was compared, and 80 is above the 70% target.
    const scaleIn = step("web-scaling-step-in");
    const v = await check(stepScalingAboveTarget, [
      group,
      target,
      scaleIn,
      alarm("web-scaling-cpu-low", 80, scaleIn.urn, "CPUUtilization", "LessThanOrEqualToThreshold"),
    ]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(POLICY, "web-scaling-step-in"),
        'Step policy "web-scaling-step-in" scales in on a group with CPU target tracking ("web-scaling-cpu", 70%): alarm "web-scaling-cpu-low" drives it when CPU is LessThanOrEqualToThreshold 80%. Leave scale-in to target tracking: a step scale-in is not blocked by it and removes instances that target tracking then adds again (AWS warns that step and target tracking scaling on one metric conflict).',
      ],
    ]);
    // A step policy that removes instances is scale-in whatever drives it.
    const removes = step("web-scaling-step-shrink", [-2]);
    expect((await check(stepScalingAboveTarget, [group, target, removes])).map((x) => x.urn)).toEqual([
      urnOf(POLICY, "web-scaling-step-shrink"),
    ]);
  });

  test("non-compliant: a threshold equal to the target", async () => {
    const out = step("web-scaling-step-out");
    const v = await check(stepScalingAboveTarget, [
      group,
      target,
      out,
      alarm("web-scaling-cpu-high", 70, out.urn),
    ]);
    expect(v).toHaveLength(1);
  });
});
