import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { Policy, ResourceValidationPolicy } from "@pulumi/policy";
import type { PolicyPackDefinition } from "../../policies/pack";
import { toDeployment } from "../../src/plan/deployment";
import type { StackPlan } from "../../src/plan/types";
import { main, parseArgs, readPlanFile } from "../../src/report/cli";
import { isCustomResourceType, SourceIndex } from "../../src/report/locate";
import { COMMENT_MARKER, renderMarkdown } from "../../src/report/markdown";
import { componentDiagram } from "../../src/report/mermaid";
import { buildReport, policyInfo } from "../../src/report/model";
import { renderSarif } from "../../src/report/sarif";
import { realPlans } from "../helpers/plans";
import { syntheticPlan, urnOf } from "../helpers/synthetic";

const ROOT = join(__dirname, "..", "..");

/**
 * The SARIF 2.1.0 JSON Schema as the npm registry ships it (@microsoft/jest-sarif carries the
 * SchemaStore copy, sarif-2.1.0-rtm.5.json, a draft-04 schema). docs/plan-format.md says why it
 * is not a vendored copy of the OASIS file.
 */
const SARIF_SCHEMA = JSON.parse(
  readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
) as object;
// The schema's `language` pattern is not valid in unicode mode ("]?"): compile patterns without the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(SARIF_SCHEMA);

const withMeta = (p: Policy, meta: Record<string, unknown>): Policy => ({ ...p, ...meta });
const flagNat: ResourceValidationPolicy = {
  name: "test-no-nat",
  description: "NAT gateways cost money.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type === "aws:ec2/natGateway:NatGateway") report(`NAT gateway ${args.name} is not allowed`);
  },
};
const testPack: PolicyPackDefinition = {
  name: "test",
  version: "1.0.0",
  enforcementLevel: "advisory",
  policies: [
    withMeta(flagNat, { severity: "high", remediationSteps: "Use a single NAT gateway, or none." }),
    withMeta(
      {
        name: "test-tags",
        description: "Resources carry tags.",
        enforcementLevel: "advisory",
        validateResource: () => undefined,
      } as ResourceValidationPolicy,
      { severity: "low" },
    ),
    { name: "test-quiet", description: "Never fires.", validateResource: () => undefined },
  ],
};

function twoStacks(): [StackPlan, StackPlan] {
  const primary = syntheticPlan(
    "us-east-1",
    [
      { type: "platform:network:Vpc", name: "prod-use1" },
      { type: "aws:ec2/natGateway:NatGateway", name: "prod-use1-nat-us-east-1a", parent: "prod-use1" },
      { type: "platform:compute:Tier", name: "prod-use1-web" },
      { type: "platform:compute:AutoScalingFleet", name: "prod-use1-web-asg", parent: "prod-use1-web" },
    ],
    { role: "primary" },
  );
  const nat = urnOf(primary, "prod-use1-nat-us-east-1a");
  primary.policies.violations = [
    {
      pack: "test",
      policy: "test-no-nat",
      enforcement: "mandatory",
      urn: nat,
      message: "NAT gateway prod-use1-nat-us-east-1a is not allowed",
    },
    {
      pack: "test",
      policy: "test-tags",
      enforcement: "advisory",
      urn: urnOf(primary, "prod-use1"),
      message: "VPC has no owner tag",
    },
    {
      pack: "other",
      policy: "unknown-rule",
      enforcement: "advisory",
      urn: primary.resources[0].urn,
      message: "from a pack this repo lacks",
    },
  ];
  const secondary = syntheticPlan(
    "eu-west-1",
    [
      { type: "platform:network:Vpc", name: "prod-euw1" },
      {
        type: "pulumi:pulumi:StackReference",
        name: "prod-euw1-peer-us-east-1",
        operation: "read",
        inputs: { name: "organization/platform/us-east-1" },
      },
      { type: "platform:network:VpcPeering", name: "prod-euw1-to-us-east-1" },
    ],
    { role: "secondary" },
  );
  return [primary, secondary];
}

