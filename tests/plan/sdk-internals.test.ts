import { checkSdkInternals, MockMonitor, waitForRPCs } from "../../src/plan/sdk-internals";

describe("SDK internals the offline plan relies on", () => {
  test("the installed SDKs have every internal in the shape it was checked against", () => {
    expect(typeof MockMonitor.prototype.registerResource).toBe("function");
    expect(typeof waitForRPCs).toBe("function");
  });

  test("a changed SDK fails loudly, naming the versions and each missing piece", () => {
    class Bare {}
    expect(() =>
      checkSdkInternals(
        { MockMonitor: Bare, waitForRPCs: undefined },
        { "@pulumi/pulumi": "9.0.0", "@pulumi/policy": "1.21.0" },
      ),
    ).toThrow(
      "The offline plan relies on SDK internals checked against @pulumi/pulumi 3.270.0, @pulumi/policy 1.21.0, " +
        "but found @pulumi/pulumi 9.0.0, @pulumi/policy 1.21.0: MockMonitor has no method registerResource; " +
        "MockMonitor has no method readResource; MockMonitor has no method registerResourceOutputs; " +
        "MockMonitor has no method supportsFeature; waitForRPCs is not a function in @pulumi/pulumi/runtime/settings. " +
        "Re-check src/plan/sdk-internals.ts against the installed SDKs.",
    );
  });

  test("the checked-against versions are the installed ones (bump them together)", () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const pulumi = require("@pulumi/pulumi/package.json") as { version: string };
    const policy = require("@pulumi/policy/package.json") as { version: string };
    /* eslint-enable @typescript-eslint/no-require-imports */
    expect([pulumi.version, policy.version.replace(/^v/, "")]).toEqual(["3.270.0", "1.21.0"]);
  });
});
