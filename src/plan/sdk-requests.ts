/**
 * The Pulumi CLI's side of the analyzer protocol (`pulumirpc.Analyzer`): the protobuf requests it
 * sends a policy pack for a plan's resources, and the diagnostics it reads back. Shared by the
 * offline plan's in-process evaluation (policies.ts over sdk-server.ts) and the gRPC client that
 * talks to a pack started as the CLI starts it (sdk-analyzer.ts).
 */
import type { EnforcementLevel } from "@pulumi/policy";
import { Struct, type JavaScriptValue } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import type { PlanResource } from "./types";
import type { ResolvedPolicyConfig } from "./policy-config";
import { providerUrn } from "./values";

/** The CLI's marker for a value unknown at preview (sdk/go/common/resource/plugin/rpc.go `UnknownStringValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** pulumirpc.EnforcementLevel and pulumirpc.PolicySeverity, by enum number. */
export const LEVELS: Record<EnforcementLevel, number> = {
  advisory: 0,
  mandatory: 1,
  disabled: 2,
  remediate: 3,
};
export const LEVEL_NAMES = ["advisory", "mandatory", "disabled", "remediate"] as const;
export const SEVERITIES = [undefined, "low", "medium", "high", "critical"] as const;

/** The stack's default region, for the default AWS provider a policy sees. */
export interface ProviderContext {
  readonly region: string;
}

/** A diagnostic of the SDK's analyzer, as the CLI receives it. */
export interface SdkDiagnostic {
  readonly pack: string;
  readonly packVersion: string;
  readonly policy: string;
  readonly urn: string;
  /** The policy's description, a newline and the policy's own message (what the CLI prints). */
  readonly message: string;
  readonly description: string;
  readonly enforcement: (typeof LEVEL_NAMES)[number];
  readonly severity?: "low" | "medium" | "high" | "critical";
}

/**
 * A protobuf `Struct` of a plain value. Its `toJavaScript` is computed once: the SDK's analyzer
 * calls it for every policy that looks at a resource (`deserializeProperties`, which copies the
 * result and never mutates it), and a request's value never changes once built. Serialising the
 * message for gRPC does not use it.
 */
export function struct(v: object): Struct {
  const s = Struct.fromJavaScript(JSON.parse(JSON.stringify(v)) as Record<string, JavaScriptValue>);
  const js = s.toJavaScript();
  s.toJavaScript = () => js;
  return s;
}

/** The provider a policy sees for a resource: its explicit one, else the default AWS provider of the stack's region. */
export function providerOf(r: PlanResource, byUrn: ReadonlyMap<string, PlanResource>, ctx: ProviderContext) {
  if (r.provider) {
    const p = byUrn.get(providerUrn(r.provider));
    if (p) return { type: p.type, props: p.inputs, urn: p.urn, name: p.name };
  }
  const urn = "urn:pulumi:offline::platform::pulumi:providers:aws::default";
  return {
    type: "pulumi:providers:aws",
    props: { region: ctx.region } as Record<string, unknown>,
    urn,
    name: "default",
  };
}

function options(r: PlanResource): pb.AnalyzerResourceOptions {
  const opts = new pb.AnalyzerResourceOptions();
  opts.setProtect(r.options.protect);
  opts.setIgnorechangesList(r.options.ignoreChanges);
  opts.setDeletebeforereplace(r.options.deleteBeforeReplace);
  opts.setDeletebeforereplacedefined(true);
  if (r.parent) opts.setParent(r.parent);
  return opts;
}

function provider(r: PlanResource, byUrn: ReadonlyMap<string, PlanResource>, ctx: ProviderContext) {
  const p = providerOf(r, byUrn, ctx);
  const res = new pb.AnalyzerProviderResource();
  res.setType(p.type);
  res.setProperties(struct(p.props));
  res.setUrn(p.urn);
  res.setName(p.name);
  return res;
}

/** The `analyze` request for one resource: its inputs, options and provider. */
export function analyzeRequest(
  r: PlanResource,
  byUrn: ReadonlyMap<string, PlanResource>,
  ctx: ProviderContext,
  properties: Record<string, unknown> = r.inputs,
): pb.AnalyzeRequest {
  const req = new pb.AnalyzeRequest();
  req.setType(r.type);
  req.setProperties(struct(properties));
  req.setUrn(r.urn);
  req.setName(r.name);
  req.setOptions(options(r));
  req.setProvider(provider(r, byUrn, ctx));
  return req;
}

/**
 * A resource's properties in the `analyzeStack` request, with its physical `id` added: the engine
 * sends AnalyzeStack each resource's outputs (pulumi/pulumi `step_generator.go`, AnalyzeResources),
 * and a bridged resource's outputs carry its `id`, which stack policies match references against
 * (a distribution's `responseHeadersPolicyId`, a lifecycle configuration's `bucket`).
 */
export function withId(r: PlanResource, properties: Record<string, unknown>): Record<string, unknown> {
  return r.id !== undefined && properties.id === undefined ? { ...properties, id: r.id } : properties;
}

/** The `analyzeStack` request: every managed resource with its dependencies. */
export function analyzeStackRequest(
  managed: readonly PlanResource[],
  byUrn: ReadonlyMap<string, PlanResource>,
  ctx: ProviderContext,
  propertiesOf: (r: PlanResource) => Record<string, unknown> = (r) => r.inputs,
): pb.AnalyzeStackRequest {
  const req = new pb.AnalyzeStackRequest();
  req.setResourcesList(
    managed.map((r) => {
      const a = new pb.AnalyzerResource();
      a.setType(r.type);
      a.setProperties(struct(withId(r, propertiesOf(r))));
      a.setUrn(r.urn);
      a.setName(r.name);
      a.setOptions(options(r));
      a.setProvider(provider(r, byUrn, ctx));
      if (r.parent) a.setParent(r.parent);
      a.setDependenciesList(r.options.dependsOn);
      const deps = a.getPropertydependenciesMap();
      for (const [k, urns] of Object.entries(r.options.propertyDependencies)) {
        const d = new pb.AnalyzerPropertyDependencies();
        d.setUrnsList(urns);
        deps.set(k, d);
      }
      return a;
    }),
  );
  return req;
}

/** The `configure` request the CLI sends after reconciling the config: every policy's level and properties. */
export function configureRequest(
  resolved: ReadonlyMap<string, ResolvedPolicyConfig>,
): pb.ConfigureAnalyzerRequest {
  const req = new pb.ConfigureAnalyzerRequest();
  const map = req.getPolicyconfigMap();
  for (const [name, c] of resolved) {
    const pc = new pb.PolicyConfig();
    pc.setEnforcementlevel(LEVELS[c.enforcementLevel]);
    pc.setProperties(struct({ ...c.properties }));
    map.set(name, pc);
  }
  return req;
}

/** The diagnostics of a response; a diagnostic without a URN is about `urn` (the engine fills it in). */
export function diagnosticsOf(res: pb.AnalyzeResponse, urn: string): SdkDiagnostic[] {
  return res.getDiagnosticsList().map((d) => {
    const severity = SEVERITIES[d.getSeverity() as number];
    return {
      pack: d.getPolicypackname(),
      packVersion: d.getPolicypackversion(),
      policy: d.getPolicyname(),
      urn: d.getUrn() || urn,
      message: d.getMessage(),
      description: d.getDescription(),
      enforcement: LEVEL_NAMES[d.getEnforcementlevel() as number],
      ...(severity ? { severity } : {}),
    };
  });
}
