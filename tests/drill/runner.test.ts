import { drillChanges, reportMarkdown, reportNames, runDrill, type DrillDeps } from "../../src/drill/runner";
import type { DrillOptions, DrillStack, DrillWorkspace } from "../../src/drill/types";

const ORDER = ["us-east-1", "eu-west-1", "ap-south-1"];
const STACKS: DrillStack[] = [
  { stack: "us-east-1", region: "us-east-1", failover: { order: ORDER }, posture: "active" },
  { stack: "eu-west-1", region: "eu-west-1", failover: { order: ORDER }, posture: "warm-standby" },
  { stack: "ap-south-1", region: "ap-south-1", failover: { order: ORDER }, posture: "pilot-light" },
];

/** An in-memory workspace and world: traffic and writers move a fixed time after the last `up`. */
function fakes(
  o: {
    failUp?: string;
    trafficAfterS?: number;
    detectAfterS?: number;
    writerAfterS?: number;
    writerBackAfterS?: number;
  } = {},
) {
  let now = Date.parse("2026-11-23T06:00:00Z");
  const calls: string[] = [];
  const config = new Map<string, unknown>();
  let lastUp = Infinity;
  let reverted = false;
  let probed = false;
  const since = () => (now - lastUp) / 1000;
  const workspace: DrillWorkspace = {
    setConfig: async (stack, key, value) => {
      calls.push(`setConfig ${stack} ${key} ${JSON.stringify(value)}`);
      config.set(`${stack} ${key}`, value);
      // Config set after the target was probed is the revert (a region drill sets config twice before).
      if (probed) reverted = true;
    },
    preview: async (stack) => {
      calls.push(`preview ${stack}`);
      return 1;
    },
    up: async (stack) => {
      calls.push(`up ${stack}`);
      now += 20_000;
      if (stack === o.failUp) throw new Error(`update failed: ${stack}`);
      lastUp = now;
    },
    outputs: async (stack) => ({ edge: { healthCheckId: `hc-${stack}` } }),
  };
  // The writers move 120 s after an up, and back (after a revert) only after o.writerBackAfterS.
  const writer = () =>
    reverted
      ? since() >= (o.writerBackAfterS ?? 90)
        ? "us-east-1"
        : "eu-west-1"
      : since() >= (o.writerAfterS ?? 120)
        ? "eu-west-1"
        : "us-east-1";
  const deps = (extra: Partial<DrillDeps> = {}): DrillDeps => ({
    stacks: STACKS,
    order: ORDER,
    workspace,
    prober: {
      healthCheckHealthy: async () => since() < (o.detectAfterS ?? 30),
      servingRegion: async () =>
        (probed = true) && !reverted && since() >= (o.trafficAfterS ?? 90)
          ? "eu-west-1"
          : reverted && since() >= 60
            ? "us-east-1"
            : "us-east-1",
      auroraWriterRegion: async () => ((probed = true), writer()),
      cachePrimaryRegion: async () => writer(),
    },
    clock: {
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    },
    ...extra,
  });
  return { calls, deps, config };
}
const opts = (o: Partial<DrillOptions> = {}): DrillOptions => ({
  scenario: "dns",
  to: "eu-west-1",
  revert: false,
  dryRun: false,
  probeIntervalSeconds: 10,
  timeoutSeconds: 600,
  ...o,
});

describe("drillChanges", () => {
  test("dns: the regions before the target get drill: dns, nothing else", () => {
    expect(drillChanges(STACKS, ORDER, "dns", "eu-west-1")).toEqual([
      {
        stack: "us-east-1",
        key: "platform:failover",
        before: { order: ORDER },
        after: { order: ORDER, drill: "dns" },
      },
    ]);
  });
  test("switchover: writerRegion in every stack file", () => {
    expect(drillChanges(STACKS, ORDER, "switchover", "eu-west-1").map((c) => [c.stack, c.after])).toEqual(
      STACKS.map((s) => [s.stack, { order: ORDER, writerRegion: "eu-west-1" }]),
    );
  });
  test("region: drill, writer and the target's posture raised to active", () => {
    expect(drillChanges(STACKS, ORDER, "region", "eu-west-1").map((c) => [c.stack, c.key, c.after])).toEqual([
      ["us-east-1", "platform:failover", { order: ORDER, drill: "region", writerRegion: "eu-west-1" }],
      ["eu-west-1", "platform:failover", { order: ORDER, writerRegion: "eu-west-1" }],
      ["eu-west-1", "platform:posture", "active"],
      ["ap-south-1", "platform:failover", { order: ORDER, writerRegion: "eu-west-1" }],
    ]);
  });
  test("a target outside the order, or a DNS drill to the first region, is refused with what is allowed", () => {
    expect(() => drillChanges(STACKS, ORDER, "dns", "us-west-2")).toThrow(
      '--to us-west-2 is not in the failover order ["us-east-1","eu-west-1","ap-south-1"]: expected one of its regions',
    );
    expect(() => drillChanges(STACKS, ORDER, "dns", "us-east-1")).toThrow(
      '--to us-east-1 is the first region of the failover order ["us-east-1","eu-west-1","ap-south-1"]: a dns drill moves traffic to a later region; expected one of eu-west-1, ap-south-1',
    );
  });
});

