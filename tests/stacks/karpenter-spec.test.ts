/**
 * What Karpenter is told to launch, on both real stacks' plans, against the stack files: the
 * EC2NodeClass's AMI alias and what its selectors find, and each NodePool's requirements,
 * disruption and limits. The CRD tests prove the specs are valid; these prove they say what the
 * stack file asks for (dropping Spot or arm64 from a pool, or a selector that finds no subnet,
 * fails here).
 */
import type { PlanResource, StackPlan } from "../../src/plan/types";
import { stackValues } from "../helpers/config";
import { plansByStack, registered } from "../helpers/plan";

const T = {
  nodePool: "kubernetes:karpenter.sh/v1:NodePool",
  nodeClass: "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass",
  subnet: "aws:ec2/subnet:Subnet",
  sg: "aws:ec2/securityGroup:SecurityGroup",
} as const;

interface Requirement {
  key: string;
  operator: string;
  values: string[];
}
interface PoolSpec {
  weight: number;
  limits: { cpu: string; memory: string };
  disruption: { consolidationPolicy: string; consolidateAfter: string; budgets: { nodes: string }[] };
  template: {
    metadata: { labels: Record<string, string> };
    spec: {
      expireAfter: string;
      terminationGracePeriod: string;
      requirements: Requirement[];
      nodeClassRef: { group: string; kind: string; name: string };
      taints?: { key: string; value: string; effect: string }[];
    };
  };
}
interface ClassSpec {
  amiSelectorTerms: { alias: string }[];
  subnetSelectorTerms: { tags: Record<string, string> }[];
  securityGroupSelectorTerms: { tags: Record<string, string> }[];
  role: string;
}

const tagsOf = (r: PlanResource) => (r.inputs.tags ?? {}) as Record<string, string>;
/** The resources of a type whose tags include every tag of a selector term. */
const selected = (p: StackPlan, type: string, tags: Record<string, string>) =>
  registered(p, type)
    .filter((r) => Object.entries(tags).every(([k, v]) => tagsOf(r)[k] === v))
    .map((r) => r.name)
    .sort();

let plans: Record<string, StackPlan>;
beforeAll(async () => {
  plans = await plansByStack();
});

describe.each([
  ["us-east-1", "prod-use1"],
  ["eu-west-1", "prod-euw1"],
] as const)("Karpenter's specs in %s", (stack, prefix) => {
  const karpenter = (stackValues(stack)["platform:eks"] as { karpenter: Record<string, unknown> })
    .karpenter as { amiAlias: string };
  const pool = (p: StackPlan, name: string): PoolSpec =>
    registered(p, T.nodePool).find((r) => r.name === `${prefix}-karpenter-pools-${name}`)!.inputs
      .spec as PoolSpec;
  const requirement = (spec: PoolSpec, key: string) =>
    spec.template.spec.requirements.find((r) => r.key === key);

  test("the node class: the stack file's AMI alias, and selectors that find exactly the private subnets and the node security group", () => {
    const p = plans[stack];
    const [nodeClass] = registered(p, T.nodeClass);
    const spec = nodeClass.inputs.spec as ClassSpec;
    expect(spec.amiSelectorTerms).toEqual([{ alias: karpenter.amiAlias }]);
    const privateSubnets = registered(p, T.subnet)
      .filter((s) => tagsOf(s)["platform:tier"] === "private")
      .map((s) => s.name)
      .sort();
    expect(privateSubnets).toHaveLength(3);
    expect(spec.subnetSelectorTerms.flatMap((t) => selected(p, T.subnet, t.tags))).toEqual(privateSubnets);
    expect(spec.securityGroupSelectorTerms.flatMap((t) => selected(p, T.sg, t.tags))).toEqual([
      `${prefix}-eks-nodes`,
    ]);
  });

  test("the general pool: Spot and on-demand, both architectures, c/m/r of generation 6 or later, consolidating when underused", () => {
    const general = pool(plans[stack], "general");
    expect(requirement(general, "karpenter.sh/capacity-type")).toEqual({
      key: "karpenter.sh/capacity-type",
      operator: "In",
      values: ["spot", "on-demand"],
    });
    expect(requirement(general, "kubernetes.io/arch")?.values).toEqual(["amd64", "arm64"]);
    expect(requirement(general, "karpenter.k8s.aws/instance-category")?.values).toEqual(["c", "m", "r"]);
    // "Gt 5" is "generation 6 or later" (Karpenter's requirement operators have no Gte).
    expect(requirement(general, "karpenter.k8s.aws/instance-generation")).toEqual({
      key: "karpenter.k8s.aws/instance-generation",
      operator: "Gt",
      values: ["5"],
    });
    expect(general.disruption).toEqual({
      consolidationPolicy: "WhenEmptyOrUnderutilized",
      consolidateAfter: "1m",
      budgets: [{ nodes: "10%" }],
    });
    expect(general.template.spec.expireAfter).toBe("720h");
    expect(general.template.spec.taints).toBeUndefined();
  });

  test("the critical pool: on-demand only, tainted for critical add-ons, consolidated only when empty, preferred by weight", () => {
    const critical = pool(plans[stack], "critical");
    const general = pool(plans[stack], "general");
    expect(requirement(critical, "karpenter.sh/capacity-type")?.values).toEqual(["on-demand"]);
    expect(requirement(critical, "karpenter.k8s.aws/instance-category")?.values).toEqual(["m"]);
    expect(critical.disruption).toEqual({
      consolidationPolicy: "WhenEmpty",
      consolidateAfter: "10m",
      budgets: [{ nodes: "1" }],
    });
    expect(critical.template.spec.taints).toEqual([
      { key: "platform/critical", value: "true", effect: "NoSchedule" },
    ]);
    expect(critical.weight).toBeGreaterThan(general.weight);
    for (const spec of [critical, general]) {
      expect(spec.template.spec.nodeClassRef).toEqual({
        group: "karpenter.k8s.aws",
        kind: "EC2NodeClass",
        name: "default",
      });
      expect(requirement(spec, "kubernetes.io/os")?.values).toEqual(["linux"]);
    }
  });

  if (stack === "us-east-1")
    test("the primary's limits are the stack file's (cpu cores, memory in Gi)", () => {
      expect(pool(plans[stack], "general").limits).toEqual({ cpu: "200", memory: "800Gi" });
      expect(pool(plans[stack], "critical").limits).toEqual({ cpu: "64", memory: "256Gi" });
    });
});
