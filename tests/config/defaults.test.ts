import { validateStackConfig } from "../../src/config";
import {
  AURORA_DEFAULTS,
  CACHE_DEFAULTS,
  CDN_DEFAULTS,
  DEFAULT_POSTURE,
  DEFAULT_PROTECT,
  EDGE_DEFAULTS,
  HEALTH_CHECK_DEFAULTS,
  NETWORK_DEFAULTS,
  PREDICTIVE_SCALING_DEFAULTS,
  READER_AUTOSCALING_DEFAULTS,
  SCHEDULED_ACTION_DEFAULTS,
  STEP_SCALING_DEFAULTS,
  TIER_DEFAULTS,
  WARM_POOL_DEFAULTS,
} from "../../src/config/defaults";
import { withOverrides } from "../helpers/config";

/** A stack file with every optional key and field left out, so that every default applies. */
const minimal = (stack: "us-east-1" | "eu-west-1", extra: Record<string, unknown> = {}) =>
  validateStackConfig(
    withOverrides(stack, {
      "platform:protect": undefined,
      "platform:posture": undefined,
      "platform:tiers": undefined,
      "platform:network": {
        cidr: stack === "us-east-1" ? "10.10.0.0/16" : "10.20.0.0/16",
        availabilityZones: [`${stack}a`, `${stack}b`],
      },
      "platform:data": {
        aurora: { engineVersion: "16.4", instanceClass: "db.r7g.large" },
        cache: { engineVersion: "8.0", nodeType: "cache.r7g.large" },
      },
      "platform:edge": {
        healthCheckPrefixListId: "pl-0a1b2c3d4e5f60718",
        ...(stack === "us-east-1" ? { cdn: { secondaryOriginRegion: "eu-west-1" } } : {}),
      },
      ...extra,
    }),
  );

describe("default constants: the values the schema applies", () => {
  test("stack, network and posture", () => {
    const p = minimal("us-east-1");
    expect(p.protect).toBe(DEFAULT_PROTECT);
    expect(p.network).toMatchObject(NETWORK_DEFAULTS);
    expect(p.posture).toBe(DEFAULT_POSTURE.primary);
    expect(minimal("eu-west-1").posture).toBe(DEFAULT_POSTURE.secondary);
  });

  test.each(["web", "app"] as const)("the %s tier", (name) => {
    const tier = minimal("us-east-1").tiers[name];
    const { cpuTarget, requestsPerTarget, ...fields } = TIER_DEFAULTS[name];
    expect(tier).toMatchObject(fields);
    expect(tier.scaling).toMatchObject({ cpuTarget, requestsPerTarget, scheduled: [] });
    expect(tier.scaling.step).toEqual(STEP_SCALING_DEFAULTS);
    expect(tier.scaling.predictive).toEqual(PREDICTIVE_SCALING_DEFAULTS);
    expect([tier.warmPool, tier.desiredCapacity, tier.userDataFile]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  test("a warm pool and a scheduled action given with no optional field", () => {
    const cfg = minimal("us-east-1", {
      "platform:tiers": {
        web: {
          instanceTypes: ["m7i.large"],
          spotPercentage: 0,
          warmPool: {},
          scaling: { scheduled: [{ name: "peak", recurrence: "0 8 * * *", minSize: 4 }] },
        },
      },
    });
    expect(cfg.tiers.web.warmPool).toEqual(WARM_POOL_DEFAULTS);
    expect(cfg.tiers.web.scaling.scheduled[0].timeZone).toBe(SCHEDULED_ACTION_DEFAULTS.timeZone);
  });

  test("data tier", () => {
    const { aurora, cache } = minimal("us-east-1").data;
    expect(aurora).toMatchObject(AURORA_DEFAULTS);
    expect(aurora.readerAutoscaling).toEqual(READER_AUTOSCALING_DEFAULTS);
    expect(cache).toMatchObject(CACHE_DEFAULTS);
  });

  test("edge", () => {
    const primary = minimal("us-east-1", {
      "platform:edge": {
        healthCheckPrefixListId: "pl-0a1b2c3d4e5f60718",
        regionalWaf: {},
        cdn: { secondaryOriginRegion: "eu-west-1" },
      },
    }).edge;
    expect(primary.failover).toBe(EDGE_DEFAULTS.failover);
    expect(primary.healthCheck).toEqual(HEALTH_CHECK_DEFAULTS);
    expect(primary.regionalWaf).toEqual({});
    expect(primary.cdn).toEqual({ secondaryOriginRegion: "eu-west-1", ...CDN_DEFAULTS });
  });

  test("the constants are frozen, and the config does not share their arrays", () => {
    expect(Object.isFrozen(TIER_DEFAULTS.web.instanceTypes)).toBe(true);
    expect(Object.isFrozen(CDN_DEFAULTS.failoverStatusCodes)).toBe(true);
    const a = minimal("us-east-1");
    expect(a.network.interfaceEndpoints).not.toBe(NETWORK_DEFAULTS.interfaceEndpoints);
    expect(a.tiers.web.instanceTypes).not.toBe(TIER_DEFAULTS.web.instanceTypes);
  });
});
