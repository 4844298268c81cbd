/**
 * The only place the offline plan touches internals of the Pulumi SDKs (everything else uses
 * their public API). Checked against @pulumi/pulumi 3.270.0 and @pulumi/policy 1.21.0; an
 * upgrade must re-check each item below, and {@link checkSdkInternals} fails loudly, naming the
 * missing piece, when their shape changes.
 *
 * - `MockMonitor` (`@pulumi/pulumi/runtime/mocks`): the SDK's own mock resource monitor, which
 *   the recording monitor extends so resource behaviour is exactly the SDK's. The public API
 *   exposes only `setMocks`, which builds one we could not observe.
 * - `waitForRPCs` (`@pulumi/pulumi/runtime/settings`, marked @internal): waits until every
 *   registration the program started has been answered. The public `disconnect` waits too but
 *   then shuts the runtime down, which a second stack in the same process cannot survive.
 *
 * Not internals, but generated code the recorder imports directly: `@pulumi/pulumi/proto/resource_pb`,
 * the resource monitor's protocol messages (`RegisterResourceRequest` and its options), which the
 * recording monitor receives from the SDK. They change only with the engine's gRPC protocol, and
 * the plan tests fail on any field the recorder stops finding.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

/** The SDK versions the internals below were checked against. */
export const CHECKED_AGAINST = { "@pulumi/pulumi": "3.270.0", "@pulumi/policy": "1.21.0" } as const;

/** What this module needs of the SDKs' internals. */
export interface SdkInternals {
  readonly MockMonitor: unknown;
  readonly waitForRPCs: unknown;
}

const METHODS = ["registerResource", "readResource", "registerResourceOutputs", "supportsFeature"] as const;

/**
 * Checks that the internals have the shape this project relies on; throws an error that names
 * the SDK versions checked against, the versions found and each missing piece.
 */
export function checkSdkInternals(
  found: SdkInternals,
  versions: Readonly<Record<string, string>> = installedVersions(),
): void {
  const problems: string[] = [];
  const proto = (found.MockMonitor as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  if (typeof found.MockMonitor !== "function" || !proto) {
    problems.push("MockMonitor is not a class in @pulumi/pulumi/runtime/mocks");
  } else {
    for (const m of METHODS) {
      if (typeof proto[m] !== "function") problems.push(`MockMonitor has no method ${m}`);
    }
  }
  if (typeof found.waitForRPCs !== "function") {
    problems.push("waitForRPCs is not a function in @pulumi/pulumi/runtime/settings");
  }
  if (problems.length > 0) {
    const checked = Object.entries(CHECKED_AGAINST)
      .map(([p, v]) => `${p} ${v}`)
      .join(", ");
    const now = Object.entries(versions)
      .map(([p, v]) => `${p} ${v}`)
      .join(", ");
    throw new Error(
      `The offline plan relies on SDK internals checked against ${checked}, but found ${now}: ` +
        `${problems.join("; ")}. Re-check src/plan/sdk-internals.ts against the installed SDKs.`,
    );
  }
}

function installedVersions(): Record<string, string> {
  const version = (pkg: string) => {
    try {
      return (require(`${pkg}/package.json`) as { version: string }).version;
    } catch {
      return "unknown";
    }
  };
  return { "@pulumi/pulumi": version("@pulumi/pulumi"), "@pulumi/policy": version("@pulumi/policy") };
}

const mocks = require("@pulumi/pulumi/runtime/mocks") as { MockMonitor: unknown };
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: unknown };

checkSdkInternals({
  MockMonitor: mocks.MockMonitor,
  waitForRPCs: settings.waitForRPCs,
});

/** The SDK's mock resource monitor (see the module comment). */
export const MockMonitor = mocks.MockMonitor as typeof import("@pulumi/pulumi/runtime/mocks").MockMonitor;
/** Waits until every registration the program started has been answered. */
export const waitForRPCs = settings.waitForRPCs as () => Promise<void>;
