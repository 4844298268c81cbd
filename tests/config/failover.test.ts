import { validateStackConfig } from "../../src/config";
import { estimate, formatEstimate } from "../../src/failover/model";
import { failoverLines } from "../../src/plan/summary";
import { problemsOf, withOverrides } from "../helpers/config";

describe("platform:failover", () => {
  test("left out: the writer is the primary's region, no drill, no data loss", () => {
    for (const stack of ["us-east-1", "eu-west-1"]) {
      const cfg = validateStackConfig(withOverrides(stack, { "platform:failover": undefined }));
      expect(cfg.failover).toEqual({
        writerRegion: "us-east-1",
        drill: "none",
        allowDataLoss: false,
        maxReplicationLagSeconds: 30,
        switchoverTimeoutSeconds: 1800,
        switchoverEstimateSeconds: 300,
      });
    }
  });

  test("a given writer region and order are kept", () => {
    const cfg = validateStackConfig(
      withOverrides("eu-west-1", {
        "platform:failover": { writerRegion: "eu-west-1", order: ["eu-west-1", "us-east-1"] },
      }),
    );
    expect(cfg.failover.writerRegion).toBe("eu-west-1");
    expect(cfg.failover.order).toEqual(["eu-west-1", "us-east-1"]);
  });

  test.each<[string, object, string[]]>([
    [
      "an unknown drill",
      { drill: "az" },
      ['platform:failover.drill = "az" is not a drill: expected one of "none", "dns", "region"'],
    ],
    [
      "an unknown writer region",
      { writerRegion: "mars-1" },
      [
        expect.stringMatching(
          /^platform:failover\.writerRegion = "mars-1" is not a known AWS region: expected one of /,
        ),
      ],
    ],
    [
      "a region drill that leaves the writer at home",
      { drill: "region" },
      [
        'platform:failover.drill = "region" but platform:failover.writerRegion = "us-east-1" is this stack\'s own region (its default: the primary stack\'s region): expected writerRegion set to the region that takes over (the next of platform:failover.order), in every stack file',
      ],
    ],
    [
      "an order without this stack's region",
      { order: ["eu-west-1", "ap-south-1"] },
      [
        'platform:failover.order = ["eu-west-1","ap-south-1"] does not list this stack\'s region "us-east-1": expected every region of the platform, each once, in the same order in every stack file',
      ],
    ],
    [
      "an RTO target the DNS failover cannot meet",
      { rtoTargetSeconds: 60 },
      [
        "platform:failover.rtoTargetSeconds = 60 cannot be met: the DNS failover takes 90 s (10 s x 3 checks, then the 60 s alias TTL): expected a target of at least 90, or a shorter platform:edge.healthCheck (intervalSeconds 10, a lower failureThreshold)",
      ],
    ],
  ])("%s", (_label, failover, expected) => {
    expect(problemsOf("us-east-1", { "platform:failover": failover })).toEqual(expected);
  });

  test("an RTO target the model meets is accepted", () => {
    expect(() =>
      validateStackConfig(withOverrides("us-east-1", { "platform:failover": { rtoTargetSeconds: 90 } })),
    ).not.toThrow();
  });
});

describe("the RTO/RPO model", () => {
  const base = {
    intervalSeconds: 10,
    failureThreshold: 3,
    switchoverEstimateSeconds: 300,
    allowDataLoss: false,
    rpoAlarmSeconds: 45,
  };
  test("DNS failover: interval x threshold, then the 60 s alias TTL; no data moves", () => {
    const [dns] = estimate(base);
    expect(dns).toMatchObject({ scenario: "dns", detectionSeconds: 30, recoverySeconds: 90, rpoSeconds: 0 });
    expect(estimate({ ...base, intervalSeconds: 30, failureThreshold: 2 })[0].recoverySeconds).toBe(120);
  });
  test("a planned switchover has RPO 0; a failover with data loss the unbounded lag at the failure, alarmed above observability.rpoSeconds", () => {
    expect(estimate(base)[1]).toMatchObject({ recoverySeconds: 300, rpoSeconds: 0 });
    const [, switchover, region] = estimate({ ...base, allowDataLoss: true });
    expect(switchover.rpoSeconds).toBeUndefined();
    expect(switchover.rpoAlarmSeconds).toBe(45);
    expect(formatEstimate(region)).toBe(
      "region: detection 30 s, recovery 300 s, RPO the replication lag at the failure (unbounded; alarmed above 45 s) (DNS failover and the writer's move run at once: the slower of the two)",
    );
  });
  test("a region evacuation takes the slower of the DNS failover and the writer's move", () => {
    expect(estimate(base)[2].recoverySeconds).toBe(300);
    expect(estimate({ ...base, switchoverEstimateSeconds: 45 })[2].recoverySeconds).toBe(90);
  });
});

describe("the plan summary shows the failover model", () => {
  test("writer, drill and each scenario's detection, recovery and RPO", () => {
    const lines = failoverLines({
      formatVersion: 1,
      stack: "eu-west-1",
      project: "platform",
      region: "eu-west-1",
      config: {
        "platform:role": "secondary",
        "platform:peers": [
          { stack: "us-east-1", region: "us-east-1", cidr: "10.10.0.0/16", role: "primary" },
        ],
        "platform:failover": { drill: "dns", allowDataLoss: true, maxReplicationLagSeconds: 10 },
        "platform:observability": { rpoSeconds: 60 },
      },
      resources: [],
      outputs: {},
      policies: { packs: [], violations: [] },
    });
    expect(lines).toEqual([
      "  failover (docs/failover.md): writer expected in us-east-1, drill dns; model:",
      "    dns: detection 30 s, recovery 90 s, RPO 0 (10 s x 3 checks, then the 60 s alias TTL)",
      // The RPO of an unplanned failover is not maxReplicationLagSeconds (10): nothing bounds it,
      // and the Aurora RPO alarm (observability.rpoSeconds) says when it is exceeded.
      "    switchover: detection 0 s, recovery 300 s, RPO the replication lag at the failure (unbounded; alarmed above 60 s) (FailoverGlobalCluster with AllowDataLoss, estimated 300 s)",
      "    region: detection 30 s, recovery 300 s, RPO the replication lag at the failure (unbounded; alarmed above 60 s) (DNS failover and the writer's move run at once: the slower of the two)",
    ]);
  });
});
