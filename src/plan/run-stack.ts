/**
 * Runs the real program for one stack on Pulumi's mock runtime and returns what it registered.
 */
import * as pulumi from "@pulumi/pulumi";
import type { MockResourceArgs } from "@pulumi/pulumi/runtime";
import { RecordingMonitor, type RecordedResource } from "./recorder";
import { mockResource } from "./mocks";
import { fromWire, providerUrn } from "./values";

/* Internal SDK modules: the mock runtime's settings store and the RPC barrier. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as {
  setMockOptions(monitor: unknown, project: string, stack: string, preview: boolean, org?: string): void;
  waitForRPCs(): Promise<void>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state = require("@pulumi/pulumi/runtime/state") as { getStore(): Record<string, unknown> };

export interface StackRunInput {
  readonly stack: string;
  readonly project: string;
  /** Namespaced config keys to Pulumi's string encoding of their values. */
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
  /** The stack's default region (`aws:region`), for resources that name no region. */
  readonly region: string;
  /** The account ID used in mock ARNs. */
  readonly accountId: string;
  /** Outputs (plain) of stacks already planned, by qualified StackReference name or stack name. */
  readonly stackOutputs: ReadonlyMap<string, Record<string, unknown>>;
  /** Called with each resource as soon as it is registered or read. @default none */
  readonly onRecord?: (rec: RecordedResource) => void;
  /** The program: registers resources, returns the stack outputs. */
  readonly program: () => Promise<Record<string, unknown> | undefined>;
}

export interface StackRunResult {
  readonly records: RecordedResource[];
  /** Outputs with secrets redacted (for the plan document). */
  readonly outputs: Record<string, unknown>;
  /** Outputs with secrets unwrapped (to answer later stacks' StackReferences). */
  readonly plainOutputs: Record<string, unknown>;
  /** Region of each resource, by URN. */
  readonly regions: ReadonlyMap<string, string>;
}

/** Configures the SDK's mock runtime with a recording monitor, as `setMocks` does. */
function installMonitor(monitor: RecordingMonitor, input: StackRunInput): void {
  settings.setMockOptions(monitor, input.project, input.stack, false, "organization");
  const store = state.getStore();
  Object.assign(store, {
    supportsSecrets: true,
    supportsResourceReferences: true,
    supportsOutputValues: false,
    supportsDeletedWith: true,
    supportsReplaceWith: true,
    supportsAliasSpecs: true,
    supportsTransforms: true,
    supportsInvokeTransforms: true,
    supportsParameterization: true,
    supportsResourceHooks: true,
    supportsErrorHooks: true,
    supportsInvokeDependsOn: false,
  });
}

export async function runStack(input: StackRunInput): Promise<StackRunResult> {
  const regions = new Map<string, string>();
  const providerRegion = (ref: string | undefined): string | undefined => {
    return ref ? regions.get(providerUrn(ref)) : undefined;
  };
  const regionOf = (inputs: Record<string, unknown>, provider: string | undefined): string =>
    typeof inputs.region === "string" ? inputs.region : (providerRegion(provider) ?? input.region);

  const recordRegion = (r: RecordedResource) => {
    const own = r.plainInputs;
    const isAwsProvider = r.type === "pulumi:providers:aws" && typeof own.region === "string";
    regions.set(r.urn, isAwsProvider ? (own.region as string) : regionOf(own, r.provider));
    input.onRecord?.(r);
  };
  const monitor = new RecordingMonitor(
    {
      newResource: (args: MockResourceArgs) =>
        mockResource(args, {
          stack: input.stack,
          accountId: input.accountId,
          regionOf: (a) => regionOf(a.inputs as Record<string, unknown>, a.provider),
          stackOutputs: (name) =>
            input.stackOutputs.get(name) ?? input.stackOutputs.get(name.split("/").pop() ?? name),
        }),
      call: (args) => {
        throw new Error(
          `The program called ${args.token} (a provider invoke): the platform makes no invokes at preview; ` +
            `take the value from config, an SSM "resolve:ssm:" reference or another stack's outputs.`,
        );
      },
    },
    recordRegion,
  );
  installMonitor(monitor, input);
  pulumi.runtime.setAllConfig({ ...input.config }, [...input.secretKeys]);

  // The program's own error is captured inside the root stack, so that the stack resource still
  // completes and leaves no orphaned rejection behind; errors raised inside resource
  // registrations that nothing awaited surface as unhandled rejections and are collected too.
  const failures: unknown[] = [];
  const onRejection = (reason: unknown) => failures.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    await pulumi.runtime.runInPulumiStack(async () => {
      try {
        return await input.program();
      } catch (e) {
        failures.unshift(e);
        return {};
      }
    });
    await settings.waitForRPCs();
  } finally {
    await new Promise((r) => setImmediate(r));
    process.off("unhandledRejection", onRejection);
  }
  if (failures.length > 0) throw failures[0];

  const wire = monitor.stackOutputs ?? {};
  return {
    records: monitor.records,
    outputs: (fromWire(wire, true) ?? {}) as Record<string, unknown>,
    plainOutputs: (fromWire(wire, false) ?? {}) as Record<string, unknown>,
    regions,
  };
}
