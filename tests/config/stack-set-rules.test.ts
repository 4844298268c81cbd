import { rulesOf, runRules } from "../../src/config/rule-table";
import type { StackFile } from "../../src/plan/stack-files";
import { STACK_SET_RULES } from "../../src/plan/stack-set";

const file = (
  stack: string,
  role: string,
  cidr: string,
  peers: object[] = [],
  failover = true,
): StackFile => ({
  stack,
  path: `Pulumi.${stack}.yaml`,
  values: {},
  secretKeys: [],
  decoded: {
    "aws:region": stack,
    "platform:role": role,
    "platform:network": { cidr },
    "platform:peers": peers,
    "platform:edge": { failover },
  },
});
const peer = (stack: string, cidr: string, role = "primary") => ({ stack, region: stack, cidr, role });
const use1 = file("us-east-1", "primary", "10.10.0.0/16");
const secondary = (stack: string, cidr: string, failover = false) =>
  file(stack, "secondary", cidr, [peer("us-east-1", "10.10.0.0/16")], failover);
/** A stack file that owns the order pipeline's global endpoint. */
const withEndpoint = (f: StackFile): StackFile => ({
  ...f,
  decoded: { ...f.decoded, "platform:pipeline": { globalEndpoint: true } },
});
/** A stack file with `platform:failover` (and optionally other keys) set. */
const withFailover = (f: StackFile, failover: object, more: object = {}): StackFile => ({
  ...f,
  decoded: { ...f.decoded, "platform:failover": failover, ...more },
});
const euw1 = secondary("eu-west-1", "10.20.0.0/16", true);
const aps1 = file(
  "ap-south-1",
  "secondary",
  "10.30.0.0/16",
  [peer("us-east-1", "10.10.0.0/16"), peer("eu-west-1", "10.20.0.0/16", "secondary")],
  false,
);
const ORDER3 = ["us-east-1", "eu-west-1", "ap-south-1"];
/** The three regions with the same failover order. */
const three = (o: object = {}) => [use1, euw1, aps1].map((f) => withFailover(f, { order: ORDER3, ...o }));
const findings = (files: StackFile[]) =>
  runRules(STACK_SET_RULES, { files, byName: new Map(files.map((f) => [f.stack, f])) });

/** For every rule across stack files, a set of files that breaks it. */
const CASES: Record<string, StackFile[]> = {
  "every stack file names the primary's writer region": [
    use1,
    withFailover(euw1, { writerRegion: "eu-west-1" }),
  ],
  "a stack serves the writer region": [withFailover(use1, { writerRegion: "us-west-2" }), euw1],
  "every stack file scales the writer's readers like the primary": [
    use1,
    { ...euw1, decoded: { ...euw1.decoded, "platform:data": { aurora: { readerAutoscaling: { max: 8 } } } } },
  ],
  "every stack file has the same failover order": [
    withFailover(use1, { order: ["us-east-1", "eu-west-1"] }),
    euw1,
  ],
  "the failover order names every stack's region and only those": [
    withFailover(use1, { order: ["us-east-1", "eu-west-1"] }),
    withFailover(euw1, { order: ["us-east-1", "eu-west-1"] }),
    withFailover(aps1, { order: ["us-east-1", "eu-west-1"] }),
  ],
  "a drilled region serves traffic and has a region to fall back to": [
    use1,
    withFailover(euw1, { drill: "dns" }),
  ],
  "a region drill has the next region active": [
    withFailover(use1, { drill: "region", writerRegion: "eu-west-1" }),
    withFailover(euw1, { writerRegion: "eu-west-1" }),
  ],
  "exactly one primary stack": [use1, file("eu-west-1", "primary", "10.20.0.0/16")],
  "at most 2 secondary stacks": [
    use1,
    secondary("eu-west-1", "10.20.0.0/16", true),
    secondary("ap-south-1", "10.30.0.0/16"),
    secondary("us-west-2", "10.40.0.0/16"),
  ],
  "at most one secondary in the Route 53 failover record": [
    use1,
    secondary("eu-west-1", "10.20.0.0/16", true),
    secondary("ap-south-1", "10.30.0.0/16", true),
  ],
  "each peer has a stack file": [
    use1,
    file("eu-west-1", "secondary", "10.20.0.0/16", [peer("us-west-2", "10.40.0.0/16")]),
  ],
  "every stack pins the primary's engine versions": [
    { ...use1, decoded: { ...use1.decoded, "platform:data": { aurora: { engineVersion: "17.4" } } } },
    secondary("eu-west-1", "10.20.0.0/16", true),
  ],
  "every secondary names the primary's cache node type and engine": [
    { ...use1, decoded: { ...use1.decoded, "platform:data": { cache: { nodeType: "cache.r7g.large" } } } },
    secondary("eu-west-1", "10.20.0.0/16", true),
  ],
  "each peer is declared as its own stack file says": [
    use1,
    file("eu-west-1", "secondary", "10.20.0.0/16", [peer("us-east-1", "10.11.0.0/16")]),
  ],
  "at most one stack owns the EventBridge global endpoint": [
    use1,
    withEndpoint(secondary("eu-west-1", "10.20.0.0/16", true)),
    withEndpoint(secondary("ap-south-1", "10.30.0.0/16")),
  ],
};

