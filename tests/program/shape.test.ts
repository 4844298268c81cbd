/**
 * The program's shape, checked on both real stacks' plans: every custom resource of a component
 * says which region it lands in, the stack outputs are exactly the contract's, and what a stack
 * exports parses with the contract that later stacks read it with.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PlanResource, StackPlan } from "../../src/plan/types";
import { stackOutputsSchema, primaryShareSchema } from "../../stacks/contract";
import { ROOT } from "../helpers/config";
import { realPlans } from "../helpers/plans";

/**
 * Whether a resource type takes a `region` input, read from @pulumi/aws's own type declarations
 * (an independent source: global services such as IAM, Route 53 and CloudFront take none).
 */
function takesRegion(type: string): boolean {
  const m = /^aws:([a-zA-Z0-9]+)\/([a-zA-Z0-9]+):/.exec(type);
  if (!m) return false;
  const file = join(ROOT, "node_modules", "@pulumi", "aws", m[1], `${m[2]}.d.ts`);
  if (!existsSync(file)) throw new Error(`no type declarations for ${type} at ${file}`);
  const text = readFileSync(file, "utf8");
  const args = text.slice(text.search(/export interface \w+Args \{/));
  return /\n {4}region\?: pulumi\.Input<string[ |>]/.test(args.slice(0, args.indexOf("\n}")));
}

/**
 * Components whose children deliberately live outside the stack's region or span regions, each
 * child naming its own: a peering (both sides) and the rules a later stack adds to an earlier one.
 */
const CROSS_REGION = new Set(["platform:network:VpcPeering", "platform:data:PeerDataAccess"]);

describe("the program's shape on both stacks", () => {
  let plans: StackPlan[];
  beforeAll(async () => {
    plans = await realPlans();
  });

  test("the region check reads the provider's declarations correctly", () => {
    expect(takesRegion("aws:ec2/vpc:Vpc")).toBe(true);
    expect(takesRegion("aws:rds/globalCluster:GlobalCluster")).toBe(true);
    expect(takesRegion("aws:iam/role:Role")).toBe(false);
    expect(takesRegion("aws:route53/record:Record")).toBe(false);
    expect(takesRegion("aws:cloudfront/distribution:Distribution")).toBe(false);
  });

  test("every custom resource of a component that can take a region is given one explicitly", () => {
    for (const p of plans) {
      const byUrn = new Map(p.resources.map((r) => [r.urn, r]));
      const missing = p.resources.filter(
        (r) =>
          r.custom &&
          r.operation === "register" &&
          byUrn.get(r.parent ?? "")?.custom === false &&
          byUrn.get(r.parent ?? "")?.type !== "pulumi:pulumi:Stack" &&
          takesRegion(r.type) &&
          typeof r.inputs.region !== "string",
      );
      expect(missing.map((r) => r.urn)).toEqual([]);
    }
  });

  test("a component's children share one region, unless the component is one that spans regions", () => {
    for (const p of plans) {
      const children = new Map<string, PlanResource[]>();
      for (const r of p.resources) {
        if (!r.custom || typeof r.inputs.region !== "string" || !r.parent) continue;
        children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
      }
      const types = new Map(p.resources.map((r) => [r.urn, r.type]));
      for (const [parent, kids] of children) {
        const regions = new Set(kids.map((k) => k.region));
        if (!CROSS_REGION.has(types.get(parent) ?? "")) {
          expect([parent, [...regions]]).toEqual([parent, [kids[0].region]]);
        }
        for (const k of kids) expect(k.region).toBe(k.inputs.region);
      }
    }
  });

  test("both stacks' outputs parse with the contract, with nothing beyond it", () => {
    for (const p of plans) {
      const parsed = stackOutputsSchema.strict().safeParse(p.outputs);
      expect(parsed.error?.issues ?? []).toEqual([]);
    }
  });

  test("only the primary exports what it hands later stacks, each as a secret", () => {
    const [use1, euw1] = plans;
    const share = Object.keys(primaryShareSchema.shape).sort();
    expect(share.map((k) => use1.outputs[k])).toEqual(share.map(() => "[secret]"));
    expect(share.filter((k) => k in euw1.outputs)).toEqual([]);
    expect(Object.keys(use1.outputs).sort()).toEqual(
      [
        "data",
        "edge",
        "eks",
        "failover",
        "kubeconfig",
        "network",
        "pipeline",
        "observability",
        "posture",
        "region",
        "role",
        "tiers",
        ...share,
      ].sort(),
    );
  });
});
