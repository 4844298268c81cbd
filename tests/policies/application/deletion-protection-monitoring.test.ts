/** application-alb-deletion-protection and application-launch-template-detailed-monitoring. */
import { albDeletionProtection } from "../../../policies/application/alb-deletion-protection";
import { launchTemplateDetailedMonitoring } from "../../../policies/application/launch-template-detailed-monitoring";
import { check, res } from "../../helpers/policy";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const ALB = "aws:alb/loadBalancer:LoadBalancer";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const msgs = async (policy: Parameters<typeof check>[0], r: Parameters<typeof check>[1]) =>
  (await check(policy, r)).map((v) => [v.urn.split("::").pop(), v.message]);

describe("application-alb-deletion-protection", () => {
  test("compliant: deletion protection on (boolean or string), through aws.lb or aws.alb", async () => {
    expect(
      await msgs(albDeletionProtection, [
        res(LB, "web", { loadBalancerType: "application", enableDeletionProtection: true }),
        res(ALB, "app", { enableDeletionProtection: "true" }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: left out (AWS's default is off) or false, on any load balancer type", async () => {
    expect(
      await msgs(albDeletionProtection, [
        res(LB, "web", { loadBalancerType: "application" }),
        res(LB, "nlb", { loadBalancerType: "network", enableDeletionProtection: false }),
        res(ALB, "app", { enableDeletionProtection: false }),
      ]),
    ).toEqual([
      [
        "web",
        "Load balancer has no deletion protection (enableDeletionProtection = undefined): set it to true.",
      ],
      ["nlb", "Load balancer has no deletion protection (enableDeletionProtection = false): set it to true."],
      ["app", "Load balancer has no deletion protection (enableDeletionProtection = false): set it to true."],
    ]);
  });
});

describe("application-launch-template-detailed-monitoring", () => {
  test("compliant: monitoring.enabled true", async () => {
    expect(
      await msgs(launchTemplateDetailedMonitoring, [
        res(LT, "a", { monitoring: { enabled: true } }),
        res(LT, "b", { monitoring: { enabled: "true" } }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: no monitoring block (basic monitoring), or enabled false", async () => {
    expect(
      await msgs(launchTemplateDetailedMonitoring, [
        res(LT, "a", {}),
        res(LT, "b", { monitoring: { enabled: false } }),
      ]),
    ).toEqual([
      [
        "a",
        "Launch template leaves its instances on basic monitoring (monitoring.enabled = undefined): set monitoring = { enabled: true }.",
      ],
      [
        "b",
        "Launch template leaves its instances on basic monitoring (monitoring.enabled = false): set monitoring = { enabled: true }.",
      ],
    ]);
  });
});
