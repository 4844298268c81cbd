import { validateStackConfig } from "../../src/config";
import { instanceFamily } from "../../src/config/tiers";
import { problemsOf as problemsIn, stackValues, withOverrides } from "../helpers/config";

const problemsOf = (overrides: Record<string, unknown>, stack = "us-east-1") => problemsIn(stack, overrides);

const tiers = (stack: string) =>
  stackValues(stack)["platform:tiers"] as Record<string, Record<string, unknown>>;
const withWeb = (web: Record<string, unknown>, stack = "us-east-1") => ({
  "platform:tiers": { ...tiers(stack), web: { ...tiers(stack).web, ...web } },
});

describe("tier config", () => {
  test("the stack files give web 2-10 and app 2-15 with the default scaling settings", () => {
    const cfg = validateStackConfig(withOverrides("us-east-1", {}));
    expect([
      cfg.tiers.web.minSize,
      cfg.tiers.web.maxSize,
      cfg.tiers.app.minSize,
      cfg.tiers.app.maxSize,
    ]).toEqual([2, 10, 2, 15]);
    expect(cfg.tiers.web.scaling.step).toEqual({ enabled: true, scaleOutAt: 80, scaleOutFastAt: 90 });
    expect(cfg.tiers.web.scaling.cpuTarget).toBe(70);
    expect(cfg.tiers.web.scaling.predictive).toEqual({ enabled: true, mode: "ForecastOnly" });
    expect(cfg.tiers.app.scaling.cpuTarget).toBe(70);
    expect(cfg.posture).toBe("active");
    expect(validateStackConfig(withOverrides("eu-west-1", {})).posture).toBe("warm-standby");
  });

  test("an empty tiers key takes every default", () => {
    const cfg = validateStackConfig(withOverrides("us-east-1", { "platform:tiers": undefined }));
    expect(cfg.tiers.web.instanceTypes).toEqual(["m7i.large", "m6i.large", "m5.large"]);
    expect(cfg.tiers.app.maxSize).toBe(15);
    expect(cfg.tiers.web.healthCheckPath).toBe("/health");
    expect(cfg.tiers.web.amiParameter).toBe(
      "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    );
  });

  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      "warm pool with Spot and several instance types",
      withWeb({ warmPool: { minSize: 1 } }),
      [
        'platform:tiers.web.warmPool = {"minSize":1} is not allowed with platform:tiers.web.spotPercentage = 50 and 3 instance types: AWS rejects warm pools on groups with Spot or a mixed instances policy; expected spotPercentage 0 and one instance type, or no warmPool',
      ],
    ],
    [
      "max below min",
      withWeb({ minSize: 4, maxSize: 3 }),
      ["platform:tiers.web.maxSize = 3 is below platform:tiers.web.minSize = 4: expected maxSize >= minSize"],
    ],
    [
      "unknown instance type family",
      withWeb({ instanceTypes: ["m7i.large", "q9.large"] }),
      [
        'platform:tiers.web.instanceTypes[1] = "q9.large" is not a known instance type: expected "<family>.<size>" with a family among t3, t3a, m5, m5a, m5n, m6i, m6a, m7i, m7a, c5, c5a, c6i, c6a, c7i, c7a, r5, r5a, r6i, r6a, r7i, r7a, t4g, m6g, m7g, m8g, c6g, c7g, c8g, r6g, r7g, r8g',
      ],
    ],
    [
      "CPU target above 100",
      withWeb({ scaling: { cpuTarget: 120 } }),
      [
        "platform:tiers.web.scaling.cpuTarget = 120 is out of range: expected a CPU utilisation target in percent from 1 to 100",
      ],
    ],
    [
      "CPU target below 1",
      withWeb({ scaling: { cpuTarget: 0 } }),
      [
        "platform:tiers.web.scaling.cpuTarget = 0 is out of range: expected a CPU utilisation target in percent from 1 to 100",
      ],
    ],
    [
      "Graviton types with an x86 AMI",
      withWeb({ instanceTypes: ["m7g.large"] }),
      [
        'platform:tiers.web.instanceTypes = ["m7g.large"] mixes architectures with platform:tiers.web.amiParameter = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64": expected only x86_64 types for that AMI (m7g.large are not)',
      ],
    ],
    [
      "step thresholds out of order",
      withWeb({ scaling: { step: { scaleOutAt: 95 } } }),
      [
        "platform:tiers.web.scaling.step = {scaleOutAt: 95, scaleOutFastAt: 90} is out of order: expected scaleOutAt < scaleOutFastAt",
      ],
    ],
    [
      "step scaling at the CPU target (the old default: out at 60 with a target of 70, or a target raised to 80)",
      withWeb({ scaling: { cpuTarget: 80 } }),
      [
        "platform:tiers.web.scaling.step.scaleOutAt = 80 is at or below platform:tiers.web.scaling.cpuTarget = 80: step scaling below the target-tracking target fights it (step adds instances that target tracking then removes); expected scaleOutAt above cpuTarget, or step.enabled: false",
      ],
    ],
    [
      "step scaling below the CPU target",
      withWeb({ scaling: { cpuTarget: 70, step: { scaleOutAt: 60, scaleOutFastAt: 80 } } }),
      [
        "platform:tiers.web.scaling.step.scaleOutAt = 60 is at or below platform:tiers.web.scaling.cpuTarget = 70: step scaling below the target-tracking target fights it (step adds instances that target tracking then removes); expected scaleOutAt above cpuTarget, or step.enabled: false",
      ],
    ],
    [
      "step scale-in is gone: target tracking scales in",
      withWeb({ scaling: { step: { scaleInAt: 30 } } }),
      [
        "platform:tiers.web.scaling.step.scaleInAt = 30 is not a known key: expected only enabled, scaleOutAt, scaleOutFastAt",
      ],
    ],
    [
      "scheduled action with neither recurrence nor start time",
      withWeb({ scaling: { scheduled: [{ name: "peak", minSize: 4 }] } }),
      [
        'platform:tiers.web.scaling.scheduled[0] = {"name":"peak","minSize":4} needs exactly one of recurrence (repeating) or startTime (one-off): expected one',
      ],
    ],
    [
      "desired capacity outside the bounds",
      withWeb({ desiredCapacity: 11 }),
      [
        "platform:tiers.web.desiredCapacity = 11 is outside 2..10: expected minSize <= desiredCapacity <= maxSize",
      ],
    ],
    [
      "a pilot-light primary",
      { "platform:posture": "pilot-light" },
      [
        'platform:posture = "pilot-light" is not allowed on the primary stack: expected "active" (warm-standby and pilot-light are for secondary regions)',
      ],
    ],
    [
      "unknown predictive mode",
      withWeb({ scaling: { predictive: { mode: "Always" } } }),
      [
        'platform:tiers.web.scaling.predictive.mode = "Always" is not a predictive scaling mode: expected one of "ForecastOnly", "ForecastAndScale"',
      ],
    ],
  ];
  test.each(cases)("%s", (_label, overrides, expected) => {
    expect(problemsOf(overrides)).toEqual(expected);
  });

  test("a warm pool is accepted on a tier with one instance type and no Spot", () => {
    const cfg = validateStackConfig(
      withOverrides(
        "us-east-1",
        withWeb({ instanceTypes: ["m7i.large"], spotPercentage: 0, warmPool: { minSize: 1 } }),
      ),
    );
    expect(cfg.tiers.web.warmPool).toEqual({ minSize: 1, state: "Stopped" });
  });

  test("instance families", () => {
    expect(instanceFamily("m7i.large")).toBe("m7i");
    expect(instanceFamily("c7g.16xlarge")).toBe("c7g");
    expect(instanceFamily("m7i.huge")).toBeUndefined();
    expect(instanceFamily("m7i")).toBeUndefined();
  });
});
