/**
 * A stack's plan as a deployment in the shape `pulumi stack export` produces (an untyped
 * deployment, `version: 3`), so that `pulumi policy analyze --file <it> --policy-pack
 * policies/packs/<pack>` (Pulumi CLI 3.249 or newer; security, cost, preflight) judges exactly
 * what the offline plan saw. Written by `npm run plan`
 * to `<out>/deployments/<stack>.json`; documented in docs/plan-format.md.
 *
 * The types mirror the CLI's `apitype.DeploymentV3`, `ResourceV3` and `ManifestV1`
 * (github.com/pulumi/pulumi sdk/go/common/apitype/core.go); the SDK publishes only the envelope,
 * `Deployment` in `@pulumi/pulumi/automation` (`{ version, deployment: any }`).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Deployment } from "@pulumi/pulumi/automation";
import { REDACTED, type PlanResource, type StackPlan } from "./types";

/** The signature key and the secret signature of Pulumi's property values (apitype SecretV1). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** apitype.SecretV1 with a plaintext value: the form `pulumi stack export --show-secrets` writes. */
export interface SecretV1 {
  readonly [SIG_KEY]: typeof SECRET_SIG;
  readonly plaintext: string;
}

/** apitype.ManifestV1. */
export interface ManifestV1 {
  readonly time: string;
  readonly magic: string;
  readonly version: string;
  readonly plugins?: readonly { name: string; path: string; type: "resource"; version: string }[];
}

/** apitype.ResourceV3, the fields the offline plan knows. */
export interface ResourceV3 {
  readonly urn: string;
  readonly custom: boolean;
  readonly id?: string;
  readonly type: string;
  readonly inputs?: Record<string, unknown>;
  readonly outputs?: Record<string, unknown>;
  readonly parent?: string;
  readonly protect?: boolean;
  readonly external?: boolean;
  readonly dependencies?: readonly string[];
  readonly provider?: string;
  readonly propertyDependencies?: Record<string, readonly string[]>;
  readonly aliases?: readonly string[];
  readonly retainOnDelete?: boolean;
  readonly ignoreChanges?: readonly string[];
}

/** apitype.DeploymentV3. */
export interface DeploymentV3 {
  readonly manifest: ManifestV1;
  readonly resources: readonly ResourceV3[];
}

/** apitype.UntypedDeployment at version 3: what `pulumi stack export` writes. */
export interface DeploymentFile extends Deployment {
  readonly version: 3;
  readonly deployment: DeploymentV3;
}

const ROOT_TYPE = "pulumi:pulumi:Stack";
/** The manifest time: the offline plan has no update time, and the file stays byte-identical. */
const EPOCH = "1970-01-01T00:00:00Z";

function packageVersion(name: string): string {
  try {
    const file = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  } catch {
    return "";
  }
}

/** Replaces each redacted value ("[secret]") with a secret whose plaintext is that placeholder. */
export function toDeploymentValue(value: unknown): unknown {
  if (value === REDACTED) {
    const secret: SecretV1 = { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(REDACTED) };
    return secret;
  }
  if (Array.isArray(value)) return value.map(toDeploymentValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toDeploymentValue(v)]));
  }
  return value;
}

