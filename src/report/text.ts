/** The plain-text policy report. */
import { estimateLines, standbyShareLines } from "../cost/format";
import type { Report, ReportViolation } from "./model";

export const where = (v: ReportViolation): string =>
  v.location ? `${v.location.file}:${v.location.line}` : "(no source location)";

export function renderText(report: Report): string {
  const out: string[] = [];
  for (const s of report.stacks) {
    const role = s.role ? `${s.role}, ` : "";
    out.push(
      `${s.stack} (${role}${s.region}) from ${s.file}: violations ${s.violationsFrom === "evaluated" ? "evaluated by this repository's packs" : "as recorded in the plan"}`,
    );
    out.push(...estimateLines(s.cost).map((l) => `  ${l}`));
    const packs = s.packs.map((p) => `${p.name}@${p.version}`).join(", ");
    const mandatory = s.violations.filter((v) => v.enforcement === "mandatory").length;
    out.push(
      `  policies (${packs}): ${mandatory} mandatory, ${s.violations.length - mandatory} advisory violations`,
    );
    for (const v of [...s.violations].sort((a, b) =>
      a.enforcement === b.enforcement ? 0 : a.enforcement === "mandatory" ? -1 : 1,
    )) {
      out.push(
        `    [${v.enforcement}${v.severity ? `, ${v.severity}` : ""}] ${v.pack}/${v.policy}: ${v.message}`,
      );
      out.push(`      at ${v.urn}`);
      out.push(`      source ${where(v)}`);
      if (v.remediation) out.push(`      remediation: ${v.remediation}`);
    }
  }
  out.push(...standbyShareLines(report.standby));
  out.push(`total: ${report.mandatory} mandatory, ${report.advisory} advisory violations`);
  return out.join("\n") + "\n";
}
