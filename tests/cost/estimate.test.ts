import { estimateStack, MissingPriceError, standbyShares, topLevelComponents } from "../../src/cost/estimate";
import { estimateLines, standbyShareLines } from "../../src/cost/format";
import { lookupPrice, PRICE_SNAPSHOT, type PriceSnapshot } from "../../src/cost/snapshot";
import { realPlans } from "../helpers/plans";
import { syntheticPlan, urnOf } from "../helpers/synthetic";

/** A snapshot with round numbers, so that expected totals are easy to check by hand. */
const SNAPSHOT: PriceSnapshot = {
  ...PRICE_SNAPSHOT,
  compiledOn: "2026-01-01",
  hoursPerMonth: 730,
  assumptions: {
    ...PRICE_SNAPSHOT.assumptions,
    spotPriceFactor: { value: 0.5, note: "test" },
    albBaselineLcu: { value: 2, note: "test" },
    auroraStorageGb: { value: 50, note: "test" },
    eksExtendedSupportVersions: { value: ["1.28"], note: "test" },
  },
  prices: {
    "ec2.instance.m7i.xlarge": {
      description: "",
      unit: "hour",
      regions: { "us-east-1": { price: 0.2, source: "test:ec2" } },
    },
    "ec2.instance.t3.medium": {
      description: "",
      unit: "hour",
      regions: { "us-east-1": { price: 0.04, source: "test:t3" } },
    },
    "elb.application.hour": {
      description: "",
      unit: "hour",
      regions: { "us-east-1": { price: 0.02, source: "test:alb" } },
    },
    "elb.application.lcu": {
      description: "",
      unit: "LCU-hour",
      regions: { "us-east-1": { price: 0.01, source: "test:lcu" } },
    },
    "ec2.natGateway.hour": {
      description: "",
      unit: "hour",
      regions: { "us-east-1": { price: 0.05, source: "test:nat" } },
    },
    "rds.aurora-postgresql.db.r7g.large": {
      description: "",
      unit: "hour",
      regions: { "us-east-1": { price: 0.3, source: "test:rds" } },
    },
    "rds.aurora-postgresql.storage": {
      description: "",
      unit: "GB-month",
      regions: { "us-east-1": { price: 0.1, source: "test:gb" } },
    },
    "elasticache.valkey.cache.r7g.large": {
      description: "",
      unit: "hour",
      regions: { "us-east-1": { price: 0.2, source: "test:cache" } },
    },
    "eks.cluster.standard": { description: "", unit: "hour", allRegions: { price: 0.1, source: "test:eks" } },
    "eks.cluster.extended": {
      description: "",
      unit: "hour",
      allRegions: { price: 0.6, source: "test:eks-ext" },
    },
    "vpc.interfaceEndpoint.azHour": {
      description: "",
      unit: "hour",
      regions: { "us-east-1": { price: 0.01, source: "test:vpce" } },
    },
    "waf.webAcl.month": { description: "", unit: "month", allRegions: { price: 5, source: "test:waf" } },
    "waf.rule.month": { description: "", unit: "month", allRegions: { price: 1, source: "test:rule" } },
    "route53.healthCheck.awsEndpoint.month": {
      description: "",
      unit: "month",
      allRegions: { price: 0.5, source: "test:hc" },
    },
    "route53.healthCheck.option.month": {
      description: "",
      unit: "month",
      allRegions: { price: 1, source: "test:hco" },
    },
    "kms.key.month": { description: "", unit: "month", allRegions: { price: 1, source: "test:kms" } },
    "secretsmanager.secret.month": {
      description: "",
      unit: "month",
      allRegions: { price: 0.4, source: "test:sm" },
    },
  },
};

