import type { Policy } from "@pulumi/policy";
import { instanceTypeAllowlist } from "../../../policies/cost/instance-type-allowlist";
import { natGatewaysByPosture } from "../../../policies/cost/nat-gateways-by-posture";
import { scheduledActionCeiling } from "../../../policies/cost/scheduled-action-ceiling";
import { stackBudget } from "../../../policies/cost/stack-budget";
import { standbyShare } from "../../../policies/cost/standby-share";
import { estimateStack } from "../../../src/cost/estimate";
import { costFactsFor, withCostFacts } from "../../../src/plan/cost-facts";
import { evaluatePolicies } from "../../../src/plan/policies";
import type { PlanResource } from "../../../src/plan/types";
import { realPlans } from "../../helpers/plans";
import { res } from "../../helpers/policy";

const NAT = "aws:ec2/natGateway:NatGateway";
const nat = (name: string) => res(NAT, name, { subnetId: "subnet-1", region: "us-east-1" });
/** One policy on the resources, with policy config, as the offline plan evaluates it. */
const run = async (policy: Policy, resources: PlanResource[], config?: Record<string, unknown>) =>
  (
    await evaluatePolicies(
      resources,
      [{ name: "t", version: "0", enforcementLevel: "mandatory", policies: [policy] }],
      { region: "us-east-1", ...(config ? { config: { [policy.name]: config } } : {}) },
    )
  ).map((v) => v.message);

// A NAT gateway in us-east-1 is $0.045 an hour in the snapshot: $32.85 a month (730 hours).
describe("cost-stack-budget", () => {
  test("compliant: one NAT gateway ($32.85/month) within a $50 budget", async () => {
    expect(await run(stackBudget, [nat("nat-a")], { defaultMonthlyBudgetUsd: 50 })).toEqual([]);
  });
  test("non-compliant: two NAT gateways ($65.70/month) over the stack's own $50 budget", async () => {
    expect(await run(stackBudget, [nat("nat-a"), nat("nat-b")], { monthlyBudgetUsd: { test: 50 } })).toEqual([
      'Stack test is estimated at $65.70/month at the floor (us-east-1 prices), over its budget of $50.00 (policy config monthlyBudgetUsd["test"]); dearest components: test $65.70.',
    ]);
  });
  test("non-compliant: an estimate with a missing price is refused, naming the price", async () => {
    const cache = res("aws:elasticache/replicationGroup:ReplicationGroup", "cache", {
      nodeType: "cache.r6g.large",
      engine: "valkey",
      numCacheClusters: 2,
      region: "us-east-1",
    });
    expect(await run(stackBudget, [cache])).toEqual([
      'Stack test cannot be checked against its budget of $2,500.00/month: the price snapshot has no price for "elasticache.valkey.cache.r6g.large" in us-east-1; add the prices (src/cost/prices.json, with their source) or run npm run prices:refresh.',
    ]);
  });
});

describe("cost-standby-share", () => {
  const primary = { primaryStack: "us-east-1", primaryMonthlyUsd: 100, maxShare: 0.5 };
  test("compliant: $32.85 is 32.9% of a $100 primary, under a 50% ceiling", async () => {
    expect(await run(standbyShare, [nat("nat-a")], primary)).toEqual([]);
  });
  test("non-compliant: $65.70 is 65.7% of the primary, over the 50% ceiling", async () => {
    expect(await run(standbyShare, [nat("nat-a"), nat("nat-b")], primary)).toEqual([
      "Standby stack test is estimated at $65.70/month, 65.7% of primary us-east-1 ($100.00): the ceiling is 50.0% (policy config maxShare).",
    ]);
  });
  test("not applicable without the primary's estimate, or on the primary itself", async () => {
    expect(await run(standbyShare, [nat("nat-a"), nat("nat-b")], { maxShare: 0.1 })).toEqual([]);
    expect(
      await run(standbyShare, [nat("nat-a"), nat("nat-b")], { ...primary, primaryStack: "test" }),
    ).toEqual([]);
  });
});