const deterministicId = (seed: string) => {
  const h = createHash("sha1").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/** The package of a type token ("aws:ec2/vpc:Vpc" -> "aws"; StackReference -> "pulumi"). */
const packageOf = (type: string) => type.split(":")[0] ?? type;

/**
 * Orders resources so that every parent, provider and dependency comes before the resources that
 * refer to it (the engine's snapshot integrity rule), keeping plan order otherwise.
 */
function topological(resources: readonly ResourceV3[]): ResourceV3[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const done = new Set<string>();
  const out: ResourceV3[] = [];
  const visit = (r: ResourceV3, path: Set<string>) => {
    if (done.has(r.urn) || path.has(r.urn)) return;
    path.add(r.urn);
    const refs = [
      r.parent,
      r.provider?.split("::").slice(0, -1).join("::"),
      ...(r.dependencies ?? []),
      ...Object.values(r.propertyDependencies ?? {}).flat(),
    ];
    for (const u of refs) {
      const dep = u ? byUrn.get(u) : undefined;
      if (dep) visit(dep, path);
    }
    done.add(r.urn);
    out.push(r);
  };
  for (const r of resources) visit(r, new Set());
  return out;
}

/**
 * The plan as a deployment. Each resource's `inputs` are the plan's inputs; its `outputs` are the
 * same inputs (the CLI's analyzer gives resource policies the inputs and stack policies the
 * outputs; the offline plan gave both the inputs, and records no outputs), except the root stack,
 * whose outputs are the stack outputs. Resources without an explicit provider get the package's
 * default provider, as the engine records them (the AWS one with the stack's region). Redacted
 * values stay redacted, as secrets.
 */
export function toDeployment(plan: StackPlan): DeploymentFile {
  const prefix = `urn:pulumi:${plan.stack}::${plan.project}::`;
  const providers = new Map<string, ResourceV3>();
  const defaultProvider = (pkg: string): string => {
    const urn = `${prefix}pulumi:providers:${pkg}::default`;
    const id = deterministicId(`${plan.stack}/${urn}`);
    if (!providers.has(pkg)) {
      const inputs: Record<string, unknown> = pkg === "aws" ? { region: plan.region } : {};
      const version = pkg === "pulumi" ? "" : packageVersion(`@pulumi/${pkg}`);
      if (version) inputs.version = version;
      providers.set(pkg, { urn, custom: true, id, type: `pulumi:providers:${pkg}`, inputs, outputs: inputs });
    }
    return `${urn}::${id}`;
  };

  const resources = plan.resources.map((r: PlanResource): ResourceV3 => {
    const root = r.type === ROOT_TYPE;
    const inputs = toDeploymentValue(r.inputs) as Record<string, unknown>;
    const outputs = root ? (toDeploymentValue(plan.outputs) as Record<string, unknown>) : inputs;
    const o = r.options;
    const provider =
      r.provider ??
      (r.custom && !r.type.startsWith("pulumi:providers:") ? defaultProvider(packageOf(r.type)) : undefined);
    return {
      urn: r.urn,
      custom: r.custom,
      ...(r.custom && r.id ? { id: r.id } : {}),
      type: r.type,
      ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
      ...(Object.keys(outputs).length > 0 ? { outputs } : {}),
      ...(r.parent ? { parent: r.parent } : {}),
      ...(o.protect ? { protect: true } : {}),
      ...(r.operation === "read" ? { external: true } : {}),
      ...(o.dependsOn.length > 0 ? { dependencies: [...o.dependsOn] } : {}),
      ...(provider ? { provider } : {}),
      ...(Object.keys(o.propertyDependencies).length > 0
        ? { propertyDependencies: o.propertyDependencies }
        : {}),
      ...(o.aliases.length > 0 ? { aliases: [...o.aliases] } : {}),
      ...(o.retainOnDelete ? { retainOnDelete: true } : {}),
      ...(o.ignoreChanges.length > 0 ? { ignoreChanges: [...o.ignoreChanges] } : {}),
    };
  });
  const [root, ...rest] = resources;
  const ordered = topological([...(root ? [root] : []), ...providers.values(), ...rest]);

  const sdkVersion = packageVersion("@pulumi/pulumi");
  const plugins = [...providers.keys()]
    .filter((pkg) => pkg !== "pulumi")
    .map((pkg) => ({
      name: pkg,
      path: "",
      type: "resource" as const,
      version: packageVersion(`@pulumi/${pkg}`),
    }))
    .filter((p) => p.version !== "");
  return {
    version: 3,
    deployment: {
      manifest: {
        time: EPOCH,
        magic: createHash("sha256").update(sdkVersion).digest("hex"),
        version: sdkVersion,
        ...(plugins.length > 0 ? { plugins } : {}),
      },
      resources: ordered,
    },
  };
}

/** Where `npm run plan` writes a stack's deployment file, under its `--out` directory. */
export const deploymentPath = (outDir: string, stack: string): string =>
  join(outDir, "deployments", `${stack}.json`);

/** Writes the plan's deployment file; returns its path. */
export function writeDeployment(plan: StackPlan, outDir: string): string {
  const path = deploymentPath(outDir, plan.stack);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(toDeployment(plan), null, 2) + "\n");
  return path;
}
