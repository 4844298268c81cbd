import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Policy } from "@pulumi/policy";
import { asgMaxSize } from "../../policies/cost/asg-max-size";
import { spotShare } from "../../policies/cost/spot-share";
import { platformPack } from "../../policies/pack";
import { main } from "../../src/plan/cli";
import { evaluatePolicies } from "../../src/plan/policies";
import { PolicyConfigError } from "../../src/plan/policy-config";
import { ROOT } from "../helpers/config";
import { res } from "../helpers/policy";

// Semantics mirrored from pulumi/pulumi pkg/resource/analyzer/config.go (see src/plan/policy-config.ts).
const group = res("aws:autoscaling/group:Group", "g", {
  minSize: 2,
  maxSize: 25,
  tags: [{ key: "platform:stateless", value: "true", propagateAtLaunch: true }],
});
const pack = (policies: Policy[]) => ({
  name: "platform",
  version: "0.0.0",
  enforcementLevel: "mandatory" as const,
  policies,
});
const evaluate = (config: unknown, policies: Policy[] = [asgMaxSize, spotShare]) =>
  evaluatePolicies([group], [pack(policies)], { region: "us-east-1", config });
const levels = async (config: unknown) => (await evaluate(config)).map((v) => [v.policy, v.enforcement]);

describe("policy config, as the Pulumi CLI reads it", () => {
  test("without config, each policy runs at its own level with its schema's defaults", async () => {
    expect(await levels(undefined)).toEqual([
      ["cost-asg-max-size", "mandatory"],
      ["cost-spot-share", "mandatory"],
    ]);
  });

  test('the string shorthand sets a level: "cost-asg-max-size": "advisory"', async () => {
    expect(await levels({ "cost-asg-max-size": "advisory" })).toEqual([
      ["cost-asg-max-size", "advisory"],
      ["cost-spot-share", "mandatory"],
    ]);
  });

  test("`all` sets every policy's level; a policy's own entry overrides it", async () => {
    expect(await levels({ all: "advisory" })).toEqual([
      ["cost-asg-max-size", "advisory"],
      ["cost-spot-share", "advisory"],
    ]);
    expect(await levels({ all: { enforcementLevel: "disabled" }, "cost-spot-share": "mandatory" })).toEqual([
      ["cost-spot-share", "mandatory"],
    ]);
  });

  test("remediate is reported as mandatory, disabled skips the policy", async () => {
    expect(await levels({ "cost-asg-max-size": "remediate", "cost-spot-share": "disabled" })).toEqual([
      ["cost-asg-max-size", "mandatory"],
    ]);
  });

  test("an unknown enforcement level is an error, in either form", async () => {
    await expect(evaluate({ "cost-asg-max-size": { enforcementLevel: "warn" } })).rejects.toThrow(
      new PolicyConfigError(
        'parsing enforcement level for "cost-asg-max-size": "warn" is not a valid enforcement level: ' +
          'expected one of "advisory", "mandatory", "remediate", "disabled"',
      ),
    );
    await expect(evaluate({ all: "optional" })).rejects.toThrow(
      'parsing enforcement level for "all": "optional" is not a valid enforcement level',
    );
    await expect(evaluate({ "cost-asg-max-size": 5 })).rejects.toThrow(
      'parsing "cost-asg-max-size": 5 is not a valid value; must be a string or object',
    );
  });

  test("a policy's config is validated against its configSchema, every error at once", async () => {
    await expect(
      evaluate({
        "cost-asg-max-size": { maxSizeCeiling: "five" },
        "cost-spot-share": { minSpotPercentage: 120 },
      }),
    ).rejects.toThrow(
      'validating policy config for "platform": cost-asg-max-size: maxSizeCeiling must be integer; ' +
        "cost-spot-share: minSpotPercentage must be <= 100",
    );
  });

  test("valid config overlays the defaults; entries naming no policy are ignored, as by the CLI", async () => {
    const v = await evaluate({ "cost-asg-max-size": { maxSizeCeiling: 30 }, "no-such-policy": "advisory" });
    expect(v.map((x) => x.policy)).toEqual(["cost-spot-share"]);
  });

  test("the plan CLI exits 1 on invalid policy config, before planning anything", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plan-"));
    const file = join(dir, "policy-config.json");
    writeFileSync(file, JSON.stringify({ "cost-asg-max-size": { maxSizeCeiling: "five" } }));
    const out = join(dir, "out");
    const errors: string[] = [];
    const error = jest.spyOn(console, "error").mockImplementation((m: string) => void errors.push(m));
    try {
      const code = await main(["--root", ROOT, "--out", out, "--policy-config", file], {
        program: () => Promise.reject(new Error("nothing is planned")),
        packs: [platformPack],
      });
      expect(code).toBe(1);
    } finally {
      error.mockRestore();
    }
    expect(errors).toEqual([
      'plan failed: validating policy config for "platform": cost-asg-max-size: maxSizeCeiling must be integer',
    ]);
    expect(readdirSync(out)).toEqual([]);
  });
});
