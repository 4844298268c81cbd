/**
 * The Markdown policy report, fit for a pull-request comment and a GitHub job summary: a summary
 * with the cost estimate, a Mermaid diagram per stack, then the violations grouped by pack and
 * enforcement level, each with its remediation when the policy has one.
 */
import { estimateMarkdown, money, standbyShareLines } from "../cost/format";
import { componentDiagram } from "./mermaid";
import type { Report, ReportViolation } from "./model";

/** Marks the comment so the workflow can update it instead of adding another. */
export const COMMENT_MARKER = "<!-- platform-policy-report -->";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const SEVERITY_ORDER = ["critical", "high", "medium", "low", undefined];

function violationItem(v: ReportViolation): string[] {
  const what = v.resourceName ? `\`${v.resourceName}\` (${v.resourceType ?? "?"})` : `\`${v.urn}\``;
  const src = v.location ? ` at \`${v.location.file}:${v.location.line}\`` : "";
  const lines = [`- **${v.enforcement}** \`${v.policy}\` on ${what}${src}: ${cell(v.message)}`];
  if (v.remediation) lines.push(`  - Remediation: ${cell(v.remediation)}`);
  return lines;
}

export function renderMarkdown(report: Report): string {
  const total = report.mandatory + report.advisory;
  const status = report.mandatory > 0 ? "❌" : total > 0 ? "⚠️" : "✅";
  const out = [
    COMMENT_MARKER,
    `## ${status} Policy check: ${report.mandatory} mandatory, ${report.advisory} advisory violation${report.advisory === 1 ? "" : "s"}`,
    "",
    "| Stack | Role | Region | Estimated monthly cost | Mandatory | Advisory |",
    "| --- | --- | --- | ---: | ---: | ---: |",
    ...report.stacks.map((s) => {
      const m = s.violations.filter((v) => v.enforcement === "mandatory").length;
      const cost = `${money(s.cost.monthly, s.cost.currency)}${s.cost.complete ? "" : " (incomplete)"}`;
      return `| \`${s.stack}\` | ${s.role ?? ""} | ${s.region} | ${cost} | ${m} | ${s.violations.length - m} |`;
    }),
  ];
  if (report.standby.length > 0) out.push("", ...standbyShareLines(report.standby).map((l) => `- ${l}`));
  for (const s of report.stacks) {
    out.push("", `### Stack \`${s.stack}\``, "", estimateMarkdown(s.cost), "");
    out.push(
      "<details><summary>Components and cross-stack links</summary>",
      "",
      "```mermaid",
      componentDiagram(s.plan),
      "```",
      "",
      "</details>",
    );
    out.push(
      "",
      `Violations ${s.violationsFrom === "evaluated" ? "evaluated by this repository's packs" : "as recorded in the plan"} (\`${s.file}\`):`,
    );
    if (s.violations.length === 0) {
      out.push("", "No violations.");
      continue;
    }
    const packs = [...new Set(s.violations.map((v) => v.pack))].sort();
    for (const pack of packs) {
      for (const severity of SEVERITY_ORDER) {
        const group = s.violations
          .filter((v) => v.pack === pack && v.severity === severity)
          .sort((a, b) =>
            a.enforcement === b.enforcement
              ? a.policy.localeCompare(b.policy)
              : a.enforcement === "mandatory"
                ? -1
                : 1,
          );
        if (group.length === 0) continue;
        out.push("", `#### Pack \`${pack}\`, severity ${severity ?? "not declared"} (${group.length})`, "");
        out.push(...group.flatMap(violationItem));
      }
    }
  }
  return out.join("\n") + "\n";
}
