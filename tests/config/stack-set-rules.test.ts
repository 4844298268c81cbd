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
const findings = (files: StackFile[]) =>
  runRules(STACK_SET_RULES, { files, byName: new Map(files.map((f) => [f.stack, f])) });

/** For every rule across stack files, a set of files that breaks it. */
const CASES: Record<string, StackFile[]> = {
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
});
