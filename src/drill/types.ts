/**
 * The drill runner's view of the world, as small interfaces of its own: tests drive the runner
 * with in-memory fakes; the real adapters (automation.ts, probe.ts) stay thin.
 */
import type { Scenario } from "../failover/model";

/** A stack of the platform, in apply order. */
export interface DrillStack {
  readonly stack: string;
  readonly region: string;
  /** Its `platform:failover` and `platform:posture` as the stack file has them now. */
  readonly failover: Readonly<Record<string, unknown>>;
  readonly posture: string;
}

/** What the runner needs of Pulumi (the Automation API, or a fake). */
export interface DrillWorkspace {
  setConfig(stack: string, key: string, value: unknown): Promise<void>;
  /** A preview; resolves to the number of resources it would change. */
  preview(stack: string): Promise<number>;
  up(stack: string): Promise<void>;
  outputs(stack: string): Promise<Record<string, unknown>>;
}

/** What the runner measures (Route 53, an HTTP probe, RDS, ElastiCache, or a fake). */
export interface DrillProber {
  /** Whether Route 53 reports the health check healthy. */
  healthCheckHealthy(healthCheckId: string): Promise<boolean>;
  /** The region that answers the public endpoint (e.g. from a response header), or undefined. */
  servingRegion(): Promise<string | undefined>;
  auroraWriterRegion(): Promise<string | undefined>;
  cachePrimaryRegion(): Promise<string | undefined>;
}

/** Time, injected so tests control it. */
export interface DrillClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** One config change of one stack. */
export interface ConfigChange {
  readonly stack: string;
  readonly key: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface DrillOptions {
  readonly scenario: Scenario;
  /** The region traffic (and, for switchover and region, the writer) should end in. */
  readonly to: string;
  /** Restore the previous config once the target holds, and measure the way back. */
  readonly revert: boolean;
  /** Show the config changes and the offline plan difference, then stop. */
  readonly dryRun: boolean;
  /** Longest wait for the target state, in seconds. @default 900 */
  readonly timeoutSeconds?: number;
  /** Pause between probes, in seconds. @default 5 */
  readonly probeIntervalSeconds?: number;
}

/** One timed step of a drill. */
export interface DrillStep {
  readonly name: string;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly seconds?: number;
  readonly ok: boolean;
  readonly detail?: string;
}

/** What a drill report holds (drills/<timestamp>-<scenario>.json, and .md). */
export interface DrillReport {
  readonly scenario: Scenario;
  readonly to: string;
  readonly dryRun: boolean;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly ok: boolean;
  readonly dataLossMode:
    | "none (planned switchover, RPO 0)"
    | "allowed (FailoverGlobalCluster with AllowDataLoss)"
    | "not applicable";
  readonly changes: readonly ConfigChange[];
  readonly steps: readonly DrillStep[];
  /** Seconds from the end of the apply to the drilled region's health check turning unhealthy. */
  readonly detectionSeconds?: number;
  /** Seconds from the end of the apply until the target state held. */
  readonly recoverySeconds?: number;
  /** The config changes undone by --revert. */
  readonly reverted: readonly ConfigChange[];
  readonly error?: string;
}
