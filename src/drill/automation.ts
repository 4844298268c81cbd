/**
 * The real adapters of the drill runner, kept thin (the runner's logic is tested with fakes):
 * - the workspace over the Pulumi Automation API (`@pulumi/pulumi/automation`: LocalWorkspace
 *   selectStack, Stack setConfig, preview, up, outputs), which needs the Pulumi CLI and credentials;
 * - the prober: Route 53 GetHealthCheckStatus, DNS answers of the failover name compared with each
 *   region's own name (data plane only), and where the Aurora writer and the cache primary are
 *   (src/aws/global-switchover.ts).
 */
import { resolve4 } from "node:dns/promises";
import type * as Route53 from "@aws-sdk/client-route-53";
import { describeAurora, describeCache, type SwitchoverEnv } from "../aws/global-switchover";
import type { DrillProber, DrillWorkspace } from "./types";

/** A {@link DrillWorkspace} over the Automation API, for the project in `workDir`. */
export async function automationWorkspace(workDir: string): Promise<DrillWorkspace> {
  const automation = await import("@pulumi/pulumi/automation");
  const stacks = new Map<string, Promise<import("@pulumi/pulumi/automation").Stack>>();
  const get = (stackName: string) => {
    if (!stacks.has(stackName))
      stacks.set(stackName, automation.LocalWorkspace.selectStack({ stackName, workDir }));
    return stacks.get(stackName)!;
  };
  return {
    async setConfig(stack, key, value) {
      await (
        await get(stack)
      ).setConfig(key, { value: typeof value === "string" ? value : JSON.stringify(value) });
    },
    async preview(stack) {
      const r = await (await get(stack)).preview();
      return Object.entries(r.changeSummary)
        .filter(([op]) => op !== "same")
        .reduce((n, [, c]) => n + (c ?? 0), 0);
    },
    async up(stack) {
      await (await get(stack)).up({ onOutput: (o) => process.stdout.write(o) });
    },
    async outputs(stack) {
      const out = await (await get(stack)).outputs();
      return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.value as unknown]));
    },
  };
}

/** What the real prober needs to know of the platform. */
export interface ProbeTargets {
  readonly domain: string;
  readonly regions: readonly string[];
  /** The region to call RDS and ElastiCache in (the drill's target, which must be up). */
  readonly apiRegion: string;
  readonly globalClusterIdentifier: string;
  readonly globalReplicationGroupId: string;
}

/** The real {@link DrillProber}. */
export function awsProber(t: ProbeTargets): DrillProber {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const route53 = require("@aws-sdk/client-route-53") as typeof Route53;
  const env: SwitchoverEnv = {
    sdk: {
      rds: require("@aws-sdk/client-rds") as SwitchoverEnv["sdk"]["rds"],
      elasticache: require("@aws-sdk/client-elasticache") as SwitchoverEnv["sdk"]["elasticache"],
      cloudwatch: require("@aws-sdk/client-cloudwatch") as SwitchoverEnv["sdk"]["cloudwatch"],
    },
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const inputs = {
    globalClusterIdentifier: t.globalClusterIdentifier,
    globalReplicationGroupId: t.globalReplicationGroupId,
    writerRegion: t.apiRegion,
    allowDataLoss: false,
    maxReplicationLagSeconds: 0,
    timeoutSeconds: 0,
  };
  const ips = async (name: string) => new Set(await resolve4(name).catch(() => [] as string[]));
  return {
    async healthCheckHealthy(id) {
      // Route 53 considers an endpoint healthy when more than 18% of its checkers report it
      // healthy (Route 53 developer guide, "How Amazon Route 53 determines whether a health check
      // is healthy"); each observation's StatusReport.Status starts with "Success" when it passed.
      const r = await new route53.Route53Client({ region: "us-east-1" }).send(
        new route53.GetHealthCheckStatusCommand({ HealthCheckId: id }),
      );
      const all = r.HealthCheckObservations ?? [];
      const ok = all.filter((o) => o.StatusReport?.Status?.startsWith("Success")).length;
      return all.length > 0 && ok / all.length > 0.18;
    },
    async servingRegion() {
      const answer = await ips(`origin.${t.domain}`);
      for (const region of t.regions) {
        const own = await ips(`origin-${region}.${t.domain}`);
        if ([...own].some((ip) => answer.has(ip))) return region;
      }
      return undefined;
    },
    async auroraWriterRegion() {
      return (await describeAurora(env, inputs)).writerRegion;
    },
    async cachePrimaryRegion() {
      return (await describeCache(env, inputs)).primaryRegion;
    },
  };
}
