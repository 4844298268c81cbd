/**
 * What follows `platform:failover.writerRegion` in each stack: the cache writer endpoint (the
 * writer region's member, own or read from an earlier stack), the reader Auto Scaling (only in the
 * writer region) and the posture's cache replicas.
 */
import { cacheReplicas, cacheWriterEndpoint, readerScaling } from "../../stacks/data";
import type { PeerStack, RegionContext } from "../../stacks/context";

const endpoint = (region: string) => `master.prod-${region}-cache.abc.${region}.cache.amazonaws.com`;
/** An earlier stack as the context holds it (only what the functions read). */
const peer = (region: string, role: "primary" | "secondary", cache: Record<string, string>): PeerStack =>
  ({
    config: { stack: region, region, cidr: "10.0.0.0/16", role },
    network: { region },
    data: { cache },
  }) as unknown as PeerStack;
const ctx = (region: string, writerRegion: string, peers: PeerStack[] = []) =>
  ({
    region,
    peers,
    cfg: {
      failover: { writerRegion },
      data: { aurora: { readerAutoscaling: { min: 1, max: 4, cpuTarget: 60 } } },
    },
  }) as unknown as RegionContext;
const own = { primaryEndpoint: endpoint("own") } as never;

describe("the cache writer endpoint follows the writer region", () => {
  const use1 = peer("us-east-1", "primary", {
    writerEndpoint: endpoint("us-east-1"),
    memberEndpoint: endpoint("us-east-1"),
  });
  const euw1 = peer("eu-west-1", "secondary", { memberEndpoint: endpoint("eu-west-1") });

  test("the writer region's stack exports its own member", () => {
    expect(cacheWriterEndpoint(ctx("eu-west-1", "eu-west-1", [use1]), own)).toBe(endpoint("own"));
  });

  test("a later stack exports the earlier writer region's member, from its data output", () => {
    expect(cacheWriterEndpoint(ctx("ap-south-1", "eu-west-1", [use1, euw1]), own)).toBe(
      endpoint("eu-west-1"),
    );
    expect(cacheWriterEndpoint(ctx("eu-west-1", "us-east-1", [use1]), own)).toBe(endpoint("us-east-1"));
  });

  test("a primary applied by an older program: its writerEndpoint was its own member's", () => {
    const old = peer("us-east-1", "primary", { writerEndpoint: endpoint("us-east-1") });
    expect(cacheWriterEndpoint(ctx("eu-west-1", "us-east-1", [old]), own)).toBe(endpoint("us-east-1"));
    // An older secondary's writerEndpoint named the primary's member, not its own: not used.
    const oldSecondary = peer("eu-west-1", "secondary", { writerEndpoint: endpoint("us-east-1") });
    expect(cacheWriterEndpoint(ctx("ap-south-1", "eu-west-1", [old, oldSecondary]), own)).toBeUndefined();
  });

  test("an earlier stack cannot read a later writer region's stack: no writer endpoint", () => {
    expect(cacheWriterEndpoint(ctx("us-east-1", "eu-west-1"), own)).toBeUndefined();
  });
});

describe("reader Auto Scaling only in the writer region", () => {
  test("the writer region's stack scales its readers and declares the writer region", () => {
    expect(readerScaling(ctx("eu-west-1", "eu-west-1"))).toEqual({
      min: 1,
      max: 4,
      cpuTarget: 60,
      writerRegion: "eu-west-1",
    });
  });

  test("every other stack, the primary included, has none", () => {
    expect(readerScaling(ctx("us-east-1", "eu-west-1"))).toBeUndefined();
    expect(readerScaling(ctx("ap-south-1", "eu-west-1"))).toBeUndefined();
  });
});

describe("posture sets the cache member's replicas", () => {
  test("active runs the configured replicas; a standby runs one, never none", () => {
    expect(cacheReplicas(3, "active")).toBe(3);
    expect(cacheReplicas(3, "warm-standby")).toBe(1);
    expect(cacheReplicas(3, "pilot-light")).toBe(1);
    expect(cacheReplicas(1, "pilot-light")).toBe(1);
  });
});
