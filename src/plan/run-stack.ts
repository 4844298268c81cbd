/**
 * Runs the real program for one stack on Pulumi's mock runtime and returns what it registered.
 */
import * as pulumi from "@pulumi/pulumi";
import type { LoadOptions } from "../config";
import type { MockResourceArgs } from "@pulumi/pulumi/runtime";
import { RecordingMonitor, type RecordedResource } from "./recorder";
import { mockResource } from "./mocks";
import { waitForRPCs } from "./sdk-internals";
import { fromWire, providerUrn } from "./values";

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
  /**
   * The program: registers resources, returns the stack outputs. Run with `offlinePlan: true`:
   * placeholder values in the stack's config are accepted (src/config/placeholders.ts).
   */
  readonly program: (options: LoadOptions) => Promise<Record<string, unknown> | undefined>;
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

/**
 * Configures the SDK's mock runtime with a recording monitor: `setMocks` (public) sets the
 * runtime's options and the features mocks support, then `setMockOptions` (public) swaps in the
 * recording monitor, which answers exactly as the SDK's own mock monitor does.
 */
async function installMonitor(monitor: RecordingMonitor, input: StackRunInput): Promise<void> {
  await pulumi.runtime.setMocks(monitor.mocks, input.project, input.stack, false, "organization");
  pulumi.runtime.setMockOptions(monitor, input.project, input.stack, false, "organization");
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
  await installMonitor(monitor, input);
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
        return await input.program({ offlinePlan: true });
      } catch (e) {
        failures.unshift(e);
        return {};
      }
    });
    await waitForRPCs();
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
