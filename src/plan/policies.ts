/**
 * Evaluates CrossGuard policy packs on planned resources through the policy SDK's own analyzer
 * (@pulumi/policy `server.js`, reached in process by sdk-server.ts), with the requests the Pulumi
 * CLI sends (sdk-requests.ts), in the CLI's order: `configure` with the pack's reconciled config
 * (policy-config.ts), then for each resource `remediate` (only when a policy is at level
 * `remediate`; its properties replace the resource's inputs, as the engine does) and `analyze`,
 * then `analyzeStack` once with every resource. What the SDK decides (levels from config,
 * `disabled` skipped, `remediate` reported as mandatory, type filters, `notApplicable`, the
 * proxy that refuses unknown values) is the SDK's code, not a copy of it.
 */
import type { PolicyPackDefinition } from "../../policies/pack";
import type { PlanResource, PlanViolation } from "./types";
import { parsePolicyConfig, resolvePolicyConfig } from "./policy-config";
import {
  analyzeRequest,
  analyzeStackRequest,
  configureRequest,
  diagnosticsOf,
  type SdkDiagnostic,
} from "./sdk-requests";
import { call, packHandlers } from "./sdk-server";

/** A resource as the policy engine needs it. */
export type PolicyInput = PlanResource;

export interface PolicyContext {
  /** The stack's default region, as the default AWS provider's `region`. */
  readonly region: string;
  /**
   * Policy config in the Pulumi CLI's `--policy-pack-config` format (JSON-decoded): by policy
   * name, an enforcement level or an object with `enforcementLevel` and the policy's own
   * parameters; `all` sets every policy's level. Invalid config throws a PolicyConfigError.
   * @default none
   */
  readonly config?: unknown;
}

/** Runs every pack on the resources and returns the violations, in pack, policy, resource order. */
export async function evaluatePolicies(
  resources: readonly PolicyInput[],
  packs: readonly PolicyPackDefinition[],
  ctx: PolicyContext,
): Promise<PlanViolation[]> {
  const managed = resources.filter((r) => r.operation === "register");
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const stackUrn = resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? "";
  const parsed = parsePolicyConfig(ctx.config);
  // Built once: the same requests go to every pack.
  const requests = new Map(managed.map((r) => [r.urn, analyzeRequest(r, byUrn, ctx)]));
  let stackRequest: ReturnType<typeof analyzeStackRequest> | undefined;

  const violations: PlanViolation[] = [];
  for (const pack of packs) {
    const resolved = resolvePolicyConfig(pack, parsed);
    const sdk = packHandlers(pack);
    await call(sdk.configure, configureRequest(resolved));
    const remediating = [...resolved.values()].some((c) => c.enforcementLevel === "remediate");

    const diagnostics: SdkDiagnostic[] = [];
    const remediated = new Map<string, Record<string, unknown>>();
    for (const r of managed) {
      let request = requests.get(r.urn)!;
      if (remediating) {
        const res = await call(sdk.remediate, request);
        const last = res
          .getRemediationsList()
          .map((x) => x.getProperties()?.toJavaScript())
          .filter((p) => p !== undefined)
          .pop();
        if (last) {
          remediated.set(r.urn, last);
          request = analyzeRequest(r, byUrn, ctx, last);
        }
      }
      diagnostics.push(...diagnosticsOf(await call(sdk.analyze, request), r.urn));
    }
    const stack =
      remediated.size > 0
        ? analyzeStackRequest(managed, byUrn, ctx, (r) => remediated.get(r.urn) ?? r.inputs)
        : (stackRequest ??= analyzeStackRequest(managed, byUrn, ctx));
    diagnostics.push(...diagnosticsOf(await call(sdk.analyzeStack, stack), stackUrn));
    violations.push(...toViolations(pack, diagnostics));
  }
  return violations;
}

/**
 * The SDK's diagnostics as plan violations, ordered by policy (in the pack's order), each
 * policy's in the order the SDK reported them (resources in plan order, then the stack policy's
 * own order). The message is the policy's own: the SDK prefixes it
 * with the policy's description and a newline, which the CLI prints and the plan keeps apart.
 */
function toViolations(pack: PolicyPackDefinition, diagnostics: readonly SdkDiagnostic[]): PlanViolation[] {
  const policyIndex = new Map(pack.policies.map((p, i) => [p.name, i]));
  const byName = new Map(pack.policies.map((p) => [p.name, p]));
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (policyIndex.get(a.d.policy) ?? -1) - (policyIndex.get(b.d.policy) ?? -1) || a.i - b.i)
    .map(({ d }) => {
      const policy = byName.get(d.policy);
      const prefix = `${d.description}\n`;
      const message = d.message.startsWith(prefix)
        ? d.message.slice(prefix.length)
        : d.message === d.description
          ? ""
          : d.message;
      return {
        pack: pack.name,
        policy: d.policy,
        enforcement: d.enforcement === "advisory" ? "advisory" : "mandatory",
        urn: d.urn,
        message,
        ...(d.severity ? { severity: d.severity } : {}),
        ...(policy?.remediationSteps ? { remediation: policy.remediationSteps } : {}),
      };
    });
}