const app = syntheticPlan(
  "us-east-1",
  [
    { type: "platform:compute:Tier", name: "app" },
    { type: "platform:compute:AutoScalingFleet", name: "app-fleet", parent: "app" },
    {
      type: "aws:autoscaling/group:Group",
      name: "app-asg",
      parent: "app-fleet",
      inputs: {
        minSize: 6,
        maxSize: 12,
        mixedInstancesPolicy: {
          instancesDistribution: { onDemandBaseCapacity: 2, onDemandPercentageAboveBaseCapacity: 25 },
          launchTemplate: { overrides: [{ instanceType: "m7i.xlarge" }, { instanceType: "m6i.xlarge" }] },
        },
      },
    },
    {
      type: "aws:lb/loadBalancer:LoadBalancer",
      name: "app-alb",
      parent: "app",
      inputs: { loadBalancerType: "application" },
    },
    { type: "aws:cloudwatch/metricAlarm:MetricAlarm", name: "app-alarm", parent: "app" },
    { type: "platform:network:Vpc", name: "vpc" },
    { type: "aws:ec2/natGateway:NatGateway", name: "nat-a", parent: "vpc" },
    { type: "aws:ec2/subnet:Subnet", name: "subnet-a", parent: "vpc" },
    {
      type: "aws:ec2/vpcEndpoint:VpcEndpoint",
      name: "sts",
      parent: "vpc",
      inputs: { vpcEndpointType: "Interface", subnetIds: ["a", "b", "c"] },
    },
    {
      type: "aws:ec2/vpcEndpoint:VpcEndpoint",
      name: "s3",
      parent: "vpc",
      inputs: { vpcEndpointType: "Gateway" },
    },
    {
      type: "aws:cloudwatch/logGroup:LogGroup",
      name: "flow-logs",
      parent: "vpc",
      inputs: { retentionInDays: 365 },
    },
    { type: "aws:kms/key:Key", name: "key", inputs: { enableKeyRotation: true } },
    { type: "custom:unknown/thing:Thing", name: "mystery" },
  ],
  { role: "primary" },
);

