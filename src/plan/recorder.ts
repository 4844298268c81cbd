/**
 * A mock resource monitor that records every request the program makes.
 *
 * It extends the Pulumi SDK's own MockMonitor (so resource behaviour is exactly the SDK's) and
 * keeps what the plain mocks drop: parent, provider, dependencies, protect, ignoreChanges and the
 * rest of the resource options, plus the raw inputs with their secret markers (for redaction).
 */
import * as pulumi from "@pulumi/pulumi";
import type {
  ReadResourceRequest,
  ReadResourceResponse,
  RegisterResourceOutputsRequest,
  RegisterResourceRequest,
  RegisterResourceResponse,
} from "@pulumi/pulumi/proto/resource_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type { Mocks } from "@pulumi/pulumi/runtime";
import { MockMonitor } from "./sdk-internals";
import { fromWire } from "./values";
import type { PlanResource } from "./types";

/** The input that carries a dynamic resource's serialized provider (@pulumi/pulumi dynamic/index.js). */
export const DYNAMIC_PROVIDER_INPUT = "__provider";

/**
 * A dynamic resource's inputs with its serialized provider (the provider object and every function
 * it captures, as JavaScript source: tens of kilobytes, different with each build of the code)
 * replaced by a short marker naming the resource type, e.g. `[dynamic provider: SecretReplica]`, so
 * that plans stay small and identical from one run and build to the next (docs/plan-format.md).
 */
export function markDynamicProvider(type: string, raw: unknown): unknown {
  if (!type.startsWith("pulumi-nodejs:dynamic") || raw === null || typeof raw !== "object") return raw;
  if (!(DYNAMIC_PROVIDER_INPUT in raw)) return raw;
  return { ...raw, [DYNAMIC_PROVIDER_INPUT]: `[dynamic provider: ${type.split(":").pop()}]` };
}

export interface RecordedResource extends Omit<PlanResource, "region"> {
  /** Inputs with secrets unwrapped (used to answer region and provider look-ups). */
  plainInputs: Record<string, unknown>;
}

export class RecordingMonitor extends MockMonitor {
  /** Resources in registration order. */
  readonly records: RecordedResource[] = [];
  readonly byUrn = new Map<string, RecordedResource>();
  /** The root stack's outputs in wire form, once registered. */
  stackOutputs: Record<string, unknown> | undefined;

  /**
   * @param mocks Answers resource registrations (IDs and output state).
   * @param onRecord Called with each resource as soon as it is recorded. @default none
   */
  /** Outputs to mark secret, per pending registration ("type::name"), as the engine would. */
  private readonly pendingSecretOutputs: Map<string, string[][]>;

  /**
   * @param mocks Answers resource registrations (IDs and output state).
   * @param onRecord Called with each resource as soon as it is recorded. @default none
   */
  constructor(
    mocks: Mocks,
    private readonly onRecord?: (rec: RecordedResource) => void,
  ) {
    const pending = new Map<string, string[][]>();
    super({
      ...mocks,
      // The engine marks a resource's `additionalSecretOutputs` secret; the SDK's mock monitor
      // does not, so do it here, or values derived from them (a generated password in a
      // listener rule, say) would reach the plan in clear text.
      newResource: async (args) => {
        const queue = pending.get(`${args.type}::${args.name}`);
        const secrets = queue?.shift() ?? [];
        const result = await mocks.newResource(args);
        if (secrets.length === 0) return result;
        const state = { ...result.state };
        for (const key of secrets) if (state[key] !== undefined) state[key] = pulumi.secret(state[key]);
        return { ...result, state };
      },
    });
    this.pendingSecretOutputs = pending;
  }

