import { asgElbHealthCheck } from "../../../policies/application/asg-elb-health-check";
import { asgLaunchTemplate } from "../../../policies/application/asg-launch-template";
import { check, res } from "../../helpers/policy";

const ASG = "aws:autoscaling/group:Group";
const group = (inputs: Record<string, unknown>) =>
  res(ASG, "asg", {
    minSize: 2,
    maxSize: 10,
    launchTemplate: { id: "lt-1", version: "1" },
    targetGroupArns: ["tg"],
    healthCheckType: "ELB",
    ...inputs,
  });
const messages = async (policy: Parameters<typeof check>[0], inputs: Record<string, unknown>) =>
  (await check(policy, [group(inputs)])).map((v) => v.message);

describe("application-asg-launch-template", () => {
  test("compliant: a launch template, directly or in a mixed instances policy", async () => {
    expect(await messages(asgLaunchTemplate, {})).toEqual([]);
    expect(
      await messages(asgLaunchTemplate, {
        launchTemplate: undefined,
        mixedInstancesPolicy: {
          launchTemplate: { launchTemplateSpecification: { launchTemplateId: "lt-1" } },
        },
      }),
    ).toEqual([]);
  });
  test("non-compliant: a launch configuration, or nothing to launch from", async () => {
    expect(
      await messages(asgLaunchTemplate, { launchTemplate: undefined, launchConfiguration: "lc-1" }),
    ).toEqual([
      "Auto Scaling group uses a launch configuration: use a launch template (launchTemplate or mixedInstancesPolicy.launchTemplate).",
    ]);
    expect(await messages(asgLaunchTemplate, { launchTemplate: undefined })).toEqual([
      "Auto Scaling group names no launch template: set launchTemplate or mixedInstancesPolicy.launchTemplate.",
    ]);
  });
});

describe("application-asg-elb-health-check", () => {
  test("compliant: ELB checks behind a target group; a group without a load balancer is out of scope", async () => {
    expect(await messages(asgElbHealthCheck, {})).toEqual([]);
    expect(await messages(asgElbHealthCheck, { targetGroupArns: [], healthCheckType: "EC2" })).toEqual([]);
  });
  test("non-compliant: EC2 checks behind a target group", async () => {
    expect(await messages(asgElbHealthCheck, { healthCheckType: "EC2" })).toEqual([
      'Auto Scaling group uses "EC2" health checks behind a load balancer: set healthCheckType = "ELB".',
    ]);
  });
});
