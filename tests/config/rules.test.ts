import { checkRules } from "../../src/config/validate";
import { forEach, rulesOf, runRules, type RuleTable } from "../../src/config/rule-table";
import { STACK_RULES } from "../../src/config/rules";
import { stackValues, withOverrides } from "../helpers/config";

type Stack = "us-east-1" | "eu-west-1";
const value = (stack: Stack, key: string) => stackValues(stack)[key] as Record<string, unknown>;
const network = (stack: Stack, o: object) => ({
  "platform:network": { ...value(stack, "platform:network"), ...o },
});
const web = (o: object) => {
  const tiers = value("us-east-1", "platform:tiers");
  return { "platform:tiers": { ...tiers, web: { ...(tiers.web as object), ...o } } };
};
const eks = (o: object) => ({ "platform:eks": { ...value("us-east-1", "platform:eks"), ...o } });
const observability = (stack: Stack, o: object) => ({
  "platform:observability": { ...value(stack, "platform:observability"), ...o },
});
const primaryPeer = { stack: "us-east-1", region: "us-east-1", cidr: "10.10.0.0/16", role: "primary" };

/** For every rule of the stack table, a change to a valid stack file that breaks it (optionally at another time). */
const CASES: Record<string, [Stack, Record<string, unknown>, now?: string]> = {
  "a region drill moves the writer away from the drilled region": [
    "us-east-1",
    { "platform:failover": { drill: "region" } },
  ],
  "the failover order lists this stack's region": [
    "us-east-1",
    { "platform:failover": { order: ["eu-west-1", "ap-south-1"] } },
  ],
  "the failover order names each region once": [
    "us-east-1",
    { "platform:failover": { order: ["us-east-1", "eu-west-1", "us-east-1"] } },
  ],
  "the DNS failover can meet the RTO target": [
    "us-east-1",
    { "platform:failover": { rtoTargetSeconds: 60 } },
  ],
  "a FIFO queue is subscribed to a FIFO topic": [
    "us-east-1",
    { "platform:pipeline": { consumers: { payment: { fifo: true } } } },
  ],
  "the global endpoint is owned by a secondary": [
    "us-east-1",
    { "platform:pipeline": { globalEndpoint: true } },
  ],
  "the global endpoint's regions offer global endpoints": [
    "eu-west-1",
    {
      "platform:peers": [{ ...primaryPeer, region: "us-east-1" }],
      "aws:region": "ap-east-1",
      "platform:pipeline": { globalEndpoint: true },
    },
  ],
  "each Availability Zone is a zone of the stack's region": [
    "us-east-1",
    network("us-east-1", { availabilityZones: ["us-east-1a", "eu-west-1b"] }),
  ],
  "each Availability Zone is listed once": [
    "us-east-1",
    network("us-east-1", { availabilityZones: ["us-east-1a", "us-east-1a"] }),
  ],
  "a peer is another stack": ["eu-west-1", { "platform:peers": [{ ...primaryPeer, stack: "eu-west-1" }] }],
  "a peer is in another region": [
    "eu-west-1",
    { "platform:peers": [{ ...primaryPeer, region: "eu-west-1" }] },
  ],
  "peered CIDRs do not overlap": ["eu-west-1", network("eu-west-1", { cidr: "10.10.0.0/17" })],
  "a primary stack has no primary peer": ["eu-west-1", { "platform:role": "primary" }],
  "a secondary stack lists the primary among its peers": ["eu-west-1", { "platform:peers": [] }],
  "at most one peer is primary": [
    "eu-west-1",
    {
      "platform:peers": [
        primaryPeer,
        { ...primaryPeer, stack: "ap-south-1", region: "ap-south-1", cidr: "10.30.0.0/16" },
      ],
    },
  ],
  "the primary stack lists no peers": [
    "us-east-1",
    {
      "platform:peers": [
        { stack: "eu-west-1", region: "eu-west-1", cidr: "10.20.0.0/16", role: "secondary" },
      ],
    },
  ],
  "the environment tag, if given, equals platform:environment": [
    "us-east-1",
    { "platform:tags": { owner: "a", "cost-center": "b", environment: "dev" } },
  ],
  "tag names are valid instance metadata tag keys": [
    "us-east-1",
    { "platform:tags": { owner: "a", "cost-center": "b", "aws:x": "y" } },
  ],
  "the primary stack is active": ["us-east-1", { "platform:posture": "warm-standby" }],
  "the domain is the hosted zone's name or under it": [
    "us-east-1",
    { "platform:dns": { ...value("us-east-1", "platform:dns"), domain: "shop.example.org" } },
  ],
  "a tier's maxSize is at least its minSize": ["us-east-1", web({ minSize: 5, maxSize: 4 })],
  "a tier's desiredCapacity is between its minSize and maxSize": ["us-east-1", web({ desiredCapacity: 1 })],
  "instance types are of known families": ["us-east-1", web({ instanceTypes: ["m7i.large", "z1.large"] })],
  "a tier's instance types are of its AMI's architecture": [
    "us-east-1",
    web({ instanceTypes: ["m7g.large"] }),
  ],
  "a warm pool only on a tier with no Spot and one instance type": ["us-east-1", web({ warmPool: {} })],
  "step scaling thresholds are in order": ["us-east-1", web({ scaling: { step: { scaleOutAt: 95 } } })],
  "step scaling starts above the CPU target": ["us-east-1", web({ scaling: { cpuTarget: 85 } })],
  "a scheduled action has exactly one of recurrence and startTime": [
    "us-east-1",
    web({
      scaling: {
        scheduled: [{ name: "x", recurrence: "0 8 * * *", startTime: "2026-01-01T00:00:00Z", minSize: 2 }],
      },
    }),
  ],
  "a one-off scheduled action starts in the future": [
    "us-east-1",
    web({ scaling: { scheduled: [{ name: "x", startTime: "2026-01-01T00:00:00Z", minSize: 2 }] } }),
  ],
  "a scheduled action's time zone is an IANA time zone": [
    "us-east-1",
    web({
      scaling: {
        scheduled: [{ name: "x", recurrence: "0 8 * * *", timeZone: "Europe/Atlantis", minSize: 2 }],
      },
    }),
  ],
  "a standby region's scheduled actions keep the posture's floor": [
    "eu-west-1",
    {
      "platform:tiers": {
        ...value("eu-west-1", "platform:tiers"),
        web: {
          ...(value("eu-west-1", "platform:tiers").web as object),
          scaling: { scheduled: [{ name: "x", recurrence: "0 8 * * *", minSize: 2 }] },
        },
      },
    },
  ],
  "no recurring action changes a size inside a one-off action's window": [
    "us-east-1",
    web({
      scaling: {
        scheduled: [
          { name: "daily", recurrence: "0 8 * * *", minSize: 2 },
          { name: "x", startTime: "2027-01-01T00:00:00Z", endTime: "2027-01-02T00:00:00Z", minSize: 6 },
        ],
      },
    }),
  ],
  "a scheduled action changes a size": [
    "us-east-1",
    web({ scaling: { scheduled: [{ name: "x", recurrence: "0 8 * * *" }] } }),
  ],
  "Aurora reader autoscaling max is at least its min": [
    "us-east-1",
    {
      "platform:data": {
        ...value("us-east-1", "platform:data"),
        aurora: {
          engineVersion: "16.4",
          instanceClass: "db.r7g.large",
          readerAutoscaling: { min: 4, max: 1 },
        },
      },
    },
  ],
  "the primary stack has the CDN settings": [
    "us-east-1",
    { "platform:edge": { healthCheckPrefixListId: "pl-0a1b2c3d4e5f60718" } },
  ],
  "a secondary stack has no CDN settings": [
    "eu-west-1",
    {
      "platform:edge": {
        ...value("eu-west-1", "platform:edge"),
        cdn: { secondaryOriginRegion: "us-east-1" },
      },
    },
  ],
  "the fallback origin is another region's": [
    "us-east-1",
    {
      "platform:edge": {
        ...value("us-east-1", "platform:edge"),
        cdn: { ...(value("us-east-1", "platform:edge").cdn as object), secondaryOriginRegion: "us-east-1" },
      },
    },
  ],
  "the Kubernetes version stays in EKS standard support for the margin, unless extended support is on": [
    "us-east-1",
    eks({ kubernetesVersion: "1.34", addons: { "kube-proxy": "v1.34.0-eksbuild.1" } }),
  ],
  "the Kubernetes version stays in EKS extended support for the margin": [
    "us-east-1",
    eks({ extendedSupport: true }),
    "2028-03-01T00:00:00Z",
  ],
  "the Karpenter release supports the Kubernetes version": [
    "us-east-1",
    eks({ karpenter: { version: "1.8.0" } }),
  ],
  "the Karpenter release is one the platform knows": ["us-east-1", eks({ karpenter: { version: "2.0.0" } })],
  "the AMI alias has images for the Kubernetes version": [
    "us-east-1",
    eks({ karpenter: { amiAlias: "al2023@v20251120" } }),
  ],
  "a public endpoint lists the CIDRs that may reach it": [
    "us-east-1",
    eks({ endpoint: { publicAccess: true } }),
  ],
  "the public endpoint is never open to the whole internet": [
    "us-east-1",
    eks({ endpoint: { publicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] } }),
  ],
  "a private endpoint CIDR is a private network": [
    "us-east-1",
    eks({ endpoint: { privateAccessCidrs: ["203.0.113.0/24"] } }),
  ],
  "a private-only endpoint admits at least one network": [
    "us-east-1",
    eks({ endpoint: { privateAccessCidrs: [] } }),
  ],
  "public endpoint CIDRs only with a public endpoint": [
    "us-east-1",
    eks({ endpoint: { publicAccessCidrs: ["203.0.113.0/24"] } }),
  ],
  "the deploy role is one of the admin roles": [
    "us-east-1",
    eks({ deployRoleArn: "arn:aws:iam::111122223333:role/elsewhere" }),
  ],
  "kube-proxy follows the cluster's Kubernetes minor version": [
    "us-east-1",
    eks({ addons: { "kube-proxy": "v1.36.0-eksbuild.1" } }),
  ],
  "the system nodes' maxSize is at least their minSize, desiredSize between them": [
    "us-east-1",
    eks({ systemNodes: { minSize: 5, maxSize: 4 } }),
  ],
  "system node instance types are of known families": [
    "us-east-1",
    eks({ systemNodes: { instanceTypes: ["q9.large"] } }),
  ],
  "the system node instance types share one architecture": [
    "us-east-1",
    eks({ systemNodes: { instanceTypes: ["m7i.large", "m7g.large"] } }),
  ],
  "the critical pool runs on-demand only": [
    "us-east-1",
    eks({
      karpenter: { pools: { critical: { capacityTypes: ["spot"], limits: { cpu: 8, memoryGiB: 32 } } } },
    }),
  ],
  "a disruption budget has both schedule and duration, or neither": [
    "us-east-1",
    eks({
      karpenter: {
        pools: {
          general: {
            disruptionBudgets: [{ nodes: "0", schedule: "@daily" }],
            limits: { cpu: 8, memoryGiB: 32 },
          },
        },
      },
    }),
  ],
  "the cache hit-ratio alarm can read every node": [
    "us-east-1",
    {
      "platform:data": {
        ...value("us-east-1", "platform:data"),
        cache: { ...(value("us-east-1", "platform:data").cache as object), replicas: 5 },
      },
    },
  ],
  "only the primary stack monitors cost anomalies": [
    "eu-west-1",
    observability("eu-west-1", { costAnomaly: {} }),
  ],
  "the cost anomaly monitor is the stack's account's": [
    "us-east-1",
    observability("us-east-1", {
      costAnomaly: {
        monitorArn: "arn:aws:ce::999988887777:anomalymonitor/0e2bd1c4-6b8c-4d6e-9a8b-4c3f3e9d2f10",
      },
    }),
  ],
  "a topic lists each endpoint once": [
    "us-east-1",
    observability("us-east-1", {
      subscriptions: {
        warning: [
          { protocol: "email", endpoint: "a@example.com" },
          { protocol: "email", endpoint: "a@example.com" },
        ],
      },
    }),
  ],
  "at most 40 tags": [
    "us-east-1",
    {
      "platform:tags": {
        owner: "a",
        "cost-center": "b",
        ...Object.fromEntries([...Array(39)].map((_, i) => [`t${i}`, "x"])),
      },
    },
  ],
};