  private record(
    req: RegisterResourceRequest | ReadResourceRequest,
    urn: string,
    id: string | undefined,
    rawInputs: unknown,
  ) {
    const reg = req instanceof resproto.RegisterResourceRequest ? req : undefined;
    const propDeps: Record<string, string[]> = {};
    reg?.getPropertydependenciesMap().forEach((deps, key) => {
      propDeps[key] = deps.getUrnsList();
    });
    const parent = req.getParent();
    const provider = req.getProvider();
    const t = reg?.getCustomtimeouts();
    const timeouts = Object.fromEntries(
      (["create", "update", "delete"] as const).flatMap((k) => {
        const v = t ? { create: t.getCreate(), update: t.getUpdate(), delete: t.getDelete() }[k] : "";
        return v ? [[k, v]] : [];
      }),
    );
    const rec: RecordedResource = {
      urn,
      type: req.getType(),
      name: req.getName(),
      custom: reg ? reg.getCustom() : true,
      operation: reg ? "register" : "read",
      ...(parent ? { parent } : {}),
      ...(provider ? { provider } : {}),
      ...(id ? { id } : {}),
      inputs: (fromWire(rawInputs, true) ?? {}) as Record<string, unknown>,
      plainInputs: (fromWire(rawInputs, false) ?? {}) as Record<string, unknown>,
      options: {
        dependsOn: reg ? reg.getDependenciesList() : [],
        protect: reg?.getProtect() ?? false,
        ignoreChanges: reg ? reg.getIgnorechangesList() : [],
        retainOnDelete: reg?.getRetainondelete() ?? false,
        deleteBeforeReplace: reg?.getDeletebeforereplace() ?? false,
        propertyDependencies: propDeps,
        aliases: reg ? aliasUrns(reg, parent) : [],
        ...(Object.keys(timeouts).length > 0 ? { customTimeouts: timeouts } : {}),
      },
    };
    this.records.push(rec);
    this.byUrn.set(urn, rec);
    this.onRecord?.(rec);
  }

  override async registerResource(
    req: RegisterResourceRequest,
    callback: (err: unknown, resp: RegisterResourceResponse | undefined) => void,
  ): Promise<void> {
    const raw = markDynamicProvider(req.getType(), req.getObject()?.toJavaScript() ?? {});
    const secrets = req.getAdditionalsecretoutputsList();
    if (secrets.length > 0) {
      const key = `${req.getType()}::${req.getName()}`;
      this.pendingSecretOutputs.set(key, [...(this.pendingSecretOutputs.get(key) ?? []), secrets]);
    }
    await super.registerResource(req, (err: unknown, resp: RegisterResourceResponse | undefined) => {
      if (!err && resp) this.record(req, resp.getUrn(), resp.getId() || undefined, raw);
      callback(err, resp);
    });
  }

  override async readResource(
    req: ReadResourceRequest,
    callback: (err: unknown, resp: ReadResourceResponse | undefined) => void,
  ): Promise<void> {
    const raw = markDynamicProvider(req.getType(), req.getProperties()?.toJavaScript() ?? {});
    await super.readResource(req, (err: unknown, resp: ReadResourceResponse | undefined) => {
      if (!err && resp) this.record(req, resp.getUrn(), req.getId(), raw);
      callback(err, resp);
    });
  }

  override registerResourceOutputs(
    req: RegisterResourceOutputsRequest,
    callback: (err: unknown, resp: unknown) => void,
  ): void {
    if (this.byUrn.get(req.getUrn())?.type === "pulumi:pulumi:Stack") {
      this.stackOutputs = req.getOutputs()?.toJavaScript() ?? {};
    }
    super.registerResourceOutputs(req, callback);
  }
}

/**
 * The URNs a registration's aliases stand for: an alias spec takes the resource's own name, type,
 * stack, project and parent for every field it leaves out. URNs are written in the mock runtime's
 * scheme, like every URN of the plan (the SDK's MockMonitor.newUrn qualifies a type with its
 * parent's own type only, and a child of the root stack with "pulumi:pulumi:Stack"), so that an
 * alias can be matched against an earlier plan's URNs. A spec with no parent (`{ parent:
 * pulumi.rootStackResource }`) means a child of the root stack.
 */
function aliasUrns(req: RegisterResourceRequest, parent: string): string[] {
  const type = req.getType();
  const [, stack, project] = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(parent || "") ?? [];
  return req.getAliasesList().map((alias) => {
    if (alias.hasUrn()) return alias.getUrn();
    const spec = alias.getSpec()!;
    const t = spec.getType() || type;
    const parentUrn = spec.hasParenturn() ? spec.getParenturn() : parent;
    const parentType = spec.getNoparent()
      ? "pulumi:pulumi:Stack"
      : (parentUrn.split("::")[2] ?? "").split("$").pop();
    const qualified = parentType ? `${parentType}$${t}` : t;
    return `urn:pulumi:${spec.getStack() || stack}::${spec.getProject() || project}::${qualified}::${spec.getName() || req.getName()}`;
  });
}
