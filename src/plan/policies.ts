/**
 * Evaluates CrossGuard policy packs on planned resources through the policy SDK's own analyzer
 * (@pulumi/policy `server.js`, reached in process by sdk-server.ts), with the requests the Pulumi
 * CLI sends (sdk-requests.ts), in the engine's order: `configure` with each pack's reconciled
 * config (policy-config.ts); `remediate` of each resource by every pack with a policy at level
 * `remediate`, each pack's changes feeding the next; then every pack's `analyze` of each
 * resource and `analyzeStack` once with every resource. Known differences from a real
 * `pulumi preview` are listed in docs/policies.md. What the SDK decides (levels from config,
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
  const sdks = packs.map((pack) => {
    const resolved = resolvePolicyConfig(pack, parsed);
    return { pack, sdk: packHandlers(pack), configure: configureRequest(resolved), resolved };
  });
  const violations: PlanViolation[] = [];
  const diagnostics = new Map<string, SdkDiagnostic[]>(packs.map((p) => [p.name, []]));

  // Remediation first, as the engine does (pulumi/pulumi pkg/resource/deploy/step_generator.go):
  // each pack's remediations of a resource apply, in turn, to the inputs the next pack sees, and
  // every pack then analyses the result. Only packs with a policy at level `remediate` take part
  // (the SDK remediates nothing else).
  const props = new Map<string, Record<string, unknown>>();
  for (const { pack, sdk, configure, resolved } of sdks) {
    if (![...resolved.values()].some((c) => c.enforcementLevel === "remediate")) continue;
    await call(sdk.configure, configure);
    for (const r of managed) {
      const res = await call(sdk.remediate, analyzeRequest(r, byUrn, ctx, props.get(r.urn) ?? r.inputs));
      for (const x of res.getRemediationsList()) {
        const changed = x.getProperties()?.toJavaScript();
        if (changed) props.set(r.urn, changed);
        // A remediation that could not run (an unknown value at preview) is reported, as advisory.
        if (x.getDiagnostic()) {
          diagnostics.get(pack.name)!.push({
            pack: pack.name,
            packVersion: pack.version,
            policy: x.getPolicyname(),
            urn: r.urn,
            message: `${x.getDescription()}\n${x.getDiagnostic()}`,
            description: x.getDescription(),
            enforcement: "advisory",
          });
        }
      }
    }
  }

  // Built once: the same requests go to every pack.
  const requests = new Map(
    managed.map((r) => [r.urn, analyzeRequest(r, byUrn, ctx, props.get(r.urn) ?? r.inputs)]),
  );
  const stackRequest = analyzeStackRequest(managed, byUrn, ctx, (r) => props.get(r.urn) ?? r.inputs);
  for (const { pack, sdk, configure } of sdks) {
    await call(sdk.configure, configure);
    const found = diagnostics.get(pack.name)!;
    for (const r of managed)
      found.push(...diagnosticsOf(await call(sdk.analyze, requests.get(r.urn)!), r.urn));
    found.push(...diagnosticsOf(await call(sdk.analyzeStack, stackRequest), stackUrn));
    violations.push(...toViolations(pack, found));
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
