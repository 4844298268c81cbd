/**
 * The SARIF 2.1.0 policy report, for GitHub code scanning (github/codeql-action/upload-sarif):
 * one run, a rule per policy with its description, help (remediation) and default level
 * (mandatory -> error, advisory -> warning), and one result per violation located at the source
 * line that created the resource (locate.ts), with the resource's URN as a logical location.
 * GitHub's SARIF support: rule `help`, `properties.security-severity` (a number as a string, 0.0 to
 * 10.0) and `partialFingerprints` are the fields code scanning reads beyond the schema's minimum.
 */
import { createHash } from "node:crypto";
import type { PolicyInfo, Report, ReportViolation, Severity } from "./model";

export const SARIF_SCHEMA_URL = "https://json.schemastore.org/sarif-2.1.0.json";

const level = (enforcement: string | undefined): "error" | "warning" | "note" =>
  enforcement === "mandatory" || enforcement === "remediate"
    ? "error"
    : enforcement === "advisory"
      ? "warning"
      : "note";

/** GitHub's severity bands: critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
};

const ruleId = (pack: string, policy: string) => `${pack}/${policy}`;

function rule(p: PolicyInfo) {
  const description = p.description ?? `Policy ${p.name} of pack ${p.pack}`;
  const help = p.remediation ?? description;
  return {
    id: ruleId(p.pack, p.name),
    name: p.name,
    shortDescription: { text: description },
    fullDescription: { text: description },
    help: {
      text: help,
      markdown: p.remediation ? `**Remediation:** ${p.remediation}\n\n${description}` : description,
    },
    ...(p.url ? { helpUri: p.url } : {}),
    defaultConfiguration: { level: level(p.enforcementLevel) },
    properties: {
      tags: ["pulumi", "policy", p.pack],
      ...(p.severity ? { "security-severity": SECURITY_SEVERITY[p.severity], severity: p.severity } : {}),
    },
  };
}

function result(v: ReportViolation, index: number) {
  return {
    ruleId: ruleId(v.pack, v.policy),
    ruleIndex: index,
    level: level(v.enforcement),
    message: {
      text: `${v.message} (stack ${v.stack}, ${v.resourceType ?? "resource"} ${v.resourceName ?? v.urn})`,
    },
    locations: [
      {
        ...(v.location
          ? {
              physicalLocation: {
                artifactLocation: { uri: v.location.file },
                region: { startLine: v.location.line, startColumn: v.location.column },
              },
            }
          : {}),
        logicalLocations: [{ fullyQualifiedName: v.urn, name: v.resourceName ?? v.urn, kind: "resource" }],
      },
    ],
    partialFingerprints: {
      "pulumiPolicyViolation/v1": createHash("sha256")
        .update(`${v.stack}\n${v.pack}\n${v.policy}\n${v.urn}`)
        .digest("hex"),
    },
    properties: { stack: v.stack, enforcement: v.enforcement, urn: v.urn },
  };
}

export function renderSarif(report: Report, toolVersion: string): string {
  const rules = report.policies.map(rule);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.stacks.flatMap((s) =>
    s.violations.map((v) => result(v, index.get(ruleId(v.pack, v.policy)) ?? -1)),
  );
  const sarif = {
    $schema: SARIF_SCHEMA_URL,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "platform-policy",
            version: toolVersion,
            informationUri: "https://www.pulumi.com/docs/insights/policy/",
            rules,
          },
        },
        automationDetails: { id: "platform-policy/" },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}
