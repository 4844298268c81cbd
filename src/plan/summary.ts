import { estimatesOf, writerRegionOf } from "../config/rules/failover";
import { formatEstimate } from "../failover/model";
import { placeholderProblem } from "../config/placeholders";
import type { CostEstimate } from "../cost/estimate";
import { estimateLines } from "../cost/format";
import type { StackPlan } from "./types";

/**
 * A short text summary of one stack's plan: resource counts by type, the cost estimate (when
 * given) and policy results.
 */
export function summarize(plan: StackPlan, path?: string, cost?: CostEstimate): string {
  const counts = new Map<string, number>();
  for (const r of plan.resources) {
    if (!r.custom || r.operation !== "register") continue;
    counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const components = plan.resources.filter((r) => !r.custom).length;
  const role = typeof plan.config["platform:role"] === "string" ? `${plan.config["platform:role"]}, ` : "";
  const width = Math.max(...[...counts.keys()].map((k) => k.length), 10);
  const lines = [
    `${plan.stack} (${role}${plan.region}): ${total} resources, ${components} components${path ? ` -> ${path}` : ""}`,
    ...[...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([t, n]) => `  ${t.padEnd(width)}  ${n}`),
  ];
  const placeholders = plan.placeholders ?? [];
  if (placeholders.length > 0) {
    lines.push(
      `  placeholders (accepted offline; a real pulumi preview/up refuses them): ${placeholders.length}`,
      ...placeholders.map((p) => `    ${placeholderProblem(p)}`),
    );
  }
  if (cost) lines.push(...estimateLines(cost).map((l) => `  ${l}`));
  lines.push(...failoverLines(plan));
  const mandatory = plan.policies.violations.filter((v) => v.enforcement === "mandatory");
  const advisory = plan.policies.violations.filter((v) => v.enforcement === "advisory");
  lines.push(`  policies: ${mandatory.length} mandatory, ${advisory.length} advisory violations`);
  // One line per pack, its violations under it (mandatory first).
  const packNames = [
    ...plan.policies.packs.map((p) => p.name),
    ...plan.policies.violations
      .map((v) => v.pack)
      .filter((n) => !plan.policies.packs.some((p) => p.name === n)),
  ];
  for (const name of [...new Set(packNames)]) {
    const version = plan.policies.packs.find((p) => p.name === name)?.version;
    const of = (vs: typeof mandatory) => vs.filter((v) => v.pack === name);
    lines.push(
      `    ${name}${version ? `@${version}` : ""}: ${of(mandatory).length} mandatory, ${of(advisory).length} advisory`,
    );
    for (const v of [...of(mandatory), ...of(advisory)]) {
      lines.push(
        `      [${v.enforcement}${v.severity ? `, ${v.severity}` : ""}] ${v.policy}: ${v.message}\n        at ${v.urn}`,
      );
      if (v.remediation) lines.push(`        remediation: ${v.remediation}`);
    }
  }
  return lines.join("\n");
}

/** The RTO/RPO model of the stack's config (src/failover/model.ts), with where it expects the writer. */
export function failoverLines(plan: StackPlan): string[] {
  const input = Object.fromEntries(
    Object.entries(plan.config)
      .filter(([k]) => k.startsWith("platform:"))
      .map(([k, v]) => [k.slice("platform:".length), v]),
  );
  const raw = { stack: plan.stack, region: plan.region, input, now: new Date(0) };
  const f = (input.failover ?? {}) as { drill?: unknown };
  return [
    `  failover (docs/failover.md): writer expected in ${String(writerRegionOf(raw))}, drill ${typeof f.drill === "string" ? f.drill : "none"}; model:`,
    ...estimatesOf(raw).map((e) => `    ${formatEstimate(e)}`),
  ];
}