describe("the stack's rule table", () => {
  const rules = rulesOf(STACK_RULES);

  test("rule names are unique, and each rule has a case here", () => {
    const names = rules.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(CASES).sort());
  });

  test("every rule says which keys it reads", () => {
    for (const r of rules) expect(r.reads.every((k) => /^(platform|aws):/.test(k))).toBe(true);
  });

  test("the stack files break no rule", () => {
    expect(checkRules(withOverrides("us-east-1", {}))).toEqual([]);
    expect(checkRules(withOverrides("eu-west-1", {}))).toEqual([]);
  });

  test.each(Object.entries(CASES))("%s", (name, [stack, overrides, now]) => {
    const raw = withOverrides(stack, overrides);
    expect(checkRules(now ? { ...raw, now: new Date(now) } : raw).map((f) => f.rule)).toContain(name);
  });
});

describe("runRules", () => {
  interface Box {
    readonly xs: readonly number[];
  }
  const table: RuleTable<Box> = [
    { name: "not empty", reads: [], fails: (b) => b.xs.length === 0, message: () => "empty" },
    forEach("each x", (b: Box) => b.xs, [
      { name: "positive", reads: [], when: (x) => x !== 0, fails: (x) => x < 0, message: (x) => `${x} < 0` },
      { name: "small", reads: [], fails: (x) => x > 9, message: (x) => `${x} > 9` },
    ]),
  ];

  test("runs every rule in order, nested rules item by item, and skips rules that do not apply", () => {
    expect(runRules(table, { xs: [-1, 0, 10, -20] })).toEqual([
      { rule: "positive", message: "-1 < 0" },
      { rule: "small", message: "10 > 9" },
      { rule: "positive", message: "-20 < 0" },
    ]);
    expect(runRules(table, { xs: [] })).toEqual([{ rule: "not empty", message: "empty" }]);
  });

  test("rulesOf lists nested rules in table order", () => {
    expect(rulesOf(table).map((r) => r.name)).toEqual(["not empty", "positive", "small"]);
  });
});