describe("runDrill with the fake workspace", () => {
  test("a dry run shows the plan difference and stops before setting config or applying", async () => {
    const { calls, deps } = fakes();
    const r = await runDrill(opts({ dryRun: true }), deps({ planDiff: async () => "us-east-1: 1 changed" }));
    expect(calls).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.steps.map((s) => [s.name, s.detail])).toEqual([
      ["offline plan difference", "us-east-1: 1 changed"],
    ]);
  });

  test("stacks are applied in apply order, only those whose config changes", async () => {
    const { calls, deps } = fakes();
    await runDrill(opts({ scenario: "switchover" }), deps());
    expect(calls.filter((c) => c.startsWith("up "))).toEqual([
      "up us-east-1",
      "up eu-west-1",
      "up ap-south-1",
    ]);
    const dns = fakes();
    await runDrill(opts(), dns.deps());
    expect(dns.calls.filter((c) => c.startsWith("up "))).toEqual(["up us-east-1"]);
    expect(dns.calls[0]).toBe(
      'setConfig us-east-1 platform:failover {"order":["us-east-1","eu-west-1","ap-south-1"],"drill":"dns"}',
    );
  });

  test("the report: steps with their times, detection and recovery measured from the end of the apply", async () => {
    const { deps } = fakes({ detectAfterS: 30, trafficAfterS: 90 });
    const r = await runDrill(opts(), deps());
    expect(r.ok).toBe(true);
    expect(r.dataLossMode).toBe("not applicable");
    expect(r.detectionSeconds).toBe(30);
    expect(r.recoverySeconds).toBe(90);
    expect(r.steps.map((s) => [s.name, s.seconds, s.ok])).toEqual([
      ["set config", 0, true],
      ["pulumi up us-east-1", 20, true],
      ["probe until the target holds in eu-west-1", 90, true],
    ]);
    expect(r.startedAt).toBe("2026-11-23T06:00:00.000Z");
    expect(r.endedAt).toBe("2026-11-23T06:01:50.000Z");
    expect(reportNames(r)).toEqual({
      md: "2026-11-23T06-00-00-000Z-dns.md",
      json: "2026-11-23T06-00-00-000Z-dns.json",
    });
    const md = reportMarkdown(r);
    // A dns drill moves no writer: nothing is left behind.
    expect(md).not.toContain("Left behind");
    expect(md).toContain("- Detection: 30 s");
    expect(md).toContain("- Recovery: 90 s");
    expect(md).toContain(
      "| pulumi up us-east-1 | 2026-11-23T06:00:00.000Z | 2026-11-23T06:00:20.000Z | 20 | ok |",
    );
  });

  test("a switchover's report: planned data-loss mode, writer and cache primary awaited", async () => {
    const { deps } = fakes({ writerAfterS: 120 });
    const r = await runDrill(opts({ scenario: "switchover" }), deps());
    expect(r.dataLossMode).toBe("none (planned switchover, RPO 0)");
    expect(r.recoverySeconds).toBe(120);
  });

  test("revert restores every changed key, applies again and records what was reverted", async () => {
    const { calls, deps } = fakes();
    const r = await runDrill(opts({ revert: true }), deps());
    expect(r.ok).toBe(true);
    expect(calls.filter((c) => c.startsWith("setConfig"))).toEqual([
      'setConfig us-east-1 platform:failover {"order":["us-east-1","eu-west-1","ap-south-1"],"drill":"dns"}',
      'setConfig us-east-1 platform:failover {"order":["us-east-1","eu-west-1","ap-south-1"]}',
    ]);
    expect(r.reverted.map((c) => `${c.stack} ${c.key}`)).toEqual(["us-east-1 platform:failover"]);
    expect(r.steps.map((s) => s.name).slice(-3)).toEqual([
      "set config",
      "pulumi up us-east-1",
      "probe until the previous state holds",
    ]);
  });

  test("a switchover revert waits until both writers are back where the stack files had them", async () => {
    const { deps } = fakes({ writerBackAfterS: 150 });
    const r = await runDrill(opts({ scenario: "switchover", to: "eu-west-1", revert: true }), deps());
    expect(r.ok).toBe(true);
    // The revert deregisters eu-west-1's reader Auto Scaling; the replicas it added stay.
    expect(reportMarkdown(r)).toContain(
      "- Left behind: replicas Aurora Auto Scaling added to eu-west-1's Aurora cluster while it held the writer " +
        '(`application-autoscaling-*`) stay there (cost only): find and delete them as docs/failover.md "After a drill or a move back" says',
    );
    const last = r.steps[r.steps.length - 1];
    expect(last.name).toBe("probe until the previous state holds");
    expect(last.detail).toMatch(/^back after (\d+) s$/);
    expect(Number(/(\d+)/.exec(last.detail!)![1])).toBeGreaterThanOrEqual(150);
  });

  test("region: the target's posture is raised (its stack applied) before the writer moves into it", async () => {
    const { calls, deps } = fakes();
    const r = await runDrill(opts({ scenario: "region", revert: true }), deps());
    expect(r.ok).toBe(true);
    const forward = calls.slice(0, calls.indexOf("up ap-south-1") + 1);
    expect(forward).toEqual([
      'setConfig eu-west-1 platform:posture "active"',
      "up eu-west-1",
      'setConfig us-east-1 platform:failover {"order":["us-east-1","eu-west-1","ap-south-1"],"drill":"region","writerRegion":"eu-west-1"}',
      'setConfig eu-west-1 platform:failover {"order":["us-east-1","eu-west-1","ap-south-1"],"writerRegion":"eu-west-1"}',
      'setConfig ap-south-1 platform:failover {"order":["us-east-1","eu-west-1","ap-south-1"],"writerRegion":"eu-west-1"}',
      // The primary's WriterPlacement moves the writer into a region already at full capacity.
      "up us-east-1",
      "up eu-west-1",
      "up ap-south-1",
    ]);
    // The way back mirrors it: the writer and the traffic return first, then the posture is lowered.
    expect(calls.slice(forward.length)).toEqual([
      'setConfig us-east-1 platform:failover {"order":["us-east-1","eu-west-1","ap-south-1"]}',
      'setConfig eu-west-1 platform:failover {"order":["us-east-1","eu-west-1","ap-south-1"]}',
      'setConfig ap-south-1 platform:failover {"order":["us-east-1","eu-west-1","ap-south-1"]}',
      "up us-east-1",
      "up eu-west-1",
      "up ap-south-1",
      'setConfig eu-west-1 platform:posture "warm-standby"',
      "up eu-west-1",
    ]);
  });

  test("a failing step stops the drill and is reported", async () => {
    const { calls, deps } = fakes({ failUp: "us-east-1" });
    const r = await runDrill(opts({ scenario: "region" }), deps());
    expect(r.ok).toBe(false);
    expect(r.error).toBe("update failed: us-east-1");
    expect(calls.filter((c) => c.startsWith("up "))).toEqual(["up eu-west-1", "up us-east-1"]);
    expect(r.steps.at(-1)).toMatchObject({
      name: "pulumi up us-east-1",
      ok: false,
      detail: "update failed: us-east-1",
    });
    expect(reportMarkdown(r)).toContain("- Result: FAILED: update failed: us-east-1");
  });

  test("a target that never holds times out and is reported", async () => {
    const { deps } = fakes({ trafficAfterS: 10_000 });
    const r = await runDrill(opts({ timeoutSeconds: 60 }), deps());
    expect(r.ok).toBe(false);
    expect(r.error).toBe("timed out after 60 s waiting for traffic served from eu-west-1");
  });
});
