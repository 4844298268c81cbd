import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackValidationPolicy } from "@pulumi/policy";
import { main, parseArgs } from "../../src/plan/cli";
import { platformPack } from "../../policies/pack";
import type { StackPlan } from "../../src/plan/types";
import { program } from "../../stacks/program";
import { ROOT } from "../helpers/config";
import { run } from "../helpers/run";

const tmp = () => mkdtempSync(join(tmpdir(), "plan-"));

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation((m: string) => void out.push(m));
  const error = jest.spyOn(console, "error").mockImplementation((m: string) => void err.push(m));
  try {
    const code = await fn();
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("plan CLI", () => {
  test("writes <out>/<stack>.json for every stack, prints a summary per stack and exits 0", async () => {
    const out = tmp();
    const r = await capture(() => main(["--root", ROOT, "--out", out]));
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["deployments", "eu-west-1.json", "us-east-1.json"]);
    const doc = JSON.parse(readFileSync(join(out, "us-east-1.json"), "utf8")) as StackPlan;
    expect(doc.stack).toBe("us-east-1");
    expect(r.out).toContain(
      `us-east-1 (primary, us-east-1): 354 resources, 58 components -> ${join(out, "us-east-1.json")}`,
    );
    expect(r.out).toMatch(/ {2}aws:ec2\/subnet:Subnet +9\n/);
    expect(r.out).toContain("  policies: 0 mandatory, 0 advisory violations\n");
    // One line per pack.
    for (const pack of ["security", "cost", "preflight"]) {
      expect(r.out).toContain(`    ${pack}@0.1.0: 0 mandatory, 0 advisory\n`);
    }
  });

  test("--policy-config applies parameters and enforcement levels in the Pulumi CLI's format", async () => {
    const dir = tmp();
    const config = join(dir, "policy-config.json");
    writeFileSync(
      config,
      JSON.stringify({ "cost-asg-max-size": { maxSizeCeiling: 12, enforcementLevel: "advisory" } }),
    );
    const r = await capture(() =>
      main(["--root", ROOT, "--out", dir, "--stack", "us-east-1", "--policy-config", config]),
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("  policies: 0 mandatory, 1 advisory violations\n");
    expect(r.out).toContain("    cost@0.1.0: 0 mandatory, 1 advisory\n");
    expect(r.out).toContain(
      "[advisory, medium] cost-asg-max-size: Auto Scaling group maxSize is 15: the ceiling is 12 (policy config maxSizeCeiling).",
    );
    expect(r.out).toContain("        remediation: Lower the group's maxSize");
  });

  test("--stack writes only that stack", async () => {
    const out = tmp();
    const r = await capture(() => main(["--root", ROOT, "--out", out, "--stack", "eu-west-1", "--quiet"]));
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["deployments", "eu-west-1.json"]);
    expect(r.out).toBe("");
  });

  test("invalid config exits 1 with the config error and writes nothing", async () => {
    const out = tmp();
    const r = await capture(() =>
      main(["--root", join(ROOT, "tests", "fixtures", "bad-config"), "--out", out]),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'plan failed: Invalid config for stack "us-east-1" (3 problems); no resources were registered:',
    );
    expect(r.err).toContain(
      '  - platform:role = "leader" is not a role: expected one of "primary", "secondary"',
    );
    expect(readdirSync(out)).toEqual([]);
  });

  test("a mandatory violation exits 1, after writing the plan that holds it", async () => {
    const noVpcs: StackValidationPolicy = {
      name: "test-no-vpcs",
      description: "test",
      enforcementLevel: "mandatory",
      validateStack: (args, report) => {
        for (const r of args.resources) if (r.isType(aws.ec2.Vpc)) report("no VPCs allowed", r.urn);
      },
    };
    const out = tmp();
    const pack = { ...platformPack, policies: [noVpcs] };
    const r = await capture(() =>
      main(["--root", ROOT, "--out", out, "--stack", "us-east-1"], { program, packs: [pack] }),
    );
    expect(r.code).toBe(1);
    expect(r.err).toBe("plan: 1 mandatory policy violation");
    const doc = JSON.parse(readFileSync(join(out, "us-east-1.json"), "utf8")) as StackPlan;
    expect(doc.policies.violations).toEqual([
      {
        pack: "platform",
        policy: "test-no-vpcs",
        enforcement: "mandatory",
        urn: "urn:pulumi:us-east-1::platform::platform:network:Vpc$aws:ec2/vpc:Vpc::prod-use1",
        message: "no VPCs allowed",
      },
    ]);
  });

  test("an advisory violation is reported but does not fail the plan", async () => {
    const advisory: StackValidationPolicy = {
      name: "test-advice",
      description: "test",
      enforcementLevel: "advisory",
      validateStack: (_args, report) => report("consider this"),
    };
    const r = await capture(() =>
      main(["--root", ROOT, "--out", tmp(), "--stack", "us-east-1"], {
        program,
        packs: [{ ...platformPack, policies: [advisory] }],
      }),
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "[advisory] test-advice: consider this\n        at urn:pulumi:us-east-1::platform::pulumi:pulumi:Stack::platform-us-east-1",
    );
  });

  test("bad arguments exit 2 and say what is expected", async () => {
    const r = await capture(() => main(["--colour", "blue"]));
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'plan: unknown argument "--colour": expected --stack NAME, --out DIR, --root DIR, --stack-file PATH, --policy-config FILE or --quiet',
    );
    expect(() => parseArgs(["--stack"])).toThrow("--stack needs a value");
  });
});

describe("secrets never reach the plan", () => {
  test("a secure config value is redacted in the plan's config", async () => {
    const out = tmp();
    const r = await capture(() =>
      main(["--root", join(ROOT, "tests", "fixtures", "secrets"), "--out", out, "--quiet"]),
    );
    expect(r.code).toBe(0);
    const text = readFileSync(join(out, "us-east-1.json"), "utf8");
    expect((JSON.parse(text) as StackPlan).config["aws:secretKey"]).toBe("[secret]");
    expect(text).not.toContain("SECRETCIPHERTEXT");
  });

  test("secret resource inputs and stack outputs are redacted; the program still sees the value", async () => {
    const ran = await run(() => {
      const param = new aws.ssm.Parameter("p", { type: "SecureString", value: pulumi.secret("hunter2") });
      return { leaked: pulumi.secret("hunter2"), name: param.name };
    });
    const [param] = ran.records.filter((r) => r.type === "aws:ssm/parameter:Parameter");
    expect(param.inputs.value).toBe("[secret]");
    expect(param.plainInputs.value).toBe("hunter2");
    expect(ran.outputs.leaked).toBe("[secret]");
    expect(ran.plainOutputs.leaked).toBe("hunter2");
    expect(JSON.stringify([param.inputs, ran.outputs])).not.toContain("hunter2");
  });
});
