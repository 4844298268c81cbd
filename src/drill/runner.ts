/**
 * The drill runner: sets the stack configs of a scenario, shows the offline plan difference,
 * applies the stacks in apply order, probes until the target state holds (or a timeout), reverts
 * when asked, and returns a timed report (docs/failover.md, "Drill runner").
 */
import type { Scenario } from "../failover/model";
import type {
  ConfigChange,
  DrillClock,
  DrillOptions,
  DrillProber,
  DrillReport,
  DrillStack,
  DrillStep,
  DrillWorkspace,
} from "./types";

export const FAILOVER_KEY = "platform:failover";
export const POSTURE_KEY = "platform:posture";

/** A drill that cannot start: bad arguments for this set of stacks. */
export class DrillError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DrillError";
  }
}

/**
 * The config changes of a scenario, stack by stack in apply order:
 * - `dns --to R`: every region before R in the failover order gets `drill: dns`;
 * - `switchover --to R`: every stack file gets `writerRegion: R`;
 * - `region --to R`: both, with `drill: region`, and R's posture becomes `active` (applied first:
 *   see `phases` in {@link runDrill}).
 */
export function drillChanges(
  stacks: readonly DrillStack[],
  order: readonly string[],
  scenario: Scenario,
  to: string,
): ConfigChange[] {
  const at = order.indexOf(to);
  if (at < 0) {
    throw new DrillError(
      `--to ${to} is not in the failover order ${JSON.stringify(order)}: expected one of its regions`,
    );
  }
  if (scenario !== "switchover" && at === 0) {
    throw new DrillError(
      `--to ${to} is the first region of the failover order ${JSON.stringify(order)}: a ${scenario} drill moves traffic to a later region; expected one of ${order.slice(1).join(", ")}`,
    );
  }
  const before = new Set(order.slice(0, at));
  const changes: ConfigChange[] = [];
  for (const s of stacks) {
    const after: Record<string, unknown> = { ...s.failover };
    if (scenario !== "switchover" && before.has(s.region)) after.drill = scenario;
    if (scenario !== "dns") after.writerRegion = to;
    if (JSON.stringify(after) !== JSON.stringify(s.failover)) {
      changes.push({ stack: s.stack, key: FAILOVER_KEY, before: s.failover, after });
    }
    if (scenario === "region" && s.region === to && s.posture !== "active") {
      changes.push({ stack: s.stack, key: POSTURE_KEY, before: s.posture, after: "active" });
    }
  }
  return changes;
}

