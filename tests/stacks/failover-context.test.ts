import { checkFailover } from "../../stacks/context";

const cfg = (writerRegion: string, order?: string[]) => ({
  failover: {
    writerRegion,
    drill: "none" as const,
    allowDataLoss: false,
    maxReplicationLagSeconds: 30,
    switchoverTimeoutSeconds: 1800,
    switchoverEstimateSeconds: 300,
    ...(order ? { order } : {}),
  },
  data: { aurora: { readerAutoscaling: { min: 1, max: 4, cpuTarget: 60 } } },
});

describe("pulumi up checks an earlier stack's failover output", () => {
  test("the same writer region and order pass; a stack without the output passes", () => {
    expect(() =>
      checkFailover(cfg("us-east-1", ["us-east-1", "eu-west-1"]), "us-east-1", {
        writerRegion: "us-east-1",
        drill: "none",
        order: ["us-east-1", "eu-west-1"],
      }),
    ).not.toThrow();
    expect(() => checkFailover(cfg("us-east-1"), "us-east-1", undefined)).not.toThrow();
  });

  test("a different writer region is refused with the exact message", () => {
    expect(() =>
      checkFailover(cfg("us-east-1"), "us-east-1", { writerRegion: "eu-west-1", drill: "none", order: [] }),
    ).toThrow(
      'platform:failover.writerRegion = "us-east-1" but stack "us-east-1" was applied with "eu-west-1": expected the same writer region in every stack file (apply the stacks in order after changing it in each)',
    );
  });

  test("during an unplanned failover (allowDataLoss) a stale earlier stack is a warning, not a refusal", () => {
    const warnings: string[] = [];
    const outage = { ...cfg("eu-west-1"), failover: { ...cfg("eu-west-1").failover, allowDataLoss: true } };
    expect(() =>
      checkFailover(outage, "us-east-1", { writerRegion: "us-east-1", drill: "none", order: [] }, (m) =>
        warnings.push(m),
      ),
    ).not.toThrow();
    expect(warnings).toEqual([
      'platform:failover.writerRegion = "eu-west-1" but stack "us-east-1" was applied with "us-east-1": expected the same writer region in every stack file (apply the stacks in order after changing it in each); accepted because platform:failover.allowDataLoss is true (an unplanned failover)',
    ]);
  });

  test("a different failover order is refused with the exact message", () => {
    expect(() =>
      checkFailover(cfg("us-east-1", ["us-east-1", "eu-west-1"]), "us-east-1", {
        writerRegion: "us-east-1",
        drill: "none",
        order: ["eu-west-1", "us-east-1"],
      }),
    ).toThrow(
      'platform:failover.order = ["us-east-1","eu-west-1"] but stack "us-east-1" was applied with ["eu-west-1","us-east-1"]: expected the same failover order in every stack file',
    );
  });

  test("the same reader Auto Scaling passes; a different one is refused with the exact message; an older output without it passes", () => {
    const applied = (readerAutoscaling?: object) => ({
      writerRegion: "us-east-1",
      drill: "none",
      order: [],
      ...(readerAutoscaling ? { readerAutoscaling } : {}),
    });
    expect(() =>
      checkFailover(cfg("us-east-1"), "us-east-1", applied({ min: 1, max: 4, cpuTarget: 60 })),
    ).not.toThrow();
    expect(() => checkFailover(cfg("us-east-1"), "us-east-1", applied())).not.toThrow();
    expect(() =>
      checkFailover(cfg("us-east-1"), "us-east-1", applied({ min: 1, max: 8, cpuTarget: 60 })),
    ).toThrow(
      'platform:data.aurora.readerAutoscaling resolves to {"min":1,"max":4,"cpuTarget":60} but stack "us-east-1" was applied with {"min":1,"max":8,"cpuTarget":60}: expected the same reader Auto Scaling in every stack file (it follows the writer region)',
    );
  });
});
