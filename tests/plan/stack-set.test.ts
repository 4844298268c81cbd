import { applyOrder, StackSetError, withDependencies } from "../../src/plan/stack-set";
import type { StackFile } from "../../src/plan/stack-files";

const file = (
  stack: string,
  role: string,
  cidr: string,
  peers: object[] = [],
  region = stack,
  failover = true,
): StackFile => {
  const decoded = {
    "aws:region": region,
    "platform:role": role,
    "platform:network": { cidr },
    "platform:peers": peers,
    "platform:edge": { failover },
  };
  return { stack, path: `Pulumi.${stack}.yaml`, values: {}, secretKeys: [], decoded };
};
const peer = (stack: string, cidr: string, role = "primary", region = stack) => ({
  stack,
  region,
  cidr,
  role,
});
const problems = (files: StackFile[]) => {
  try {
    applyOrder(files);
  } catch (e) {
    if (e instanceof StackSetError) return e.problems;
    throw e;
  }
  return [];
};

describe("applyOrder", () => {
  const use1 = file("us-east-1", "primary", "10.10.0.0/16");
  const euw1 = file("eu-west-1", "secondary", "10.20.0.0/16", [peer("us-east-1", "10.10.0.0/16")]);
  const aps1 = file(
    "ap-south-1",
    "secondary",
    "10.30.0.0/16",
    [peer("us-east-1", "10.10.0.0/16"), peer("eu-west-1", "10.20.0.0/16", "secondary")],
    "ap-south-1",
    false,
  );

  test("orders each stack after all its peers, whatever the file order", () => {
    expect(applyOrder([aps1, euw1, use1]).map((f) => f.stack)).toEqual([
      "us-east-1",
      "eu-west-1",
      "ap-south-1",
    ]);
  });

  test("withDependencies keeps the stack and what it reads, in apply order", () => {
    const ordered = applyOrder([aps1, euw1, use1]);
    expect(withDependencies(ordered, "eu-west-1").map((f) => f.stack)).toEqual(["us-east-1", "eu-west-1"]);
    expect(() => withDependencies(ordered, "sa-east-1")).toThrow(
      "--stack sa-east-1: no Pulumi.sa-east-1.yaml; expected one of us-east-1, eu-west-1, ap-south-1",
    );
  });

  test("two primaries in the set", () => {
    expect(problems([use1, file("eu-west-1", "primary", "10.20.0.0/16")])).toEqual([
      'platform:role = "primary" is set in 2 stack files (us-east-1, eu-west-1): expected exactly one primary stack',
    ]);
  });

  test("three secondaries: the global datastore allows at most two secondary regions", () => {
    const more = ["eu-west-1", "ap-south-1", "us-west-2"].map((st, i) =>
      file(st, "secondary", `10.${20 + i * 10}.0.0/16`, [peer("us-east-1", "10.10.0.0/16")], st, i === 0),
    );
    expect(problems([use1, ...more])).toEqual([
      'platform:role = "secondary" is set in 3 stack files (eu-west-1, ap-south-1, us-west-2): expected at most 2, because every secondary joins the ElastiCache global datastore, which allows at most 2 secondary regions',
    ]);
  });

  test("two secondaries in the failover record: Route 53 pairs one PRIMARY with one SECONDARY", () => {
    const both = [euw1, { ...aps1, decoded: { ...aps1.decoded, "platform:edge": { failover: true } } }];
    expect(problems([use1, ...both])).toEqual([
      "platform:edge.failover is on in 2 secondary stack files (eu-west-1, ap-south-1): expected it on in at most one, because a Route 53 failover record pairs one PRIMARY with one SECONDARY; set failover: false on the others",
    ]);
    const out = { ...aps1, decoded: { ...aps1.decoded, "platform:edge": { failover: false } } };
    expect(problems([use1, euw1, out])).toEqual([]);
  });

  test("a peer declared differently from its own stack file", () => {
    const wrong = file("eu-west-1", "secondary", "10.20.0.0/16", [
      peer("us-east-1", "10.11.0.0/16", "secondary"),
    ]);
    expect(problems([use1, wrong])).toEqual([
      'eu-west-1: platform:peers[0].cidr = "10.11.0.0/16" but stack "us-east-1" has "10.10.0.0/16": expected them equal',
      'eu-west-1: platform:peers[0].role = "secondary" but stack "us-east-1" has "primary": expected them equal',
    ]);
  });

  test("a peer with no stack file", () => {
    const lonely = file("eu-west-1", "secondary", "10.20.0.0/16", [peer("us-west-2", "10.40.0.0/16")]);
    expect(problems([use1, lonely])).toEqual([
      'eu-west-1: platform:peers[0].stack = "us-west-2" has no stack file: expected one of us-east-1, eu-west-1',
    ]);
  });

  test("peers that form a cycle", () => {
    const a = file("eu-west-1", "secondary", "10.20.0.0/16", [
      peer("us-east-1", "10.10.0.0/16"),
      peer("ap-south-1", "10.30.0.0/16", "secondary"),
    ]);
    expect(problems([use1, a, aps1])).toEqual([
      "platform:peers form a cycle: ap-south-1 -> eu-west-1 -> ap-south-1",
    ]);
  });
});
