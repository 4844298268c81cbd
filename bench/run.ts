/**
 * `npm run bench [-- --rounds N]`: times, side by side and interleaved over N rounds (default 7):
 *   - bare:  a Node process that only loads @pulumi/pulumi and @pulumi/aws;
 *   - floor: bench/floor.ts (the same program, every stack, plain setMocks echoing inputs);
 *   - plan:  the offline plan of every stack (recording mocks, policies, JSON written);
 *   - policies: the policy evaluation alone (bench/policies.ts), as a share of the plan (target <= 20%);
 *   - loop:  `npm run plan` on the unchanged tree, the whole npm script as a developer runs it
 *            (npm's start-up, the incremental build of dist/, then the same plan).
 * Reports medians, the plan/floor ratio (target <= 1.25), the loop/plan ratio (target <= 1.5),
 * time per planned resource and peak memory. Every Node process but npm's own is the Node that
 * runs this script; npm runs as it was started (npm_execpath), else `npm` from PATH.
 * Results also go to bench/results/.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const DIST = join(ROOT, "dist");
const TARGET_RATIO = 1.25;
/** `npm run plan` on an unchanged tree against the plan process alone. */
const TARGET_LOOP_RATIO = 1.5;
/** Policy evaluation of all packs on all stacks, as a share of the whole offline plan. */
const TARGET_POLICY_SHARE = 0.2;

interface Sample {
  ms: number;
  rssKiB: number;
}

/** A command to time: a Node process of this script's Node (peak RSS measured), or npm. */
type Run = { node: string[] } | { npm: string[] };

/** npm as the developer started it: its own Node and CLI script when this runs under npm. */
function npmCommand(args: string[]): [string, string[]] {
  const cli = process.env.npm_execpath;
  if (cli && /\.[cm]?js$/.test(cli))
    return [process.env.npm_node_execpath ?? process.execPath, [cli, ...args]];
  return [cli ?? "npm", args];
}