describe("estimateStack", () => {
  const e = estimateStack(app, { snapshot: SNAPSHOT });
  const line = (name: string, item: RegExp) => e.lines.find((l) => l.name === name && item.test(l.item));

  test("prices an Auto Scaling group at its floor: on-demand base and share on demand, the rest at the Spot factor", () => {
    // floor 6 = base 2 + 4 above; 25% of 4 = 1 on demand; 3 Spot at 0.5 x $0.2.
    const od = line("app-asg", /on-demand/)!;
    expect(od).toMatchObject({ quantity: 3, unitPrice: 0.2, per: "hour", monthly: 438, source: "test:ec2" });
    const spot = line("app-asg", /Spot/)!;
    expect(spot).toMatchObject({ quantity: 3, unitPrice: 0.1, monthly: 219 });
    expect(spot.source).toContain("Spot at 0.5 x on-demand");
  });

  test("prices an ALB's hours and its baseline LCUs, NAT hours, and interface endpoints per AZ", () => {
    expect(line("app-alb", /ALB hours/)).toMatchObject({ quantity: 1, monthly: 14.6 });
    expect(line("app-alb", /LCU/)).toMatchObject({ quantity: 2, unitPrice: 0.01, monthly: 14.6 });
    expect(line("nat-a", /NAT/)).toMatchObject({ quantity: 1, monthly: 36.5 });
    expect(line("sts", /3 AZs/)).toMatchObject({ quantity: 3, unitPrice: 0.01, monthly: 21.9 });
    expect(e.lines.some((l) => l.name === "s3")).toBe(false); // gateway endpoints are free
  });

  test("groups lines by the top-level component (first ancestor under the stack) and totals them", () => {
    const tier = e.components.find((c) => c.name === "app")!;
    expect(tier).toMatchObject({ type: "platform:compute:Tier", monthly: 438 + 219 + 14.6 + 14.6 });
    expect(e.components.find((c) => c.name === "vpc")!.monthly).toBe(36.5 + 21.9);
    // A resource outside any component belongs to the stack itself.
    expect(e.components.find((c) => c.type === "pulumi:pulumi:Stack")!.monthly).toBe(1);
    expect(e.monthly).toBe(438 + 219 + 14.6 + 14.6 + 36.5 + 21.9 + 1);
    expect(e.components[0].name).toBe("app"); // most expensive first
  });

  test("lists unknown types, usage-based charges and log retention as not estimated, with reasons", () => {
    expect(e.notEstimated).toContainEqual(
      expect.objectContaining({
        name: "mystery",
        kind: "unknown-type",
        reason: "no pricing function for custom:unknown/thing:Thing",
      }),
    );
    expect(e.notEstimated).toContainEqual(
      expect.objectContaining({ name: "app-alarm", kind: "unknown-type" }),
    );
    expect(e.notEstimated).toContainEqual(
      expect.objectContaining({
        name: "nat-a",
        kind: "usage",
        reason: expect.stringContaining("data processing"),
      }),
    );
    expect(e.notEstimated).toContainEqual(
      expect.objectContaining({
        name: "flow-logs",
        reason: expect.stringContaining("not priced (retention 365 days)"),
      }),
    );
    expect(e.notEstimated.some((n) => n.name === "subnet-a")).toBe(false); // no charge of its own
    expect(e.complete).toBe(true);
  });

  test("a price missing from the snapshot makes the estimate incomplete and says which", () => {
    const other = syntheticPlan("eu-west-1", [{ type: "aws:ec2/natGateway:NatGateway", name: "nat" }]);
    const est = estimateStack(other, { snapshot: SNAPSHOT });
    expect(est.complete).toBe(false);
    expect(est.monthly).toBe(0);
    expect(est.notEstimated).toContainEqual(
      expect.objectContaining({
        kind: "no-price",
        reason: expect.stringContaining('no eu-west-1 price for "ec2.natGateway.hour"'),
      }),
    );
    expect(est.missingPrices).toEqual([{ priceKey: "ec2.natGateway.hour", region: "eu-west-1", items: 1 }]);
    expect(estimateLines(est)[1]).toBe(
      "  missing prices: ec2.natGateway.hour in eu-west-1 (the total leaves them out; npm run prices:refresh)",
    );
    expect(estimateStack(other, { snapshot: SNAPSHOT, priceRegion: "us-east-1" }).monthly).toBe(36.5);
  });

  test("with requireComplete, a missing price is refused with the key, the region and the fix", () => {
    const other = syntheticPlan("eu-west-1", [{ type: "aws:ec2/natGateway:NatGateway", name: "nat" }]);
    expect(() => estimateStack(other, { snapshot: SNAPSHOT, requireComplete: true })).toThrow(
      MissingPriceError,
    );
    expect(() => estimateStack(other, { snapshot: SNAPSHOT, requireComplete: true })).toThrow(
      'cost estimate of eu-west-1: the price snapshot (src/cost/prices.json) has no price for "ec2.natGateway.hour" in eu-west-1 (1 item): expected a price for every item the stack needs; add it with its source, or run npm run prices:refresh',
    );
    expect(
      estimateStack(other, { snapshot: SNAPSHOT, requireComplete: true, priceRegion: "us-east-1" }).complete,
    ).toBe(true);
  });

  test("a derived price is used and counted, and the summary says so", () => {
    const derivedSnapshot: PriceSnapshot = {
      ...SNAPSHOT,
      prices: {
        ...SNAPSHOT.prices,
        "ec2.natGateway.hour": {
          ...SNAPSHOT.prices["ec2.natGateway.hour"],
          regions: {
            ...SNAPSHOT.prices["ec2.natGateway.hour"].regions,
            "eu-west-1": { price: 0.1, source: "https://example.test/nat", derived: true, note: "x 2" },
          },
        },
      },
    };
    const other = syntheticPlan("eu-west-1", [{ type: "aws:ec2/natGateway:NatGateway", name: "nat" }]);
    const est = estimateStack(other, { snapshot: derivedSnapshot });
    expect(est.complete).toBe(true);
    expect(est.derivedLines).toBe(1);
    expect(est.lines[0]).toMatchObject({ derived: true, unitPrice: 0.1, monthly: 73 });
    expect(estimateLines(est)[1]).toBe(
      "  1 line priced from derived prices (not read from a price list: docs/cost.md)",
    );
  });

  test("EKS: control plane at the standard or extended price, managed node group at desired size, Karpenter NodePools at 0", () => {
    const eks = syntheticPlan("us-east-1", [
      { type: "platform:compute:EksCluster", name: "eks" },
      { type: "aws:eks/cluster:Cluster", name: "eks-cp", parent: "eks", inputs: { version: "1.33" } },
      { type: "aws:eks/cluster:Cluster", name: "old-cp", parent: "eks", inputs: { version: "1.28" } },
      {
        type: "aws:eks/cluster:Cluster",
        name: "pinned-cp",
        parent: "eks",
        inputs: { version: "1.28", upgradePolicy: { supportType: "STANDARD" } },
      },
      {
        type: "aws:eks/nodeGroup:NodeGroup",
        name: "system",
        parent: "eks",
        inputs: { scalingConfig: { desiredSize: 2, minSize: 2, maxSize: 3 }, instanceTypes: ["t3.medium"] },
      },
      { type: "kubernetes:karpenter.sh/v1:NodePool", name: "default", parent: "eks", inputs: { spec: {} } },
    ]);
    const est = estimateStack(eks, { snapshot: SNAPSHOT });
    const by = (n: string) => est.lines.find((l) => l.name === n)!;
    expect(by("eks-cp")).toMatchObject({ priceKey: "eks.cluster.standard", monthly: 73 });
    expect(by("old-cp")).toMatchObject({ priceKey: "eks.cluster.extended", monthly: 438 });
    expect(by("pinned-cp")).toMatchObject({ priceKey: "eks.cluster.standard" });
    expect(by("system")).toMatchObject({ quantity: 2, unitPrice: 0.04, monthly: 58.4 });
    expect(by("default")).toMatchObject({ quantity: 0, monthly: 0 });
    expect(est.complete).toBe(true);
  });

  test("WAF: the web ACL plus one rule price per rule and managed group; health check options; secrets", () => {
    const edge = syntheticPlan("us-east-1", [
      {
        type: "aws:wafv2/webAcl:WebAcl",
        name: "acl",
        inputs: {
          rules: [
            { name: "rate", statement: { rateBasedStatement: { limit: 1000 } } },
            {
              name: "common",
              statement: { managedRuleGroupStatement: { name: "AWSManagedRulesCommonRuleSet" } },
            },
            {
              name: "bots",
              statement: { managedRuleGroupStatement: { name: "AWSManagedRulesBotControlRuleSet" } },
            },
          ],
        },
      },
      {
        type: "aws:route53/healthCheck:HealthCheck",
        name: "hc",
        inputs: { type: "HTTPS_STR_MATCH", requestInterval: 10 },
      },
      { type: "aws:secretsmanager/secret:Secret", name: "s" },
    ]);
    const est = estimateStack(edge, { snapshot: SNAPSHOT });
    expect(est.lines.find((l) => l.name === "acl" && l.priceKey === "waf.rule.month")).toMatchObject({
      quantity: 3,
      monthly: 3,
    });
    expect(
      est.lines.find((l) => l.name === "hc" && l.priceKey === "route53.healthCheck.option.month"),
    ).toMatchObject({
      quantity: 3, // HTTPS, string matching, fast interval
      monthly: 3,
    });
    expect(est.notEstimated).toContainEqual(
      expect.objectContaining({
        name: "acl",
        reason: expect.stringContaining("AWSManagedRulesBotControlRuleSet"),
      }),
    );
    expect(est.monthly).toBe(5 + 3 + 0.5 + 3 + 0.4);
  });

  test("a global datastore's secondary inherits node type and engine from the primary's plan", () => {
    const primary = syntheticPlan(
      "us-east-1",
      [
        {
          type: "aws:elasticache/replicationGroup:ReplicationGroup",
          name: "cache",
          id: "rg-primary",
          inputs: { nodeType: "cache.r7g.large", engine: "valkey", numCacheClusters: 2 },
        },
        {
          type: "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
          name: "global",
          inputs: {
            globalReplicationGroupIdSuffix: "prod-platform",
            primaryReplicationGroupId: "rg-primary",
          },
        },
      ],
      { role: "primary" },
    );
    const secondary = syntheticPlan(
      "eu-west-1",
      [
        {
          type: "aws:elasticache/replicationGroup:ReplicationGroup",
          name: "cache",
          inputs: { globalReplicationGroupId: "ldgnf-prod-platform", numCacheClusters: 3 },
        },
      ],
      { role: "secondary" },
    );
    const alone = estimateStack(secondary, { snapshot: SNAPSHOT, priceRegion: "us-east-1" });
    expect(alone.notEstimated[0].reason).toContain("inherited from a global datastore");
    const withPeer = estimateStack(secondary, {
      snapshot: SNAPSHOT,
      priceRegion: "us-east-1",
      peers: [primary],
    });
    expect(withPeer.lines[0]).toMatchObject({ item: "3 x cache.r7g.large (valkey)", monthly: 438 });

    const [share] = standbyShares([primary, secondary], { snapshot: SNAPSHOT });
    expect(share).toMatchObject({
      primary: "us-east-1",
      standby: "eu-west-1",
      shareAtPrimaryPrices: 1.5,
      complete: false,
    });
    expect(share.missing).toEqual({ "eu-west-1": 1 });
    expect(standbyShareLines([share])[0]).toBe(
      "standby eu-west-1 costs 150.0% of primary us-east-1 at us-east-1 prices; at its own prices: n/a (eu-west-1 has 1 item without a price; npm run prices:refresh)",
    );
  });

  test("no standby share without a primary among the plans", () => {
    expect(standbyShares([syntheticPlan("eu-west-1", [], { role: "secondary" })])).toEqual([]);
  });

  test("top-level components: a nested resource maps to the component under the stack", () => {
    const map = topLevelComponents(app.resources);
    expect(map.get(urnOf(app, "app-asg"))).toBe(urnOf(app, "app"));
    expect(map.get(urnOf(app, "app"))).toBe(urnOf(app, "app"));
    expect(map.get(urnOf(app, "key"))).toBe(app.resources[0].urn);
  });
});

