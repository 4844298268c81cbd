/**
 * Failover scenarios on the offline plan: for each, the set of resources whose inputs change
 * between the normal and the drill config (src/plan/diff.ts), and that no stateful resource is
 * replaced.
 */
import { platformPack } from "../../policies/pack";
import { WRITER_PLACEMENT_TYPE } from "../../src/conventions";
import { diffPlans } from "../../src/plan/diff";
import { planStacks } from "../../src/plan/plan";
import { findStackFiles, readStackFile, type StackFile } from "../../src/plan/stack-files";
import type { StackPlan } from "../../src/plan/types";
import { program } from "../../stacks/program";
import { ROOT } from "../helpers/config";
import { realPlans } from "../helpers/plans";
import { thirdRegionFile } from "../helpers/third-region";

// Each test plans two or three stacks on the mock runtime: minutes on a loaded machine.
jest.setTimeout(600_000);

/** A stack file with `platform:failover` merged with `failover` (and other keys replaced). */
function withFailover(f: StackFile, failover: object, more: Record<string, unknown> = {}): StackFile {
  const merged = { ...((f.decoded["platform:failover"] as object | undefined) ?? {}), ...failover };
  const decoded = { ...f.decoded, "platform:failover": merged, ...more };
  const values = { ...f.values };
  for (const [k, v] of Object.entries(decoded)) {
    if (k === "platform:failover" || k in more) values[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return { ...f, decoded, values };
}
const plan = (files: StackFile[]) =>
  planStacks({ project: "platform", stackFiles: files, program, packs: [platformPack] });

/** The stateful resource types that must never be replaced or have a replacing input changed. */
const STATEFUL = [
  "aws:rds/cluster:Cluster",
  "aws:rds/globalCluster:GlobalCluster",
  "aws:rds/clusterInstance:ClusterInstance",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
];

/** The reader Auto Scaling of the writer's Aurora cluster: it follows `writerRegion`. */
const READER_SCALING = (prefix: string) => [
  `platform:data:ReaderAutoscaling ${prefix}-aurora-readers`,
  `aws:appautoscaling/target:Target ${prefix}-aurora-readers`,
  `aws:appautoscaling/policy:Policy ${prefix}-aurora-readers-cpu`,
];

/**
 * Changed resources of each stack, as `<type> <name>: <changed input keys>`; the resources a
 * stack adds and removes must be exactly `moved` (none unless given).
 */
function changedSets(
  before: StackPlan[],
  after: StackPlan[],
  moved: Record<string, { added: string[]; removed: string[] }> = {},
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const named = (rs: readonly { type: string; name: string }[]) =>
    rs.map((r) => `${r.type} ${r.name}`).sort();
  for (const b of before) {
    const a = after.find((p) => p.stack === b.stack)!;
    const d = diffPlans(b, a);
    expect({ added: named(d.added), removed: named(d.removed), renamed: d.renamed }).toEqual({
      added: [...(moved[b.stack]?.added ?? [])].sort(),
      removed: [...(moved[b.stack]?.removed ?? [])].sort(),
      renamed: [],
    });
    out[b.stack] = d.changed.map(
      (c) =>
        `${c.type} ${c.urn.split("::").pop()}: ${[...c.inputs, ...c.options].map((x) => x.key).join(",")}`,
    );
  }
  return out;
}
/** The writer moves to eu-west-1: the reader scaling leaves us-east-1 for eu-west-1. */
const SCALING_TO_EUW1 = {
  "us-east-1": { added: [], removed: READER_SCALING("prod-use1") },
  "eu-west-1": { added: READER_SCALING("prod-euw1"), removed: [] },
};
const cacheOf = (p: StackPlan) => (p.outputs.data as { cache: Record<string, unknown> }).cache;

let files: StackFile[];
let normal: StackPlan[];
beforeAll(async () => {
  files = findStackFiles(ROOT).map(readStackFile);
  normal = await realPlans();
});

describe("failover on the offline plan", () => {
  test("the primary owns the writer placement, placed in its own region by default", () => {
    const [use1, euw1] = normal;
    const placement = use1.resources.filter((r) => r.type === WRITER_PLACEMENT_TYPE);
    expect(placement.map((r) => [r.name, r.inputs.writerRegion, r.inputs.allowDataLoss])).toEqual([
      ["prod-writer", "us-east-1", false],
    ]);
    expect(euw1.resources.filter((r) => r.type === WRITER_PLACEMENT_TYPE)).toEqual([]);
    expect(use1.outputs.failover).toEqual({
      writerRegion: "us-east-1",
      drill: "none",
      order: [],
      // Compared by every later stack's checkFailover at pulumi up.
      readerAutoscaling: { min: 1, max: 4, cpuTarget: 60 },
    });
  });

  test("switchover: a new writerRegion changes the writer placement and moves the reader scaling; no member input changes", async () => {
    const moved = await plan(files.map((f) => withFailover(f, { writerRegion: "eu-west-1" })));
    expect(changedSets(normal, moved, SCALING_TO_EUW1)).toEqual({
      "us-east-1": [`${WRITER_PLACEMENT_TYPE} prod-writer: writerRegion`],
      "eu-west-1": [],
    });
    // The new writer's cluster scales its readers, declaring the writer region for the preflight.
    const [, euw1] = moved;
    const target = euw1.resources.find((r) => r.name === "prod-euw1-aurora-readers")!;
    expect(target.inputs).toMatchObject({
      region: "eu-west-1",
      resourceId: "cluster:prod-euw1-aurora",
      minCapacity: 1,
      maxCapacity: 4,
      tags: expect.objectContaining({ "platform:writer-region": "eu-west-1" }),
    });
    // preflight-aurora-autoscaling-secondary accepts the target on the member that holds the writer.
    expect(moved.flatMap((p) => p.policies.violations.filter((v) => v.enforcement === "mandatory"))).toEqual(
      [],
    );
    // The cache writer endpoint follows the cache primary: eu-west-1 exports its own member's; the
    // primary stack, applied before eu-west-1, cannot read it and exports none (its member's own
    // endpoint stays in memberEndpoint).
    expect(cacheOf(euw1).writerEndpoint).toBe(cacheOf(euw1).memberEndpoint);
    expect(cacheOf(euw1).writerEndpoint).toMatch(
      /^master\.prod-euw1-cache-.*\.eu-west-1\.cache\.amazonaws\.com$/,
    );
    expect(cacheOf(moved[0])).not.toHaveProperty("writerEndpoint");
    expect(cacheOf(moved[0]).memberEndpoint).toBe(cacheOf(normal[0]).writerEndpoint);
    for (const p of moved)
      for (const r of p.resources.filter((x) => STATEFUL.includes(x.type))) {
        const before = normal.find((x) => x.stack === p.stack)!.resources.find((x) => x.urn === r.urn)!;
        expect(r.inputs).toEqual(before.inputs);
      }
  });

  test("region: the first region's check inverted, the writer moved, the next region raised to active; nothing stateful replaced", async () => {
    const drilled = await plan(
      files.map((f) =>
        f.stack === "us-east-1"
          ? withFailover(f, { writerRegion: "eu-west-1", drill: "region" })
          : withFailover(f, { writerRegion: "eu-west-1" }, { "platform:posture": "active" }),
      ),
    );
    expect(changedSets(normal, drilled, SCALING_TO_EUW1)).toEqual({
      "us-east-1": [
        `${WRITER_PLACEMENT_TYPE} prod-writer: writerRegion`,
        "aws:route53/healthCheck:HealthCheck prod-use1-web-endpoint: invertHealthcheck",
      ],
      // Raised to active: tier floors, Karpenter limits, and the dashboard's idle-tier expressions.
      "eu-west-1": [
        "aws:autoscaling/group:Group prod-euw1-app-asg: desiredCapacity,minSize",
        "aws:autoscaling/group:Group prod-euw1-web-asg: desiredCapacity,minSize",
        "kubernetes:karpenter.sh/v1:NodePool prod-euw1-karpenter-pools-critical: spec",
        "kubernetes:karpenter.sh/v1:NodePool prod-euw1-karpenter-pools-general: spec",
        "aws:cloudwatch/dashboard:Dashboard prod-euw1: dashboardBody",
      ],
    });
    for (const p of drilled)
      for (const r of p.resources.filter((x) => STATEFUL.includes(x.type))) {
        const before = normal.find((x) => x.stack === p.stack)!.resources.find((x) => x.urn === r.urn)!;
        expect(r.inputs).toEqual(before.inputs);
      }
  });

  test("the primary registers its reader scaling after the writer placement (a writer coming back finds its cluster the writer again)", () => {
    const [use1] = normal;
    const placement = use1.resources.find((r) => r.type === WRITER_PLACEMENT_TYPE)!;
    const target = use1.resources.find((r) => r.type === "aws:appautoscaling/target:Target")!;
    const policy = use1.resources.find((r) => r.type === "aws:appautoscaling/policy:Policy")!;
    expect(target.name).toBe("prod-use1-aurora-readers");
    expect(target.options.dependsOn).toContain(placement.urn);
    expect(policy.options.dependsOn).toContain(target.urn);
    // The same URNs as when they were children of the AuroraCluster: moved, not replaced.
    expect(target.options.aliases).toEqual([
      "urn:pulumi:us-east-1::platform::platform:data:AuroraCluster$aws:appautoscaling/target:Target::prod-use1-aurora-readers",
    ]);
    expect(policy.options.aliases).toEqual([
      "urn:pulumi:us-east-1::platform::platform:data:AuroraCluster$aws:appautoscaling/policy:Policy::prod-use1-aurora-readers-cpu",
    ]);
  });

  test("the members ignore what a switchover changes", () => {
    for (const p of normal) {
      for (const c of p.resources.filter((r) => r.type === "aws:rds/cluster:Cluster")) {
        expect(c.options.ignoreChanges).toEqual(
          expect.arrayContaining(["globalClusterIdentifier", "replicationSourceIdentifier", "engineVersion"]),
        );
      }
    }
    const [use1] = normal;
    const grg = use1.resources.find(
      (r) => r.type === "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
    )!;
    expect(grg.options.ignoreChanges).toEqual(expect.arrayContaining(["primaryReplicationGroupId"]));
  });
});

describe("DNS failover for N regions", () => {
  const ORDER3 = ["us-east-1", "eu-west-1", "ap-south-1"];
  let three: StackFile[];
  let chain: StackPlan[];
  beforeAll(async () => {
    const files = [...findStackFiles(ROOT).map(readStackFile), thirdRegionFile()];
    three = files.map((f) => withFailover(f, { order: ORDER3 }));
    chain = await plan(three);
  });

  /** The failover records of a plan: name, record, role, alias target, health check or not. */
  const records = (p: StackPlan) =>
    p.resources
      .filter((r) => r.type === "aws:route53/record:Record" && r.inputs.failoverRoutingPolicies !== undefined)
      .map((r) => {
        const alias = (r.inputs.aliases as { name: string }[])[0].name;
        return [
          r.name,
          r.inputs.name,
          (r.inputs.failoverRoutingPolicies as { type: string }[])[0].type,
          alias.startsWith("origin-chain-") ? alias : "load balancer",
          r.inputs.healthCheckId === undefined ? "no check" : "own check",
        ];
      });

  test("two regions in the order stay one pair, with today's names and inputs", async () => {
    const files = findStackFiles(ROOT).map(readStackFile);
    const paired = await plan(files.map((f) => withFailover(f, { order: ["us-east-1", "eu-west-1"] })));
    const d = paired.map((p, i) => diffPlans(normal[i], p));
    expect(d.map((x) => [x.added, x.removed, x.renamed, x.changed])).toEqual([
      [[], [], [], []],
      [[], [], [], []],
    ]);
  });

  test("three regions chain: PRIMARY -> SECONDARY alias to the next pair -> the last region", () => {
    const [use1, euw1, aps1] = ORDER3.map((s) => chain.find((p) => p.stack === s)!);
    expect(records(use1)).toEqual([
      ["prod-use1-web-endpoint-failover", "origin.shop.example.com", "PRIMARY", "load balancer", "own check"],
    ]);
    expect(records(euw1)).toEqual([
      [
        "prod-euw1-web-endpoint-failover",
        "origin.shop.example.com",
        "SECONDARY",
        "origin-chain-eu-west-1.shop.example.com",
        "no check",
      ],
      [
        "prod-euw1-web-endpoint-failover-chain",
        "origin-chain-eu-west-1.shop.example.com",
        "PRIMARY",
        "load balancer",
        "own check",
      ],
    ]);
    // Route 53 refuses an alias to a record that does not exist yet: the chain's head comes first.
    const byName = (p: StackPlan, name: string) => p.resources.find((r) => r.name === name)!;
    expect(byName(euw1, "prod-euw1-web-endpoint-failover").options.dependsOn).toContain(
      byName(euw1, "prod-euw1-web-endpoint-failover-chain").urn,
    );
    expect(records(aps1)).toEqual([
      [
        "prod-aps1-web-endpoint-failover",
        "origin-chain-eu-west-1.shop.example.com",
        "SECONDARY",
        "load balancer",
        "own check",
      ],
    ]);
  });

  test("every stack exports the writer region's cache member as the cache writer endpoint", () => {
    const [use1, euw1, aps1] = ORDER3.map((s) => chain.find((p) => p.stack === s)!);
    // The writer is in us-east-1 (the default): each later stack reads it from its data output.
    for (const p of [use1, euw1, aps1]) expect(cacheOf(p).writerEndpoint).toBe(cacheOf(use1).memberEndpoint);
    expect(new Set([use1, euw1, aps1].map((p) => cacheOf(p).memberEndpoint)).size).toBe(3);
  });

  test("drill: dns on the first region changes only its health check, in every stack", async () => {
    const drilled = await plan(
      three.map((f) => (f.stack === "us-east-1" ? withFailover(f, { order: ORDER3, drill: "dns" }) : f)),
    );
    expect(changedSets(chain, drilled)).toEqual({
      "us-east-1": ["aws:route53/healthCheck:HealthCheck prod-use1-web-endpoint: invertHealthcheck"],
      "eu-west-1": [],
      "ap-south-1": [],
    });
  });
});
