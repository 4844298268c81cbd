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
const step = (name: string) =>
  res(
    POLICY,
    name,
    { autoscalingGroupName: "web-asg-1a2b", policyType: "StepScaling" },
    { propertyDependencies: onGroup },
  );
const alarm = (name: string, threshold: number, policyUrn: string, metricName = "CPUUtilization") =>
  res(
    ALARM,
    name,
    { namespace: "AWS/EC2", metricName, threshold, dimensions: { AutoScalingGroupName: "web-asg-1a2b" } },
    { propertyDependencies: { alarmActions: [policyUrn], dimensions: [group.urn] } },
  );

describe("preflight-step-scaling-above-target", () => {
  test("compliant: step scale-out from 80% over a 70% target; other metrics and other groups are not compared", async () => {
    const out = step("web-scaling-step-out");
    const otherGroup = res(GROUP, "app-asg", {});
    const otherStep = res(POLICY, "app-step", {
      policyType: "StepScaling",
      autoscalingGroupName: "app-asg-9z",
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
            dimensions: { AutoScalingGroupName: "app-asg-9z" },
          },
          { propertyDependencies: { alarmActions: [otherStep.urn], dimensions: [otherGroup.urn] } },
        ),
      ]),
    ).toEqual([]);
  });

  test("non-compliant: the old defaults, step out at 60% and in below 30% under a 70% target", async () => {
    const out = step("web-scaling-step-out");
    const scaleIn = step("web-scaling-step-in");
    const v = await check(stepScalingAboveTarget, [
      group,
      target,
      out,
      scaleIn,
      alarm("web-scaling-cpu-high", 60, out.urn),
      alarm("web-scaling-cpu-low", 30, scaleIn.urn),
    ]);
    const tail =
      'target of "web-scaling-cpu" on the same group: the two policies fight (AWS warns that step and target tracking scaling on one metric conflict). Put every step threshold above the target, or leave scale-in to target tracking.';
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(ALARM, "web-scaling-cpu-high"),
        `Alarm "web-scaling-cpu-high" drives step scaling at 60% CPU, at or below the 70% ${tail}`,
      ],
      [
        urnOf(ALARM, "web-scaling-cpu-low"),
        `Alarm "web-scaling-cpu-low" drives step scaling at 30% CPU, at or below the 70% ${tail}`,
      ],
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