describe("cost-nat-gateways-by-posture", () => {
  test("compliant: one NAT gateway in a pilot-light stack; three in an active one", async () => {
    expect(await run(natGatewaysByPosture, [nat("nat-a")], { posture: "pilot-light" })).toEqual([]);
    expect(
      await run(natGatewaysByPosture, [nat("nat-a"), nat("nat-b"), nat("nat-c")], { posture: "active" }),
    ).toEqual([]);
  });
  test("non-compliant: one NAT gateway per AZ in a pilot-light stack", async () => {
    expect(await run(natGatewaysByPosture, [nat("nat-a"), nat("nat-b")], { posture: "pilot-light" })).toEqual(
      [
        'Stack test (posture pilot-light) runs 2 NAT gateways (nat-a, nat-b): at most 1 for that posture (policy config maxNatGateways["pilot-light"]); use natStrategy single.',
      ],
    );
  });
  test("not applicable without a posture in policy config", async () => {
    expect(await run(natGatewaysByPosture, [nat("nat-a"), nat("nat-b")])).toEqual([]);
  });
});

describe("cost-scheduled-action-ceiling", () => {
  const SCHEDULE = "aws:autoscaling/schedule:Schedule";
  test("compliant: a scheduled action at the ceiling, another leaving the size unchanged (-1)", async () => {
    expect(
      await run(scheduledActionCeiling, [
        res(SCHEDULE, "peak", { scheduledActionName: "peak", minSize: 4, maxSize: 20, desiredCapacity: 8 }),
        res(SCHEDULE, "night", {
          scheduledActionName: "night",
          minSize: 1,
          maxSize: -1,
          desiredCapacity: -1,
        }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: maxSize and desiredCapacity above the ceiling of 20", async () => {
    expect(
      await run(scheduledActionCeiling, [
        res(SCHEDULE, "sale", { scheduledActionName: "sale", minSize: 4, maxSize: 60, desiredCapacity: 40 }),
      ]),
    ).toEqual([
      'Scheduled action "sale" sets maxSize 60 and desiredCapacity 40: the ceiling is 20 (policy config maxSizeCeiling).',
    ]);
  });
});

describe("cost-instance-type-allowlist: sizes as well as families", () => {
  const LT = "aws:ec2/launchTemplate:LaunchTemplate";
  const lt = (name: string, instanceType: string) =>
    res(LT, name, { instanceType, tags: { "platform:tier-name": "web" } });
  test("compliant: an allowed family in an allowed size", async () => {
    expect(await run(instanceTypeAllowlist, [lt("web-lt", "m7i.xlarge")])).toEqual([]);
  });
  test("non-compliant: an allowed family in a size outside the list", async () => {
    expect(await run(instanceTypeAllowlist, [lt("web-lt", "m7i.48xlarge")])).toEqual([
      '"web-lt" (tier web) uses instance type m7i.48xlarge: allowed sizes for that tier are medium, large, xlarge, 2xlarge (policy config allowedSizes).',
    ]);
  });
  test("configurable: a tier's own sizes", async () => {
    expect(
      await run(instanceTypeAllowlist, [lt("web-lt", "m7i.4xlarge")], { allowedSizes: { web: ["4xlarge"] } }),
    ).toEqual([]);
  });
});

describe("the cost rules on the real stacks", () => {
  test("the budget rule judges the same figure as the estimate of the plan (us-east-1, nothing inherited)", async () => {
    const [use1] = await realPlans();
    const monthly = estimateStack(use1).monthly;
    const messages = await run(stackBudget, use1.resources, { defaultMonthlyBudgetUsd: monthly - 1 });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(
      `Stack us-east-1 is estimated at $${monthly.toLocaleString("en-US", { minimumFractionDigits: 2 })}/month at the floor (us-east-1 prices)`,
    );
  });

  test("the plan passes the posture and the primary's complete estimate through policy config", async () => {
    const [use1, euw1] = await realPlans();
    expect(costFactsFor(use1.config, [])).toEqual({ posture: "active" });
    const facts = costFactsFor(euw1.config, [use1]);
    expect(facts).toEqual({
      posture: "warm-standby",
      primary: { stack: "us-east-1", monthlyUsd: estimateStack(use1, { peers: [use1] }).monthly },
    });
    // The user's own values win; a bare enforcement level is kept.
    expect(
      withCostFacts(
        { "cost-standby-share": "advisory", "cost-nat-gateways-by-posture": { posture: "active" } },
        facts,
      ),
    ).toEqual({
      "cost-standby-share": {
        enforcementLevel: "advisory",
        primaryStack: "us-east-1",
        primaryMonthlyUsd: facts.primary!.monthlyUsd,
      },
      "cost-nat-gateways-by-posture": { posture: "active" },
    });
    // Both real stacks pass the cost rules with the facts the plan gives them.
    expect(
      [...use1.policies.violations, ...euw1.policies.violations].filter((v) => v.policy.startsWith("cost-")),
    ).toEqual([]);
  });
});