function time(run: Run): Sample {
  const rssFile = join(mkdtempSync(join(tmpdir(), "bench-rss-")), "rss");
  const [command, args] =
    "node" in run
      ? [process.execPath, ["-r", join(DIST, "bench", "rss.js"), ...run.node]]
      : npmCommand(run.npm);
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, {
    cwd: ROOT,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${r.status}:\n${r.stderr}`);
  // npm's own processes are not measured for memory.
  return { ms, rssKiB: "node" in run ? Number(readFileSync(rssFile, "utf8")) : NaN };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function main(): void {
  const i = process.argv.indexOf("--rounds");
  const rounds = i > 0 ? Number(process.argv[i + 1]) : 7;
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error("--rounds takes a whole number >= 1");
  const out = mkdtempSync(join(tmpdir(), "bench-plan-"));
  const planArgs = ["--root", ROOT, "--out", out, "--quiet"];
  const runs: Record<"bare" | "floor" | "plan" | "loop", Run> = {
    bare: { node: ["-e", "require('@pulumi/pulumi'); require('@pulumi/aws')"] },
    floor: { node: [join(DIST, "bench", "floor.js"), ROOT] },
    plan: { node: [join(DIST, "src", "plan", "cli.js"), ...planArgs] },
    loop: { npm: ["run", "plan", "--", ...planArgs] },
  };
  const samples: Record<keyof typeof runs, Sample[]> = { bare: [], floor: [], plan: [], loop: [] };
  time(runs.plan); // warm the file cache
  time(runs.loop); // and bring dist/ up to date, so every timed loop is on an unchanged tree
  for (let r = 0; r < rounds; r++) {
    for (const k of Object.keys(runs) as (keyof typeof runs)[]) samples[k].push(time(runs[k]));
  }
  // The policy evaluation alone, on the plans just written (bench/policies.ts).
  const evaluation = spawnSync(process.execPath, [join(DIST, "bench", "policies.js"), out, String(rounds)], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (evaluation.status !== 0)
    throw new Error(`bench/policies.ts exited ${evaluation.status}:\n${evaluation.stderr}`);
  const policies = JSON.parse(evaluation.stdout) as { stacks: number; coldMs: number; medianMs: number };
  const resources = readdirSync(out)
    .filter((f) => f.endsWith(".json")) // the plan also writes a deployments/ folder
    .map((f) => JSON.parse(readFileSync(join(out, f), "utf8")) as { resources: unknown[] })
    .reduce((n, p) => n + p.resources.length, 0);
  const m = (k: keyof typeof runs) => median(samples[k].map((s) => s.ms));
  const rss = (k: keyof typeof runs) => Math.max(...samples[k].map((s) => s.rssKiB)) / 1024;
  const ratio = m("plan") / m("floor");
  const loopRatio = m("loop") / m("plan");
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    rounds,
    resources,
    medianMs: { bare: m("bare"), floor: m("floor"), plan: m("plan"), loop: m("loop") },
    peakRssMiB: { bare: rss("bare"), floor: rss("floor"), plan: rss("plan") },
    ratio,
    loopRatio,
    loopAbovePlanMs: m("loop") - m("plan"),
    perResourceMs: m("plan") / resources,
    planAboveFloorMs: m("plan") - m("floor"),
    policies: { ...policies, share: policies.medianMs / m("plan"), coldShare: policies.coldMs / m("plan") },
  };
  mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
  writeFileSync(join(ROOT, "bench", "results", "latest.json"), JSON.stringify(result, null, 2) + "\n");
  const row = (name: string, k: keyof typeof runs) =>
    `| ${name} | ${m(k).toFixed(0)} | ${Math.min(...samples[k].map((s) => s.ms)).toFixed(0)} | ${
      "node" in runs[k] ? rss(k).toFixed(0) : "-"
    } |`;
  console.log(
    [
      `Offline plan benchmark: ${rounds} rounds, ${process.version}, ${resources} resources in all stacks`,
      "",
      "| process | median ms | min ms | peak RSS MiB |",
      "| --- | ---: | ---: | ---: |",
      row("bare Node + @pulumi/pulumi + @pulumi/aws", "bare"),
      row("floor: program on plain setMocks (all stacks)", "floor"),
      row("offline plan (all stacks, policies, JSON)", "plan"),
      row("`npm run plan`, unchanged tree (npm, build, plan)", "loop"),
      "",
      `plan / floor = ${ratio.toFixed(3)} (target <= ${TARGET_RATIO}); ${(m("plan") / resources).toFixed(2)} ms per resource; ` +
        `plan above floor: ${(m("plan") - m("floor")).toFixed(0)} ms`,
      `npm run plan / plan = ${loopRatio.toFixed(3)} (target <= ${TARGET_LOOP_RATIO}); ` +
        `npm and the up-to-date build add ${(m("loop") - m("plan")).toFixed(0)} ms`,
      `policy evaluation (security, cost, preflight packs; ${policies.stacks} stacks): median ${policies.medianMs.toFixed(0)} ms, ` +
        `first (cold) ${policies.coldMs.toFixed(0)} ms = ${(100 * result.policies.share).toFixed(1)}% ` +
        `(cold ${(100 * result.policies.coldShare).toFixed(1)}%) of the offline plan (target <= ${100 * TARGET_POLICY_SHARE}%)`,
    ].join("\n"),
  );
  if (ratio > TARGET_RATIO) {
    console.error(`plan / floor ratio ${ratio.toFixed(3)} is above the target ${TARGET_RATIO}`);
    process.exitCode = 1;
  }
  // The median: the first round also loads and compiles every module, which the plan has done
  // already by the time it evaluates.
  if (result.policies.share > TARGET_POLICY_SHARE) {
    console.error(`policy evaluation share ${(100 * result.policies.share).toFixed(1)}% is above the target`);
    process.exitCode = 1;
  }
  if (loopRatio > TARGET_LOOP_RATIO) {
    console.error(
      `npm run plan / plan ratio ${loopRatio.toFixed(3)} is above the target ${TARGET_LOOP_RATIO}`,
    );
    process.exitCode = 1;
  }
}

main();