describe("the Mermaid diagram", () => {
  test("has the stack, its components linked parent to child, and each StackReference as an edge to the other stack", () => {
    const [primary, secondary] = twoStacks();
    const d1 = componentDiagram(primary);
    expect(d1.split("\n")[0]).toBe("flowchart LR");
    expect(d1).toContain('  stack_us_east_1["stack us-east-1 (us-east-1, primary)"]');
    expect(d1).toContain('  c0["prod-use1<br/>network:Vpc"]');
    expect(d1).toContain('  c2["prod-use1-web-asg<br/>compute:AutoScalingFleet"]');
    expect(d1).toContain("  stack_us_east_1 --> c0");
    expect(d1).toContain("  c1 --> c2"); // Tier -> its fleet
    const d2 = componentDiagram(secondary);
    expect(d2).toContain('  ref_us_east_1[("stack us-east-1")]');
    expect(d2).toContain(
      '  stack_eu_west_1 -.->|"StackReference organization/platform/us-east-1"| ref_us_east_1',
    );
  });

  test("the real secondary links to the primary through its StackReference", async () => {
    const [, euw1] = await realPlans();
    const d = componentDiagram(euw1);
    expect(d).toContain('ref_us_east_1[("stack us-east-1")]');
    expect(d).toMatch(/-\.->\|"StackReference organization\/platform\/us-east-1"\| ref_us_east_1/);
    expect(d).toMatch(/\["prod-euw1<br\/>network:Vpc"\]/);
  });
});

describe("buildReport and its formats", () => {
  test("policy metadata: severity and remediationSteps when the policy has them, nothing invented otherwise", () => {
    expect(policyInfo(testPack, testPack.policies[0])).toMatchObject({
      severity: "high",
      remediation: "Use a single NAT gateway, or none.",
      enforcementLevel: "mandatory",
    });
    const quiet = policyInfo(testPack, testPack.policies[2]);
    expect(quiet.severity).toBeUndefined();
    expect(quiet.remediation).toBeUndefined();
    expect(quiet.enforcementLevel).toBe("advisory"); // the pack's level
  });

  test("Markdown: summary with costs, a Mermaid block per stack, violations by pack and severity with remediation", async () => {
    const [primary, secondary] = twoStacks();
    const report = await buildReport(
      [
        { plan: secondary, file: ".plan/eu-west-1.json" },
        { plan: primary, file: ".plan/us-east-1.json" },
      ],
      { packs: [testPack], evaluate: false },
    );
    expect(report.stacks.map((s) => s.stack)).toEqual(["us-east-1", "eu-west-1"]); // primary first
    const md = renderMarkdown(report);
    expect(md.startsWith(`${COMMENT_MARKER}\n## ❌ Policy check: 1 mandatory, 2 advisory violations\n`)).toBe(
      true,
    );
    expect(md).toContain("| Stack | Role | Region | Estimated monthly cost | Mandatory | Advisory |");
    expect(md).toMatch(/\| `us-east-1` \| primary \| us-east-1 \| \$[\d,.]+ \| 1 \| 2 \|/);
    expect(md).toContain("```mermaid\nflowchart LR\n");
    expect(md).toContain("#### Pack `test`, severity high (1)");
    expect(md).toContain(
      "- **mandatory** `test-no-nat` on `prod-use1-nat-us-east-1a` (aws:ec2/natGateway:NatGateway): NAT gateway prod-use1-nat-us-east-1a is not allowed\n  - Remediation: Use a single NAT gateway, or none.",
    );
    expect(md).toContain("#### Pack `test`, severity low (1)");
    expect(md).toContain("#### Pack `other`, severity not declared (1)");
    expect(md.indexOf("Pack `other`")).toBeLessThan(md.indexOf("Pack `test`, severity high"));
    expect(md).toContain("Estimated cost: $");
    expect(md).toMatch(/standby eu-west-1 costs .* of primary us-east-1/);
  });

  test("SARIF validates against the SARIF 2.1.0 schema; levels follow enforcement; rules carry help", async () => {
    const [primary, secondary] = twoStacks();
    const report = await buildReport(
      [
        { plan: primary, file: "us-east-1.json" },
        { plan: secondary, file: "eu-west-1.json" },
      ],
      { packs: [testPack], evaluate: false, sources: SourceIndex.build(ROOT) },
    );
    const sarif = JSON.parse(renderSarif(report, "0.1.0")) as {
      version: string;
      runs: {
        tool: {
          driver: {
            rules: {
              id: string;
              help: { text: string };
              defaultConfiguration: { level: string };
              properties: Record<string, unknown>;
            }[];
          };
        };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: {
            physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
        }[];
      }[];
    };
    expect(validateSarif(sarif)).toBe(true);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(sarif.version).toBe("2.1.0");
    const [run] = sarif.runs;
    const rule = run.tool.driver.rules.find((r) => r.id === "test/test-no-nat")!;
    expect(rule.help.text).toBe("Use a single NAT gateway, or none.");
    expect(rule.defaultConfiguration.level).toBe("error");
    expect(rule.properties["security-severity"]).toBe("8.0");
    expect(run.tool.driver.rules.find((r) => r.id === "test/test-tags")!.defaultConfiguration.level).toBe(
      "warning",
    );
    const nat = run.results.find((r) => r.ruleId === "test/test-no-nat")!;
    expect(nat.level).toBe("error");
    expect(run.tool.driver.rules[nat.ruleIndex].id).toBe("test/test-no-nat");
    // The synthetic NAT gateway's name matches the Vpc component's constructor call for it.
    const loc = nat.locations[0].physicalLocation!;
    expect(loc.artifactLocation.uri).toBe("components/network/vpc.ts");
    const line = readFileSync(join(ROOT, loc.artifactLocation.uri), "utf8").split("\n")[
      loc.region.startLine - 1
    ];
    expect(line).toContain("new aws.ec2.NatGateway(");
    expect(run.results.find((r) => r.ruleId === "test/test-tags")!.level).toBe("warning");
  });

  test("--evaluate judges a plan's resources with this repository's packs, not what the plan recorded", async () => {
    const [primary] = twoStacks();
    primary.policies.violations = [];
    const report = await buildReport([{ plan: primary, file: "p.json" }], {
      packs: [testPack],
      evaluate: true,
    });
    expect(report.stacks[0].violationsFrom).toBe("evaluated");
    expect(report.stacks[0].violations).toEqual([
      expect.objectContaining({
        pack: "test",
        policy: "test-no-nat",
        enforcement: "mandatory",
        severity: "high",
        resourceName: "prod-use1-nat-us-east-1a",
      }),
    ]);
    expect(report.mandatory).toBe(1);
  });
});

