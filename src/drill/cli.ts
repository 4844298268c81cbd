/**
 * `npm run drill -- <dns|switchover|region> --to REGION [--revert] [--dry-run]`: a failover drill
 * (docs/failover.md). `--dry-run` shows the config changes and the offline plan difference and
 * stops: no credentials, no Pulumi CLI. Otherwise the stacks are applied through the Automation
 * API and a report is written to drills/<timestamp>-<scenario>.md and .json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { platformPack } from "../../policies/pack";
import { program } from "../../stacks/program";
import { SCENARIOS, type Scenario } from "../failover/model";
import { diffPlans, formatDiff } from "../plan/diff";
import { planStacks } from "../plan/plan";
import { applyOrder, platformOrder } from "../plan/stack-set";
import { findStackFiles, readProjectName, readStackFile, type StackFile } from "../plan/stack-files";
import { DrillError, drillChanges, reportMarkdown, reportNames, runDrill } from "./runner";
import type { ConfigChange, DrillOptions, DrillStack } from "./types";

export function parseArgs(argv: readonly string[]): DrillOptions {
  const [scenario, ...rest] = argv;
  if (!SCENARIOS.includes(scenario as Scenario)) {
    throw new DrillError(
      `scenario ${JSON.stringify(scenario ?? "")} is not a drill: expected one of ${SCENARIOS.join(", ")}`,
    );
  }
  const at = rest.indexOf("--to");
  const to = at >= 0 ? rest[at + 1] : undefined;
  if (!to || to.startsWith("--"))
    throw new DrillError("--to REGION is required: the region traffic or the writer moves to");
  const unknown = rest.filter(
    (a, i) => a.startsWith("--") && !["--to", "--revert", "--dry-run"].includes(a) && i !== at + 1,
  );
  if (unknown.length > 0)
    throw new DrillError(`unknown option ${unknown.join(", ")}: expected --to, --revert, --dry-run`);
  return {
    scenario: scenario as Scenario,
    to,
    revert: rest.includes("--revert"),
    dryRun: rest.includes("--dry-run"),
  };
}

const postureOf = (f: StackFile): string => {
  const p = f.decoded["platform:posture"];
  return typeof p === "string" ? p : f.decoded["platform:role"] === "primary" ? "active" : "warm-standby";
};

/** The stacks of the stack files, in apply order, as the runner sees them. */
export function drillStacks(files: readonly StackFile[]): DrillStack[] {
  return applyOrder(files).map((f) => ({
    stack: f.stack,
    region: String(f.decoded["aws:region"]),
    failover: (f.decoded["platform:failover"] as Record<string, unknown> | undefined) ?? {},
    posture: postureOf(f),
  }));
}

/** The stack files with the changes applied (for the offline plan difference). */
export function withChanges(files: readonly StackFile[], changes: readonly ConfigChange[]): StackFile[] {
  return files.map((f) => {
    const mine = changes.filter((c) => c.stack === f.stack);
    if (mine.length === 0) return f;
    const decoded = { ...f.decoded };
    const values = { ...f.values };
    for (const c of mine) {
      decoded[c.key] = c.after;
      values[c.key] = typeof c.after === "string" ? c.after : JSON.stringify(c.after);
    }
    return { ...f, decoded, values };
  });
}

export async function main(argv: readonly string[], root = process.cwd()): Promise<number> {
  const opts = parseArgs(argv);
  const files = findStackFiles(root).map(readStackFile);
  const stacks = drillStacks(files);
  const order = platformOrder(files).map(String);
  const project = readProjectName(root);
  const planDiff = async (changes: readonly ConfigChange[]) => {
    const plan = (fs: StackFile[]) => planStacks({ project, stackFiles: fs, program, packs: [platformPack] });
    const before = await plan([...files]);
    const after = await plan(withChanges(files, changes));
    return before.map((b, i) => formatDiff(diffPlans(b, after[i]))).join("\n");
  };
  const log = (l: string) => process.stdout.write(`${l}\n`);
  for (const c of drillChanges(stacks, order, opts.scenario, opts.to))
    log(`${c.stack}: ${c.key} ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`);

  let deps;
  if (opts.dryRun) {
    const none = () => Promise.reject(new Error("not used in a dry run"));
    deps = {
      workspace: { setConfig: none, preview: none, up: none, outputs: none },
      prober: {
        healthCheckHealthy: none,
        servingRegion: none,
        auroraWriterRegion: none,
        cachePrimaryRegion: none,
      },
    };
  } else {
    const { automationWorkspace, awsProber } = await import("./automation");
    const workspace = await automationWorkspace(root);
    const primary = stacks[0];
    const data = (await workspace.outputs(primary.stack)).data as {
      aurora: { globalClusterIdentifier: string };
      cache: { globalReplicationGroupId: string };
    };
    const domain = String((files[0].decoded["platform:dns"] as { domain: string }).domain);
    deps = {
      workspace,
      prober: awsProber({
        domain,
        regions: stacks.map((s) => s.region),
        apiRegion: opts.to,
        globalClusterIdentifier: data.aurora.globalClusterIdentifier,
        globalReplicationGroupId: data.cache.globalReplicationGroupId,
      }),
    };
  }
  const report = await runDrill(opts, {
    stacks,
    order,
    ...deps,
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    planDiff,
    log,
  });
  if (!opts.dryRun) {
    const dir = join(root, "drills");
    mkdirSync(dir, { recursive: true });
    const names = reportNames(report);
    writeFileSync(join(dir, names.json), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(dir, names.md), reportMarkdown(report));
    log(`report: ${join("drills", names.md)}`);
  }
  if (!report.ok) log(`drill failed: ${report.error ?? "unknown"}`);
  return report.ok ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2), resolve(process.cwd())).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