describe("the repository's snapshot", () => {
  test("names its source, publication date, currency and the regions in use, with a source for every price", () => {
    expect(PRICE_SNAPSHOT).toMatchObject({ currency: "USD", hoursPerMonth: 730 });
    expect(PRICE_SNAPSHOT.compiledOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(PRICE_SNAPSHOT.source.offerFileUrl).toBe(
      "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/{service}/current/{region}/index.json",
    );
    expect(PRICE_SNAPSHOT.regions).toEqual(expect.arrayContaining(["us-east-1", "eu-west-1", "ap-south-1"]));
    for (const [key, entry] of Object.entries(PRICE_SNAPSHOT.prices)) {
      const regional = Object.values(entry.regions ?? {});
      for (const p of [...regional, ...(entry.allRegions ? [entry.allRegions] : [])]) {
        // A price names where it came from; a missing price says why.
        if (p.price === null) expect(`${key}: ${p.note ?? ""}`).toMatch(/: .+/);
        else expect(`${key}: ${p.source ?? ""}`).toMatch(/: https?:\/\//);
      }
      if (!entry.allRegions) {
        for (const region of PRICE_SNAPSHOT.regions)
          expect(`${key} ${region}: ${String(region in (entry.regions ?? {}))}`).toBe(
            `${key} ${region}: true`,
          );
      }
      expect(entry.offer?.service).toBeTruthy();
    }
    expect(lookupPrice(PRICE_SNAPSHOT, "ec2.instance.m7i.xlarge", "us-east-1")).toMatchObject({
      found: true,
      price: 0.2016,
    });
  });
});

describe("the real stacks", () => {
  test("us-east-1: the app tier's ASG floor is 2 m7i.xlarge on demand at the snapshot's us-east-1 price", async () => {
    const [use1, euw1] = await realPlans();
    const e = estimateStack(use1, { peers: [use1, euw1] });
    const asg = e.lines.find((l) => l.name === "prod-use1-app-asg")!;
    expect(asg).toMatchObject({ quantity: 2, unitPrice: 0.2016, per: "hour", monthly: 294.34 });
    expect(asg.source).toBe("https://c3x.dev/blog/m5-vs-m6i-vs-m7i-cost-performance");
    expect(e.lines.filter((l) => l.name === "prod-use1-cache").length).toBeGreaterThan(0);
    expect(estimateLines(e)[0]).toMatch(
      /^cost estimate \(us-east-1 prices, snapshot \d{4}-\d{2}-\d{2}\): \$[\d,]+\.\d\d\/month at the floor/,
    );
    const [share] = standbyShares([use1, euw1]);
    expect(share.standby).toBe("eu-west-1");
    expect(share.shareAtPrimaryPrices).toBeGreaterThan(0.3);
    expect(share.shareAtPrimaryPrices).toBeLessThan(1);
    // Every price both stacks need is in the snapshot: the share at their own prices exists.
    expect(share.complete).toBe(true);
    expect(share.share).toBeGreaterThan(0);
  });

  test("both stacks estimate with no missing price, each in its own region (requireComplete)", async () => {
    const plans = await realPlans();
    expect(plans.map((p) => p.region)).toEqual(["us-east-1", "eu-west-1"]);
    for (const plan of plans) {
      const e = estimateStack(plan, { peers: plans, requireComplete: true });
      expect({ stack: e.stack, complete: e.complete, missing: e.missingPrices }).toEqual({
        stack: plan.stack,
        complete: true,
        missing: [],
      });
      expect(e.priceRegion).toBe(plan.region);
      expect(e.monthly).toBeGreaterThan(0);
    }
  });
});

describe("the snapshot covers every region in use", () => {
  // Each stack file's region (the real stacks and the third-region fixture) is in `regions`, and
  // every entry has a price, or a reason it has none, for each of them.
  test("every region of a stack file is a snapshot region with a price or a reason for every entry", () => {
    const regions = ["us-east-1", "eu-west-1", "ap-south-1"];
    expect([...PRICE_SNAPSHOT.regions].sort()).toEqual([...regions].sort());
    const withoutPrice: string[] = [];
    for (const key of Object.keys(PRICE_SNAPSHOT.prices))
      for (const region of regions) {
        const p = lookupPrice(PRICE_SNAPSHOT, key, region);
        if (!p.found) withoutPrice.push(`${key} ${region}`);
      }
    // Only m7g (no stack uses it) lacks a price outside us-east-1, on purpose (see its note).
    expect(withoutPrice).toEqual(["ec2.instance.m7g.xlarge eu-west-1", "ec2.instance.m7g.xlarge ap-south-1"]);
  });

  test("every eu-west-1 and ap-south-1 price names its publication date; a derived one says how", () => {
    for (const [key, entry] of Object.entries(PRICE_SNAPSHOT.prices))
      for (const region of ["eu-west-1", "ap-south-1"]) {
        const p = entry.regions?.[region];
        if (!p || p.price === null) continue;
        expect(`${key}: ${p.publicationDate ?? "none"}`).toMatch(/: \d{4}(-\d{2}){0,2}/);
        if (p.derived) expect(`${key}: ${p.note ?? ""}`).toMatch(/: Derived, not read from a price list: .+/);
      }
  });
});