describe("source locations on the real plans", () => {
  test("every resource of both stacks is located at its own constructor call; the line holds `new ...(`", async () => {
    const plans = await realPlans();
    const index = SourceIndex.build(ROOT);
    const lines = new Map<string, string[]>();
    for (const plan of plans) {
      for (const r of plan.resources) {
        const loc = index.locate(plan, r.urn)!;
        if (r.type === "pulumi:pulumi:Stack") {
          expect(loc).toEqual({ file: `Pulumi.${plan.stack}.yaml`, line: 1, column: 1, kind: "stack-file" });
          continue;
        }
        expect(`${r.name}: ${loc.kind}`).toBe(`${r.name}: resource`);
        const text = lines.get(loc.file) ?? readFileSync(join(ROOT, loc.file), "utf8").split("\n");
        lines.set(loc.file, text);
        const cls = r.type.startsWith("pulumi:providers:")
          ? "Provider"
          : isCustomResourceType(r.type)
            ? "CustomResource"
            : r.type.split(":").pop()!;
        expect(text[loc.line - 1].slice(loc.column - 1)).toMatch(new RegExp(`^new [\\w.]*\\b${cls}\\(`));
      }
    }
    // Calls of one type in one file are told apart by name and literal inputs.
    const [use1] = plans;
    const at = (name: string) => index.locate(use1, use1.resources.find((r) => r.name === name)!.urn)!.line;
    expect(at("prod-use1-s3")).not.toBe(at("prod-use1-sts")); // gateway vs interface endpoint
    expect(at("prod-use1-public-us-east-1a")).not.toBe(at("prod-use1-private-us-east-1a"));
  });
});

