/**
 * Switchover reachability (issue 9, item 10): with the Aurora writer and the cache primary in any
 * region, every region's app tier has a path to them: security groups, routes and network ACLs,
 * in both directions of every peering.
 */
import { join } from "node:path";
import { platformPack } from "../../policies/pack";
import { planStacks } from "../../src/plan/plan";
import { readStackFile } from "../../src/plan/stack-files";
import type { PlanResource, StackPlan } from "../../src/plan/types";
import { program } from "../../stacks/program";
import { ROOT } from "../helpers/config";
import { realPlans } from "../helpers/plans";
import { thirdRegionFile } from "../helpers/third-region";
import { reachability } from "../helpers/reachability";

const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const unreachable = (plans: StackPlan[]) => reachability(plans).filter((p) => p.missing.length > 0);
/** The plans without the resources `drop` selects. */
const without = (plans: StackPlan[], drop: (r: PlanResource) => boolean): StackPlan[] =>
  plans.map((p) => ({ ...p, resources: p.resources.filter((r) => !drop(r)) }));

describe("switchover reachability: the real stacks", () => {
  let plans: StackPlan[];
  beforeAll(async () => {
    plans = await realPlans();
  });

  test("every region's app tier reaches the writer and the cache primary in either region", () => {
    const paths = reachability(plans);
    expect(paths.map((p) => `${p.from} -> ${p.to} ${p.store}`)).toEqual([
      "us-east-1 -> us-east-1 aurora",
      "us-east-1 -> us-east-1 cache",
      "us-east-1 -> eu-west-1 aurora",
      "us-east-1 -> eu-west-1 cache",
      "eu-west-1 -> us-east-1 aurora",
      "eu-west-1 -> us-east-1 cache",
      "eu-west-1 -> eu-west-1 aurora",
      "eu-west-1 -> eu-west-1 cache",
    ]);
    expect(unreachable(plans)).toEqual([]);
  });

  test("the later stack owns both directions: the primary's app egress to eu-west-1 is created by eu-west-1, in us-east-1", () => {
    const [use1, euw1] = plans;
    const appSg = (use1.outputs.tiers as { app: { instanceSecurityGroupId: string } }).app
      .instanceSecurityGroupId;
    const rules = euw1.resources.filter((r) => r.type === EGRESS && r.inputs.securityGroupId === appSg);
    expect(
      rules.map((r) => [r.name, r.region, r.inputs.ipProtocol, r.inputs.toPort, r.inputs.cidrIpv4]),
    ).toEqual([
      ["prod-euw1-app-egress-from-us-east-1-5432", "us-east-1", "tcp", 5432, "10.20.0.0/16"],
      ["prod-euw1-app-egress-from-us-east-1-6379", "us-east-1", "tcp", 6379, "10.20.0.0/16"],
    ]);
    expect(
      use1.resources.filter((r) => r.type === EGRESS && String(r.inputs.cidrIpv4) === "10.20.0.0/16"),
    ).toEqual([]);
  });

  test("cross-region egress is the app tier's, on the data ports only; the web tier has none", () => {
    for (const plan of plans) {
      const cidr = String((plan.outputs.network as { cidr: string }).cidr);
      const crossRegion = plans
        .flatMap((p) => p.resources)
        .filter((r) => r.type === EGRESS && r.region === plan.region)
        .filter((r) => typeof r.inputs.cidrIpv4 === "string" && /^10\./.test(r.inputs.cidrIpv4))
        .filter((r) => r.inputs.cidrIpv4 !== cidr);
      expect(crossRegion.length).toBe(2);
      for (const r of crossRegion) {
        expect(r.name).toMatch(/-app-/);
        expect([r.inputs.ipProtocol, r.inputs.fromPort === r.inputs.toPort]).toEqual(["tcp", true]);
        expect([5432, 6379]).toContain(r.inputs.toPort);
      }
    }
  });

  test("the analysis fails when any one piece is removed", () => {
    const [use1, euw1] = plans;
    const peeringId = (euw1.outputs.network as { peeringConnectionIds: Record<string, string> })
      .peeringConnectionIds["us-east-1"];
    const missing = (drop: (r: PlanResource) => boolean) =>
      unreachable(without(plans, drop)).flatMap((p) =>
        p.missing.map((m) => `${p.from} -> ${p.to} ${p.store}: ${m}`),
      );

    expect(missing((r) => r.name === "prod-euw1-app-egress-from-us-east-1-5432")).toEqual([
      "us-east-1 -> eu-west-1 aurora: us-east-1 app security group egress to 10.20.0.0/16:5432",
    ]);
    expect(missing((r) => r.name === "prod-euw1-app-out-peer-us-east-1-6379")).toEqual([
      "eu-west-1 -> us-east-1 cache: eu-west-1 app security group egress to 10.10.0.0/16:6379",
    ]);
    expect(missing((r) => r.name === "prod-euw1-data-from-us-east-1-aurora-postgresql")).toEqual([
      "eu-west-1 -> us-east-1 aurora: us-east-1 aurora security group ingress from 10.20.0.0/16:5432",
    ]);
    expect(missing((r) => r.name === "prod-euw1-cache-from-us-east-1")).toEqual([
      "us-east-1 -> eu-west-1 cache: eu-west-1 cache security group ingress from 10.10.0.0/16:6379",
    ]);
    const table = (use1.outputs.network as { privateRouteTableIds: string[] }).privateRouteTableIds[1];
    expect(missing((r) => r.name === "prod-euw1-to-us-east-1-accepter-route-private-us-east-1b")).toEqual([
      `us-east-1 -> eu-west-1 aurora: us-east-1 route ${table} to 10.20.0.0/16 via the peering`,
      `us-east-1 -> eu-west-1 cache: us-east-1 route ${table} to 10.20.0.0/16 via the peering`,
    ]);
    expect(
      missing((r) => r.name === "prod-euw1-to-us-east-1-requester-route-isolated-eu-west-1a"),
    ).toHaveLength(2);
    expect(missing((r) => r.name === "prod-euw1-to-us-east-1-accepter-nacl-ingress")).toEqual([
      "eu-west-1 -> us-east-1 aurora: us-east-1 isolated network ACL ingress from 10.20.0.0/16:5432",
      "eu-west-1 -> us-east-1 cache: us-east-1 isolated network ACL ingress from 10.20.0.0/16:6379",
    ]);
    expect(missing((r) => r.name === "prod-euw1-to-us-east-1-requester-nacl-egress")).toEqual([
      "us-east-1 -> eu-west-1 aurora: eu-west-1 isolated network ACL egress to 10.10.0.0/16 (replies)",
      "us-east-1 -> eu-west-1 cache: eu-west-1 isolated network ACL egress to 10.10.0.0/16 (replies)",
    ]);
    // A route through something other than the peering does not count.
    const rerouted = plans.map((p) => ({
      ...p,
      resources: p.resources.map((r) =>
        r.inputs.vpcPeeringConnectionId === peeringId && r.name.endsWith("requester-route-private-eu-west-1c")
          ? { ...r, inputs: { ...r.inputs, vpcPeeringConnectionId: "pcx-elsewhere" } }
          : r,
      ),
    }));
    expect(unreachable(rerouted).map((p) => `${p.from} -> ${p.to} ${p.store}`)).toEqual([
      "eu-west-1 -> us-east-1 aurora",
      "eu-west-1 -> us-east-1 cache",
    ]);
  });
});

test("switchover reachability with the third-region fixture: every app tier reaches every region's data stores", async () => {
  const files = ["us-east-1", "eu-west-1"].map((s) => readStackFile(join(ROOT, `Pulumi.${s}.yaml`)));
  const plans = await planStacks({
    project: "platform",
    stackFiles: [...files, thirdRegionFile()],
    program,
    packs: [platformPack],
  });
  const paths = reachability(plans);
  expect(paths).toHaveLength(3 * 3 * 2);
  expect(unreachable(plans)).toEqual([]);
});
