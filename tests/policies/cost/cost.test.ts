import { asgMaxSize } from "../../../policies/cost/asg-max-size";
import { instanceTypeAllowlist } from "../../../policies/cost/instance-type-allowlist";
import { spotShare } from "../../../policies/cost/spot-share";
import { evaluatePolicies } from "../../../src/plan/policies";
import { check, res } from "../../helpers/policy";

const ASG = "aws:autoscaling/group:Group";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const tags = (tier: string, stateless = true) => [
  { key: "platform:tier-name", value: tier, propagateAtLaunch: true },
  { key: "platform:stateless", value: String(stateless), propagateAtLaunch: true },
];
const mixed = (types: string[], onDemandPct: number) => ({
  instancesDistribution: { onDemandBaseCapacity: 2, onDemandPercentageAboveBaseCapacity: onDemandPct },
  launchTemplate: { overrides: types.map((instanceType) => ({ instanceType })) },
});
const group = (name: string, inputs: Record<string, unknown>) =>
  res(ASG, name, { minSize: 2, maxSize: 10, ...inputs });
const messages = async (policy: Parameters<typeof check>[0], ...resources: ReturnType<typeof res>[]) =>
  (await check(policy, resources)).map((v) => v.message);

describe("cost-instance-type-allowlist", () => {
  test("compliant: current general-purpose families on web, memory families allowed on app", async () => {
    expect(
      await messages(
        instanceTypeAllowlist,
        res(LT, "web-lt", { instanceType: "m7i.large", tags: { "platform:tier-name": "web" } }),
        group("app", { tags: tags("app"), mixedInstancesPolicy: mixed(["m7i.xlarge", "r7i.xlarge"], 70) }),
      ),
    ).toEqual([]);
  });
  test("non-compliant: a GPU family on web and a memory family where only the default list applies", async () => {
    expect(
      await messages(
        instanceTypeAllowlist,
        group("web", { tags: tags("web"), mixedInstancesPolicy: mixed(["m7i.large", "p4d.24xlarge"], 50) }),
        res(LT, "batch-lt", { instanceType: "r7i.large", tags: {} }),
      ),
    ).toEqual([
      '"batch-lt" (tier *) uses instance type r7i.large: allowed families for that tier are m5, m6i, m7i, m6g, m7g, c5, c6i, c7i, c6g, c7g (policy config allowedFamilies).',
      '"web" (tier web) uses instance type p4d.24xlarge: allowed families for that tier are m5, m6i, m7i, m6g, m7g, c5, c6i, c7i, c6g, c7g (policy config allowedFamilies).',
    ]);
  });
  test("configurable: a team may allow t3 on web through policy config", async () => {
    const v = await evaluatePolicies(
      [res(LT, "web-lt", { instanceType: "t3.large", tags: { "platform:tier-name": "web" } })],
      [{ name: "t", version: "0", enforcementLevel: "mandatory", policies: [instanceTypeAllowlist] }],
      {
        region: "us-east-1",
        config: { "cost-instance-type-allowlist": { allowedFamilies: { web: ["t3"] } } },
      },
    );
    expect(v).toEqual([]);
  });
});

describe("cost-asg-max-size", () => {
  test("compliant: at the ceiling", async () => {
    expect(await messages(asgMaxSize, group("g", { maxSize: 20 }))).toEqual([]);
  });
  test("non-compliant: above the default ceiling of 20", async () => {
    expect(await messages(asgMaxSize, group("g", { maxSize: 50 }))).toEqual([
      "Auto Scaling group maxSize is 50: the ceiling is 20 (policy config maxSizeCeiling).",
    ]);
  });
  test("configurable: a lower ceiling, and an advisory level, through policy config", async () => {
    const v = await evaluatePolicies(
      [group("g", { maxSize: 10 })],
      [{ name: "t", version: "0", enforcementLevel: "mandatory", policies: [asgMaxSize] }],
      {
        region: "us-east-1",
        config: { "cost-asg-max-size": { maxSizeCeiling: 8, enforcementLevel: "advisory" } },
      },
    );
    expect(v.map((x) => [x.enforcement, x.message])).toEqual([
      ["advisory", "Auto Scaling group maxSize is 10: the ceiling is 8 (policy config maxSizeCeiling)."],
    ]);
  });
});

describe("cost-spot-share", () => {
  test("compliant: 30% Spot above the base on a stateless tier; stateful groups are out of scope", async () => {
    expect(
      await messages(
        spotShare,
        group("web", { tags: tags("web"), mixedInstancesPolicy: mixed(["m7i.large"], 70) }),
        group("db", { tags: tags("db", false) }),
      ),
    ).toEqual([]);
  });
  test("non-compliant: a stateless tier all on-demand, with or without a mixed instances policy", async () => {
    expect(
      await messages(
        spotShare,
        group("web", { tags: tags("web"), mixedInstancesPolicy: mixed(["m7i.large"], 90) }),
        group("app", { tags: tags("app") }),
      ),
    ).toEqual([
      "Stateless Auto Scaling group runs 10% Spot above its on-demand base: expected at least 20% (mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity at most 80).",
      "Stateless Auto Scaling group runs 0% Spot above its on-demand base: expected at least 20% (mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity at most 80).",
    ]);
  });
});