describe("the rule table across stack files", () => {
  test("each rule has a case here", () => {
    expect(
      rulesOf(STACK_SET_RULES)
        .map((r) => r.name)
        .sort(),
    ).toEqual(Object.keys(CASES).sort());
  });

  test("a valid set breaks no rule", () => {
    expect(findings([use1, secondary("eu-west-1", "10.20.0.0/16", true)])).toEqual([]);
  });

  test.each(Object.entries(CASES))("%s", (name, files) => {
    expect(findings(files).map((f) => f.rule)).toContain(name);
  });

  test("global endpoint: one owner, with its exact message", () => {
    const owners = [
      withEndpoint(secondary("eu-west-1", "10.20.0.0/16", true)),
      withEndpoint(secondary("ap-south-1", "10.30.0.0/16")),
    ];
    expect(findings([use1, owners[0], secondary("ap-south-1", "10.30.0.0/16")])).toEqual([]);
    expect(findings([use1, ...owners]).map((f) => f.message)).toEqual([
      "platform:pipeline.globalEndpoint = true is set in 2 stack files (eu-west-1, ap-south-1): expected it in at most one secondary, because a global endpoint pairs the primary's bus with one other region's",
    ]);
  });

  test("cache node type and engine: a secondary's differ from the primary's, with the exact messages", () => {
    const cache = (f: StackFile, c: object): StackFile => ({
      ...f,
      decoded: { ...f.decoded, "platform:data": { cache: c } },
    });
    const primary = cache(use1, { nodeType: "cache.r7g.large", engine: "valkey" });
    expect(findings([primary, cache(euw1, { nodeType: "cache.r7g.large", engine: "valkey" })])).toEqual([]);
    expect(
      findings([primary, cache(euw1, { nodeType: "cache.r7g.xlarge", engine: "redis" })]).map(
        (f) => f.message,
      ),
    ).toEqual([
      'eu-west-1: platform:data.cache.nodeType = "cache.r7g.xlarge" but the primary stack "us-east-1" has "cache.r7g.large": expected the same value in every stack file (the global datastore has one node type, the primary\'s; a secondary\'s is never applied, and it changes on the global datastore from the primary stack)',
      'eu-west-1: platform:data.cache.engine = "redis" but the primary stack "us-east-1" has "valkey": expected the same value in every stack file (the global datastore has one engine, the primary\'s; a secondary\'s is never applied, and it changes on the global datastore from the primary stack)',
    ]);
  });

  test("a secondary that leaves failover out is in the failover record (its default)", () => {
    const quiet = (stack: string, cidr: string) => {
      const f = secondary(stack, cidr);
      return { ...f, decoded: { ...f.decoded, "platform:edge": {} } };
    };
    expect(
      findings([use1, quiet("eu-west-1", "10.20.0.0/16"), quiet("ap-south-1", "10.30.0.0/16")]).map(
        (f) => f.rule,
      ),
    ).toEqual(["at most one secondary in the Route 53 failover record"]);
  });

  test("failover: three regions with one order and no drill break no rule", () => {
    expect(findings(three())).toEqual([]);
  });

  test("failover: with an order, three regions may all be in the failover records", () => {
    const members = three().map((f) => ({
      ...f,
      decoded: { ...f.decoded, "platform:edge": { failover: true } },
    }));
    expect(findings(members)).toEqual([]);
  });

  test("failover: contradictory writer regions, with the exact message", () => {
    const files = [
      withFailover(use1, { writerRegion: "eu-west-1" }),
      withFailover(euw1, { writerRegion: "ap-south-1" }),
      aps1,
    ];
    expect(findings(files).map((f) => f.message)).toEqual([
      'eu-west-1: platform:failover.writerRegion = "ap-south-1" but the primary stack "us-east-1" has "eu-west-1": expected the same region in every stack file that sets it (the primary owns the global database and datastore and moves their writer)',
    ]);
  });

  test("reader autoscaling follows the writer: every stack file resolves the primary's, with the exact message", () => {
    const scaled = (f: StackFile, readerAutoscaling: object): StackFile => ({
      ...f,
      decoded: { ...f.decoded, "platform:data": { aurora: { readerAutoscaling } } },
    });
    // Left out, or set to the defaults: the same as a primary on the defaults.
    expect(findings([use1, scaled(euw1, { min: 1, max: 4, cpuTarget: 60 })])).toEqual([]);
    expect(findings([scaled(use1, { max: 8 }), scaled(euw1, { max: 8 })])).toEqual([]);
    expect(findings([scaled(use1, { max: 8 }), euw1]).map((f) => f.message)).toEqual([
      'eu-west-1: platform:data.aurora.readerAutoscaling resolves to {"min":1,"max":4,"cpuTarget":60} but the primary ' +
        'stack "us-east-1" has {"min":1,"max":8,"cpuTarget":60}: expected the same in every stack file (the stack in ' +
        "platform:failover.writerRegion scales its readers with its own)",
    ]);
  });

  test("failover: a writer region no stack serves, with the exact message", () => {
    expect(findings([withFailover(use1, { writerRegion: "us-west-2" }), euw1]).map((f) => f.message)).toEqual(
      [
        'us-east-1: platform:failover.writerRegion = "us-west-2" is served by no stack file: expected one of "us-east-1", "eu-west-1" (the region must have an Aurora and cache member to promote)',
      ],
    );
  });

  test("failover: an order that omits a stack, or names an unknown region, with the exact messages", () => {
    const two = ["us-east-1", "eu-west-1"];
    expect(
      findings([use1, euw1, aps1].map((f) => withFailover(f, { order: two }))).map((f) => f.message),
    ).toEqual([
      'platform:failover.order = ["us-east-1","eu-west-1"] omits "ap-south-1": expected each region of the stack files ("us-east-1", "eu-west-1", "ap-south-1") once',
    ]);
    const withUnknown = ["us-east-1", "eu-west-1", "us-west-2"];
    expect(
      findings([use1, euw1].map((f) => withFailover(f, { order: withUnknown }))).map((f) => f.message),
    ).toEqual([
      'platform:failover.order = ["us-east-1","eu-west-1","us-west-2"] names "us-west-2", which no stack file serves: expected each region of the stack files ("us-east-1", "eu-west-1") once',
    ]);
  });

  test("failover: an order that differs between stack files, with the exact message", () => {
    const [a, b, c] = three();
    const other = withFailover(c, { order: ["us-east-1", "ap-south-1", "eu-west-1"] });
    expect(findings([a, b, other]).map((f) => f.message)).toEqual([
      'ap-south-1: platform:failover.order = ["us-east-1","ap-south-1","eu-west-1"] but stack "us-east-1" has ["us-east-1","eu-west-1","ap-south-1"]: expected the same list in every stack file',
    ]);
  });

  test("failover: a drill of the last region, or of one outside the failover record, with the exact messages", () => {
    const [a, b, c] = three();
    expect(findings([a, b, withFailover(c, { order: ORDER3, drill: "dns" })]).map((f) => f.message)).toEqual([
      'ap-south-1: platform:failover.drill = "dns" but region "ap-south-1" is the last of the failover order ["us-east-1","eu-west-1","ap-south-1"]: expected a drill only of a region that serves traffic and is followed in the order by a region with a stack file',
    ]);
    // Without an order, a secondary outside the failover record serves no failover traffic.
    const quiet = secondary("ap-south-1", "10.30.0.0/16", false);
    expect(findings([use1, euw1, withFailover(quiet, { drill: "dns" })]).map((f) => f.message)).toEqual([
      'ap-south-1: platform:failover.drill = "dns" but region "ap-south-1" is not in the failover order ["us-east-1","eu-west-1"]: expected a drill only of a region that serves traffic and is followed in the order by a region with a stack file',
    ]);
  });

  test("failover: a region drill needs the next region active, with the exact message", () => {
    const files = [
      withFailover(use1, { drill: "region", writerRegion: "eu-west-1" }),
      withFailover(euw1, { writerRegion: "eu-west-1" }, { "platform:posture": "warm-standby" }),
    ];
    expect(findings(files).map((f) => f.message)).toEqual([
      'us-east-1: platform:failover.drill = "region" but the next region\'s stack "eu-west-1" has platform:posture = "warm-standby": expected "active" there (it takes all the traffic and the writer)',
    ]);
    const active = withFailover(euw1, { writerRegion: "eu-west-1" }, { "platform:posture": "active" });
    expect(findings([files[0], active])).toEqual([]);
  });
});