export interface DrillDeps {
  readonly stacks: readonly DrillStack[];
  readonly order: readonly string[];
  readonly workspace: DrillWorkspace;
  readonly prober: DrillProber;
  readonly clock: DrillClock;
  /** The offline plan difference of the changes, as text. @default none shown */
  readonly planDiff?: (changes: readonly ConfigChange[]) => Promise<string>;
  /** Progress lines. @default none */
  readonly log?: (line: string) => void;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Runs a drill and returns its report (writing it is {@link writeReport}'s job). */
export async function runDrill(opts: DrillOptions, deps: DrillDeps): Promise<DrillReport> {
  const { clock, workspace, prober } = deps;
  const log = deps.log ?? (() => undefined);
  const start = clock.now();
  const steps: DrillStep[] = [];
  const reverted: ConfigChange[] = [];
  const changes = drillChanges(deps.stacks, deps.order, opts.scenario, opts.to);
  const allowDataLoss = changes.some(
    (c) => c.key === FAILOVER_KEY && (c.after as Record<string, unknown>).allowDataLoss === true,
  );
  let detectionSeconds: number | undefined;
  let recoverySeconds: number | undefined;

  const step = async (name: string, fn: () => Promise<string | void>): Promise<void> => {
    const t0 = clock.now();
    log(`[${((t0 - start) / 1000).toFixed(0)} s] ${name} ...`);
    try {
      const detail = await fn();
      const t1 = clock.now();
      steps.push({
        name,
        startedAt: iso(t0),
        endedAt: iso(t1),
        seconds: (t1 - t0) / 1000,
        ok: true,
        ...(detail ? { detail } : {}),
      });
    } catch (e) {
      const t1 = clock.now();
      const detail = e instanceof Error ? e.message : String(e);
      steps.push({
        name,
        startedAt: iso(t0),
        endedAt: iso(t1),
        seconds: (t1 - t0) / 1000,
        ok: false,
        detail,
      });
      throw e;
    }
  };
  const report = (ok: boolean, error?: string): DrillReport => ({
    scenario: opts.scenario,
    to: opts.to,
    dryRun: opts.dryRun,
    startedAt: iso(start),
    endedAt: iso(clock.now()),
    ok,
    dataLossMode:
      opts.scenario === "dns"
        ? "not applicable"
        : allowDataLoss
          ? "allowed (FailoverGlobalCluster with AllowDataLoss)"
          : "none (planned switchover, RPO 0)",
    changes,
    steps,
    ...(detectionSeconds !== undefined ? { detectionSeconds } : {}),
    ...(recoverySeconds !== undefined ? { recoverySeconds } : {}),
    reverted,
    ...(error ? { error } : {}),
  });

  const changedStacks = (cs: readonly ConfigChange[]) =>
    deps.stacks.filter((s) => cs.some((c) => c.stack === s.stack)).map((s) => s.stack);
  const apply = async (cs: readonly ConfigChange[], value: (c: ConfigChange) => unknown) => {
    await step("set config", async () => {
      for (const c of cs) await workspace.setConfig(c.stack, c.key, value(c));
      return cs.map((c) => `${c.stack}: ${c.key} = ${JSON.stringify(value(c))}`).join("; ");
    });
    for (const stack of changedStacks(cs)) await step(`pulumi up ${stack}`, () => workspace.up(stack));
  };
  /**
   * The changes in the order they are applied. A region drill raises the target's posture first
   * (its stack applied on its own), then moves the writer and the traffic: the new writer's region
   * is at full capacity (tier floors, Aurora readers, cache replicas, Karpenter limits) before the
   * primary's WriterPlacement switches over to it. The way back mirrors it: the writer and the
   * traffic return first, then the posture is lowered.
   */
  const phases = (cs: readonly ConfigChange[], back = false): ConfigChange[][] => {
    if (opts.scenario !== "region") return [[...cs]];
    const ordered = [cs.filter((c) => c.key === POSTURE_KEY), cs.filter((c) => c.key !== POSTURE_KEY)];
    return (back ? ordered.reverse() : ordered).filter((p) => p.length > 0);
  };
  const drilledRegions = new Set(
    changes
      .filter((c) => c.key === FAILOVER_KEY && (c.after as Record<string, unknown>).drill !== undefined)
      .filter(
        (c) => (c.after as Record<string, unknown>).drill !== (c.before as Record<string, unknown>).drill,
      )
      .map((c) => c.stack),
  );

  /** Probes until `holds` or the timeout; returns the seconds it took. */
  const waitFor = async (what: string, holds: () => Promise<boolean>, onTick?: () => Promise<void>) => {
    const t0 = clock.now();
    const timeout = (opts.timeoutSeconds ?? 900) * 1000;
    for (;;) {
      await onTick?.();
      if (await holds()) return (clock.now() - t0) / 1000;
      if (clock.now() - t0 >= timeout) {
        throw new Error(`timed out after ${opts.timeoutSeconds ?? 900} s waiting for ${what}`);
      }
      log(`  waiting for ${what} (${((clock.now() - start) / 1000).toFixed(0)} s elapsed)`);
      await clock.sleep((opts.probeIntervalSeconds ?? 5) * 1000);
    }
  };

  try {
    if (deps.planDiff) {
      const diff = await deps.planDiff(changes);
      await step("offline plan difference", () => Promise.resolve(diff));
      log(diff);
    }
    if (opts.dryRun) return report(true);

    for (const phase of phases(changes)) await apply(phase, (c) => c.after);

    const checkIds = new Map<string, string>();
    for (const stack of drilledRegions) {
      const edge = (await workspace.outputs(stack)).edge as { healthCheckId?: string } | undefined;
      if (edge?.healthCheckId) checkIds.set(stack, edge.healthCheckId);
    }
    const targetHolds = async () => {
      const traffic = opts.scenario === "switchover" || (await prober.servingRegion()) === opts.to;
      const writer =
        opts.scenario === "dns" ||
        ((await prober.auroraWriterRegion()) === opts.to && (await prober.cachePrimaryRegion()) === opts.to);
      return traffic && writer;
    };
    const applied = clock.now();
    await step(`probe until the target holds in ${opts.to}`, async () => {
      const detect = async () => {
        if (detectionSeconds !== undefined || checkIds.size === 0) return;
        const healthy = await Promise.all([...checkIds.values()].map((id) => prober.healthCheckHealthy(id)));
        if (healthy.every((h) => !h)) detectionSeconds = (clock.now() - applied) / 1000;
      };
      await waitFor(describeTarget(opts.scenario, opts.to), targetHolds, detect);
      recoverySeconds = (clock.now() - applied) / 1000;
      return `detection ${detectionSeconds ?? "n/a"} s, recovery ${recoverySeconds} s`;
    });

    if (opts.revert) {
      for (const phase of phases(changes, true)) await apply(phase, (c) => c.before);
      reverted.push(...changes);
      const home = deps.order[0];
      // Where the writers were before the drill: the writer region the stack files named.
      const previousWriter =
        changes
          .filter((c) => c.key === FAILOVER_KEY)
          .map((c) => (c.before as { writerRegion?: unknown } | undefined)?.writerRegion)
          .find((w): w is string => typeof w === "string") ?? home;
      const backHolds = async () => {
        const traffic = opts.scenario === "switchover" || (await prober.servingRegion()) === home;
        const writer =
          opts.scenario === "dns" ||
          ((await prober.auroraWriterRegion()) === previousWriter &&
            (await prober.cachePrimaryRegion()) === previousWriter);
        return traffic && writer;
      };
      const back =
        opts.scenario === "dns"
          ? `traffic back in ${home}`
          : opts.scenario === "switchover"
            ? `writers back in ${previousWriter}`
            : `traffic back in ${home}, writers back in ${previousWriter}`;
      await step(`probe until the previous state holds`, async () => {
        const seconds = await waitFor(back, backHolds);
        return `back after ${seconds} s`;
      });
    }
    return report(true);
  } catch (e) {
    return report(false, e instanceof Error ? e.message : String(e));
  }
}

function describeTarget(scenario: Scenario, to: string): string {
  if (scenario === "dns") return `traffic served from ${to}`;
  if (scenario === "switchover") return `the Aurora writer and the cache primary in ${to}`;
  return `traffic, the Aurora writer and the cache primary in ${to}`;
}

/** The report as Markdown (drills/<timestamp>-<scenario>.md). */
export function reportMarkdown(r: DrillReport): string {
  const lines = [
    `# Drill: ${r.scenario} to ${r.to}${r.dryRun ? " (dry run)" : ""}`,
    "",
    `- Result: ${r.ok ? "target reached" : `FAILED: ${r.error ?? "unknown"}`}`,
    `- Started ${r.startedAt}, ended ${r.endedAt}`,
    `- Data-loss mode: ${r.dataLossMode}`,
    `- Detection: ${r.detectionSeconds !== undefined ? `${r.detectionSeconds} s` : "not measured"}`,
    `- Recovery: ${r.recoverySeconds !== undefined ? `${r.recoverySeconds} s` : "not measured"}`,
    `- Reverted: ${r.reverted.length > 0 ? r.reverted.map((c) => `${c.stack} ${c.key}`).join(", ") : "nothing"}`,
    ...leftBehind(r),
    "",
    "## Config changes",
    "",
    ...r.changes.map(
      (c) => `- ${c.stack}: \`${c.key}\` ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`,
    ),
    "",
    "## Steps",
    "",
    "| Step | Start | End | Seconds | Result |",
    "| ---- | ----- | --- | ------- | ------ |",
    ...r.steps.map(
      (s) =>
        `| ${s.name} | ${s.startedAt} | ${s.endedAt ?? ""} | ${s.seconds ?? ""} | ${s.ok ? "ok" : `failed: ${(s.detail ?? "").replace(/\|/g, "\\|")}`} |`,
    ),
    "",
  ];
  return lines.join("\n");
}

/**
 * What a completed writer move leaves: the cluster that lost the writer keeps the replicas its
 * reader Auto Scaling added (`application-autoscaling-*`): "Aurora Auto Scaling only removes
 * Aurora Replicas that it created" and nothing scales in once its target is deregistered (Aurora
 * User Guide, "Amazon Aurora Auto Scaling with Aurora Replicas"). Not listed by the runner: found
 * and removed by hand (docs/failover.md, "After a drill or a move back").
 */
function leftBehind(r: DrillReport): string[] {
  if (r.scenario === "dns" || !r.ok || r.dryRun) return [];
  const where = r.reverted.length > 0 ? `${r.to}'s Aurora cluster` : "the previous writer's Aurora cluster";
  return [
    `- Left behind: replicas Aurora Auto Scaling added to ${where} while it held the writer ` +
      "(`application-autoscaling-*`) stay there (cost only): find and delete them as docs/failover.md " +
      '"After a drill or a move back" says',
  ];
}

/** The report's file names, from its start time: `<timestamp>-<scenario>.md` and `.json`. */
export function reportNames(r: DrillReport): { md: string; json: string } {
  const stamp = r.startedAt.replace(/[:.]/g, "-");
  return { md: `${stamp}-${r.scenario}.md`, json: `${stamp}-${r.scenario}.json` };
}
