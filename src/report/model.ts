/**
 * The policy report of one or more plan files: each stack's violations (recorded in the plan, or
 * re-evaluated with this repository's packs), enriched with the policies' metadata and the source
 * line that created the resource, and each stack's cost estimate. The formats (text.ts,
 * markdown.ts, sarif.ts, and JSON) render this model.
 */
import type { EnforcementLevel, Policy } from "@pulumi/policy";
import type { PolicyPackDefinition } from "../../policies/pack";
import { estimateStack, standbyShares, type CostEstimate, type StandbyShare } from "../cost/estimate";
import { evaluatePolicies } from "../plan/policies";
import { readStackPolicyConfig } from "../plan/policy-config";
import type { PlanViolation, StackPlan } from "../plan/types";
import type { SourceIndex, SourceLocation } from "./locate";

export type Severity = "low" | "medium" | "high" | "critical";

/** What the report knows about a policy, from the packs loaded (absent fields: not declared). */
export interface PolicyInfo {
  readonly pack: string;
  readonly name: string;
  readonly description?: string;
  readonly severity?: Severity;
  readonly remediation?: string;
  readonly enforcementLevel?: EnforcementLevel;
  readonly url?: string;
}

export interface ReportViolation extends PlanViolation {
  readonly stack: string;
  readonly resourceType?: string;
  readonly resourceName?: string;
  readonly severity?: Severity;
  readonly remediation?: string;
  readonly location?: SourceLocation;
}

export interface StackReport {
  readonly stack: string;
  readonly region: string;
  readonly role?: string;
  /** The plan file the stack came from. */
  readonly file: string;
  /** "recorded": the plan's own violations; "evaluated": this repository's packs, run again. */
  readonly violationsFrom: "recorded" | "evaluated";
  readonly packs: readonly { name: string; version: string }[];
  readonly violations: readonly ReportViolation[];
  readonly cost: CostEstimate;
  readonly plan: StackPlan;
}

export interface Report {
  readonly stacks: readonly StackReport[];
  readonly standby: readonly StandbyShare[];
  /** Every policy of the packs loaded, and any other policy a plan recorded a violation of. */
  readonly policies: readonly PolicyInfo[];
  readonly mandatory: number;
  readonly advisory: number;
}

const SEVERITIES: readonly string[] = ["low", "medium", "high", "critical"];

/**
 * A policy's metadata. `severity` and `remediationSteps` are @pulumi/policy's own fields;
 * `remediation` is read too, for packs that name it so.
 */
export function policyInfo(pack: PolicyPackDefinition, p: Policy): PolicyInfo {
  const extra = p as Policy & { remediation?: unknown };
  const remediation =
    typeof p.remediationSteps === "string"
      ? p.remediationSteps
      : typeof extra.remediation === "string"
        ? extra.remediation
        : undefined;
  const severity = typeof p.severity === "string" && SEVERITIES.includes(p.severity) ? p.severity : undefined;
  return {
    pack: pack.name,
    name: p.name,
    ...(p.description ? { description: p.description } : {}),
    ...(severity ? { severity } : {}),
    ...(remediation ? { remediation } : {}),
    enforcementLevel: p.enforcementLevel ?? pack.enforcementLevel,
    ...(p.url ? { url: p.url } : {}),
  };
}

export interface ReportOptions {
  readonly packs: readonly PolicyPackDefinition[];
  /** Re-run the packs on each plan's resources instead of reporting its recorded violations. */
  readonly evaluate: boolean;
  /** Policy config (the CLI's --policy-pack-config format) for every stack, for `evaluate`. @default none */
  readonly policyConfig?: unknown;
  /**
   * For `evaluate` without `policyConfig`: the repository root whose `policies/config/<stack>.json`
   * each stack reads. @default none (no policy config)
   */
  readonly root?: string;
  /** Finds source lines; without it, violations have no location. @default none */
  readonly sources?: SourceIndex;
}

const key = (pack: string, name: string) => `${pack}/${name}`;

/** Builds the report of the given plans (each with the path it was read from). */
export async function buildReport(
  plans: readonly { plan: StackPlan; file: string }[],
  opts: ReportOptions,
): Promise<Report> {
  const info = new Map<string, PolicyInfo>();
  for (const pack of opts.packs)
    for (const p of pack.policies) info.set(key(pack.name, p.name), policyInfo(pack, p));
  const all = plans.map((p) => p.plan);
  const stacks: StackReport[] = [];
  for (const { plan, file } of plans) {
    const raw = opts.evaluate
      ? await evaluatePolicies(plan.resources, opts.packs, {
          region: plan.region,
          config:
            opts.policyConfig ??
            (opts.root !== undefined ? readStackPolicyConfig(opts.root, plan.stack) : undefined),
        })
      : plan.policies.violations;
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const violations = raw.map((v): ReportViolation => {
      const meta = info.get(key(v.pack, v.policy));
      if (!meta) info.set(key(v.pack, v.policy), { pack: v.pack, name: v.policy });
      const r = byUrn.get(v.urn);
      const location = opts.sources?.locate(plan, v.urn);
      return {
        ...v,
        stack: plan.stack,
        ...(r ? { resourceType: r.type, resourceName: r.name } : {}),
        // The violation's own (recorded by the plan), else the loaded pack's metadata.
        ...(v.severity || meta?.severity ? { severity: v.severity ?? meta?.severity } : {}),
        ...(v.remediation || meta?.remediation ? { remediation: v.remediation ?? meta?.remediation } : {}),
        ...(location ? { location } : {}),
      };
    });
    const role = plan.config["platform:role"];
    stacks.push({
      stack: plan.stack,
      region: plan.region,
      ...(typeof role === "string" ? { role } : {}),
      file,
      violationsFrom: opts.evaluate ? "evaluated" : "recorded",
      packs: opts.evaluate
        ? opts.packs.map((p) => ({ name: p.name, version: p.version }))
        : plan.policies.packs,
      violations,
      cost: estimateStack(plan, { peers: all }),
      plan,
    });
  }
  // The primary first, then the plans in the order given.
  stacks.sort((a, b) => Number(b.role === "primary") - Number(a.role === "primary"));
  const violations = stacks.flatMap((s) => s.violations);
  return {
    stacks,
    standby: standbyShares(all),
    policies: [...info.values()],
    mandatory: violations.filter((v) => v.enforcement === "mandatory").length,
    advisory: violations.filter((v) => v.enforcement === "advisory").length,
  };
}