describe("npm run policy (main)", () => {
  const dir = mkdtempSync(join(tmpdir(), "policy-cli-"));
  const write = (name: string, doc: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(doc));
    return path;
  };
  const capture = async (argv: string[], packs = [testPack]) => {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = jest.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
      out.push(String(s));
      return true;
    });
    const log = jest.spyOn(console, "error").mockImplementation((m: string) => void err.push(m));
    try {
      const code = await main(argv, { packs });
      return { code, out: out.join(""), err: err.join("\n") };
    } finally {
      stdout.mockRestore();
      log.mockRestore();
    }
  };

  test("a mandatory violation exits 1; advisory only exits 0", async () => {
    const [primary, secondary] = twoStacks();
    const bad = write("us-east-1.json", primary);
    const ok = write("eu-west-1.json", secondary);
    const r = await capture(["--plan", bad, ok, "--root", ROOT]);
    expect(r.code).toBe(1);
    expect(r.err).toBe("policy: 1 mandatory policy violation");
    expect(r.out).toContain(
      "[mandatory, high] test/test-no-nat: NAT gateway prod-use1-nat-us-east-1a is not allowed",
    );
    expect(r.out).toContain("source components/network/vpc.ts:");
    expect(r.out).toContain("remediation: Use a single NAT gateway, or none.");
    expect((await capture(["--plan", ok, "--root", ROOT])).code).toBe(0);
  });

  test("--format sarif --out writes a file; --format json is the report model", async () => {
    const [primary] = twoStacks();
    const plan = write("p.json", primary);
    const out = join(dir, "sub", "policy.sarif");
    expect((await capture(["--plan", plan, "--format", "sarif", "--out", out, "--root", ROOT])).code).toBe(1);
    expect(validateSarif(JSON.parse(readFileSync(out, "utf8")))).toBe(true);
    const json = await capture(["--plan", plan, "--format", "json", "--root", ROOT]);
    const doc = JSON.parse(json.out) as {
      reportVersion: number;
      mandatory: number;
      stacks: { stack: string; cost: { monthly: number } }[];
    };
    expect(doc).toMatchObject({ reportVersion: 1, mandatory: 1 });
    expect(doc.stacks[0].stack).toBe("us-east-1");
    expect(typeof doc.stacks[0].cost.monthly).toBe("number");
  });

  test("bad arguments and files that are not plans exit 2 with a message naming the problem", async () => {
    expect(await capture([])).toMatchObject({
      code: 2,
      err: "policy: --plan FILE is required (one or more plan files)",
    });
    expect((await capture(["--plan", "x.json", "--format", "html"])).err).toBe(
      "policy: --format html is not a format: expected one of text, json, markdown, sarif",
    );
    const [primary] = twoStacks();
    const deployment = write("deployment.json", toDeployment(primary));
    const r = await capture(["--plan", deployment]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("this is a deployment file (pulumi stack export)");
    const broken = write("broken.json", { ...primary, resources: [{ urn: 1 }] });
    expect((await capture(["--plan", broken])).err).toContain("resources[0].urn is not a string");
    const future = write("future.json", { ...primary, formatVersion: 99 });
    expect((await capture(["--plan", future])).err).toContain("formatVersion 99 is newer than this tool's 1");
  });

  test("a shell glob after one --plan gives several files", () => {
    expect(
      parseArgs(["--plan", "a.json", "b.json", "--format", "markdown", "--plan", "c.json"]),
    ).toMatchObject({
      plans: ["a.json", "b.json", "c.json"],
      format: "markdown",
    });
  });

  test("reads the real plans: no violations, exit 0, and the plan file reader accepts them", async () => {
    const plans = await realPlans();
    const files = plans.map((p) => write(`real-${p.stack}.json`, p));
    for (const f of files) expect(readPlanFile(f).formatVersion).toBe(1);
    const { PLATFORM_PACKS } = await import("../../policies/pack");
    const r = await capture(
      ["--plan", ...files, "--format", "markdown", "--root", ROOT],
      [...PLATFORM_PACKS],
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("## ✅ Policy check: 0 mandatory, 0 advisory violations");
    expect(r.out).toContain("### Stack `us-east-1`");
  });
});
