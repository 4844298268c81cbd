/**
 * Per-stack policy config files, policies/config/<stack>.json: one per stack, valid for each of
 * the three packs, read by the offline plan for its stack (and passed by the workflow's preview
 * with --policy-pack-config, tests/ci/workflow.test.ts); a level set in the file changes the result.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PLATFORM_PACKS } from "../../policies/pack";
import { main } from "../../src/plan/cli";
import { evaluatePolicies } from "../../src/plan/policies";
import {
  parsePolicyConfig,
  readStackPolicyConfig,
  resolvePolicyConfig,
  stackPolicyConfigPath,
} from "../../src/plan/policy-config";
import { findStackFiles } from "../../src/plan/stack-files";
import type { StackPlan } from "../../src/plan/types";
import { ROOT } from "../helpers/config";
import { realPlans } from "../helpers/plans";

const stacks = findStackFiles(ROOT).map((f) => f.replace(/^.*Pulumi\.(.+)\.yaml$/, "$1"));

describe("policies/config/<stack>.json", () => {
  test("names the stack file's account for the confused-deputy check (the two cannot drift apart)", () => {
    for (const stack of stacks) {
      const text = readFileSync(join(ROOT, `Pulumi.${stack}.yaml`), "utf8");
      const account = /platform:accountId: "?(\d{12})"?/.exec(text)?.[1];
      expect([stack, account]).toEqual([stack, expect.stringMatching(/^\d{12}$/)]);
      const parsed = parsePolicyConfig(readStackPolicyConfig(ROOT, stack));
      expect([stack, parsed.get("preflight-service-role-confused-deputy")?.properties.accountId]).toEqual([
        stack,
        account,
      ]);
    }
  });

  test("exists for every stack, and is valid for each pack (as the CLI validates it)", () => {
    expect(stacks.sort()).toEqual(["eu-west-1", "us-east-1"]);
    for (const stack of stacks) {
      expect(stackPolicyConfigPath(stack)).toBe(`policies/config/${stack}.json`);
      const parsed = parsePolicyConfig(readStackPolicyConfig(ROOT, stack));
      for (const pack of PLATFORM_PACKS) expect(() => resolvePolicyConfig(pack, parsed)).not.toThrow();
      // Budgets and allowlists are set per stack; the standby's ceilings are lower.
      expect(parsed.get("cost-asg-max-size")?.properties.maxSizeCeiling).toEqual(expect.any(Number));
      expect(parsed.get("cost-spot-share")?.enforcementLevel).toBe("advisory");
    }
    const ceiling = (s: string) =>
      parsePolicyConfig(readStackPolicyConfig(ROOT, s)).get("cost-asg-max-size")!.properties
        .maxSizeCeiling as number;
    expect(ceiling("eu-west-1")).toBeLessThan(ceiling("us-east-1"));
    expect(readStackPolicyConfig(ROOT, "no-such-stack")).toBeUndefined();
  });

  describe("a level set in the file changes the offline result", () => {
    let primary: StackPlan;
    let dir: string;
    beforeAll(async () => {
      [primary] = await realPlans();
      dir = mkdtempSync(join(tmpdir(), "stack-policy-config-"));
      mkdirSync(join(dir, "policies", "config"), { recursive: true });
    });
    const evaluateWith = async (config: unknown) => {
      writeFileSync(join(dir, stackPolicyConfigPath(primary.stack)), JSON.stringify(config));
      return evaluatePolicies(primary.resources, PLATFORM_PACKS, {
        region: primary.region,
        config: readStackPolicyConfig(dir, primary.stack),
      });
    };
    const summary = (vs: { policy: string; enforcement: string; pack: string }[]) =>
      vs.map((v) => `${v.pack}/${v.policy}:${v.enforcement}`);

    test("the repository's file: no violation on the primary", async () => {
      const vs = await evaluatePolicies(primary.resources, PLATFORM_PACKS, {
        region: primary.region,
        config: readStackPolicyConfig(ROOT, primary.stack),
      });
      expect(vs).toEqual([]);
    });

    test("a lower ceiling is mandatory; advisory in the file makes it advisory; disabled removes it", async () => {
      const ceiling = { maxSizeCeiling: 5 };
      expect(summary(await evaluateWith({ "cost-asg-max-size": ceiling }))).toEqual([
        "cost/cost-asg-max-size:mandatory",
        "cost/cost-asg-max-size:mandatory",
      ]);
      expect(
        summary(await evaluateWith({ "cost-asg-max-size": { ...ceiling, enforcementLevel: "advisory" } })),
      ).toEqual(["cost/cost-asg-max-size:advisory", "cost/cost-asg-max-size:advisory"]);
      expect(
        await evaluateWith({ "cost-asg-max-size": { ...ceiling, enforcementLevel: "disabled" } }),
      ).toEqual([]);
    });

    test("`all` sets every pack's levels, and each violation keeps its severity and remediation", async () => {
      const vs = await evaluateWith({ all: "advisory", "cost-asg-max-size": { maxSizeCeiling: 5 } });
      expect(summary(vs)).toEqual(["cost/cost-asg-max-size:advisory", "cost/cost-asg-max-size:advisory"]);
      expect(vs[0]).toMatchObject({
        severity: "medium",
        remediation: expect.stringContaining("maxSizeCeiling") as unknown,
      });
    });
  });

  test("the plan CLI reads each stack's file, and names the stack when it is invalid", async () => {
    const root = mkdtempSync(join(tmpdir(), "plan-root-"));
    for (const f of ["Pulumi.yaml", "Pulumi.us-east-1.yaml", "Pulumi.eu-west-1.yaml"])
      cpSync(join(ROOT, f), join(root, f));
    mkdirSync(join(root, "policies", "config"), { recursive: true });
    writeFileSync(
      join(root, "policies", "config", "eu-west-1.json"),
      JSON.stringify({ "cost-spot-share": { minSpotPercentage: 120 } }),
    );
    const out = join(root, "out");
    const errors: string[] = [];
    const error = jest.spyOn(console, "error").mockImplementation((m: string) => void errors.push(m));
    try {
      const code = await main(["--root", root, "--out", out], {
        program: () => Promise.reject(new Error("nothing is planned")),
        packs: PLATFORM_PACKS,
      });
      expect(code).toBe(1);
    } finally {
      error.mockRestore();
    }
    expect(errors).toEqual([
      'plan failed: policy config of stack eu-west-1: validating policy config for "cost": cost-spot-share: minSpotPercentage must be <= 100',
    ]);
    expect(readdirSync(out)).toEqual([]);
  });
});
