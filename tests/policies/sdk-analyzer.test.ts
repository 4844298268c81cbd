/**
 * Faithful evaluation: each pack directory started the way the Pulumi CLI starts it (the Node.js
 * language host's `run-policy-pack`, ts-node with type checking, the SDK's own gRPC analyzer
 * server), spoken to over gRPC as the CLI does (src/plan/sdk-analyzer.ts), gives the same
 * violations, messages, severities and enforcement levels as the offline evaluator
 * (src/plan/policies.ts) on the same plan and policy config.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PLATFORM_PACKS } from "../../policies/pack";
import { POLICY_METADATA } from "../../policies/metadata";
import { evaluatePolicies } from "../../src/plan/policies";
import { readStackPolicyConfig } from "../../src/plan/policy-config";
import { PACK_DIRS, SdkAnalyzer, UNKNOWN, type SdkDiagnostic } from "../../src/plan/sdk-analyzer";
import type { PlanResource, PlanViolation, StackPlan } from "../../src/plan/types";
import { ROOT } from "../helpers/config";
import { realPlans } from "../helpers/plans";
import { res } from "../helpers/policy";

jest.setTimeout(240_000);

const analyzers = new Map<string, SdkAnalyzer>();
let plans: StackPlan[];

beforeAll(async () => {
  plans = await realPlans();
  // One at a time: each start type-checks the pack (2 cores are shared with other test files).
  for (const pack of PLATFORM_PACKS) analyzers.set(pack.name, await SdkAnalyzer.start(PACK_DIRS[pack.name]));
});
afterAll(() => {
  for (const a of analyzers.values()) a.close();
});

/** The offline violations as the CLI would show them: the policy's description, a newline, the message. */
function asCliShowsThem(vs: readonly PlanViolation[]): Omit<SdkDiagnostic, "packVersion">[] {
  const byName = new Map(PLATFORM_PACKS.flatMap((pack) => pack.policies.map((p) => [p.name, p])));
  return vs.map((v) => ({
    pack: v.pack,
    policy: v.policy,
    urn: v.urn,
    message: `${byName.get(v.policy)!.description}\n${v.message}`,
    description: byName.get(v.policy)!.description,
    enforcement: v.enforcement,
    ...(v.severity ? { severity: v.severity } : {}),
  }));
}

const sorted = <T>(xs: readonly T[]) => [...xs].map((x) => JSON.stringify(x)).sort();

async function throughSdk(resources: readonly PlanResource[], region: string, config: unknown) {
  const out: SdkDiagnostic[] = [];
  for (const pack of PLATFORM_PACKS) {
    const a = analyzers.get(pack.name)!;
    await a.configure(pack, config);
    out.push(...(await a.analyzeAll(resources, { region, config })));
  }
  return out;
}

async function bothPaths(resources: readonly PlanResource[], region: string, config: unknown) {
  const offline = await evaluatePolicies(resources, PLATFORM_PACKS, { region, config });
  const sdk = await throughSdk(resources, region, config);
  return { offline, sdk };
}

describe("the packs as the Pulumi CLI runs them", () => {
  test("each directory serves its pack: name, version, policies with severity, remediation and level", async () => {
    for (const pack of PLATFORM_PACKS) {
      const info = await analyzers.get(pack.name)!.info();
      const pkg = JSON.parse(readFileSync(join(ROOT, PACK_DIRS[pack.name], "package.json"), "utf8")) as {
        version: string;
      };
      expect([info.name, info.version]).toEqual([pack.name, pkg.version]);
      expect(info.policies.map((p) => p.name)).toEqual(pack.policies.map((p) => p.name));
      for (const p of info.policies) {
        const m = POLICY_METADATA[p.name];
        expect(p).toMatchObject({
          severity: m.severity,
          remediation: m.remediation,
          enforcement: m.enforcementLevel,
        });
      }
    }
  });
});

describe("one set of violations through the SDK's analyzer and the offline evaluator", () => {
  test.each(["us-east-1", "eu-west-1"])("the real %s plan, with its policy config file", async (stack) => {
    const plan = plans.find((p) => p.stack === stack)!;
    const config = readStackPolicyConfig(ROOT, stack);
    const { offline, sdk } = await bothPaths(plan.resources, plan.region, config);
    expect(offline).toEqual(plan.policies.violations);
    expect(sorted(sdk.map(({ packVersion: _v, ...d }) => d))).toEqual(sorted(asCliShowsThem(offline)));
  });

  test("a broken primary with every level in play: mandatory, advisory, remediate (as mandatory), disabled", async () => {
    const plan = plans[0];
    const resources = structuredClone(plan.resources);
    const of = (type: string) => resources.filter((r) => r.type === type && r.operation === "register");
    for (const r of of("aws:sfn/stateMachine:StateMachine")) delete r.inputs.tracingConfiguration;
    for (const r of of("aws:cloudwatch/logGroup:LogGroup")) delete r.inputs.retentionInDays;
    for (const r of of("aws:ec2/launchTemplate:LaunchTemplate"))
      r.inputs.metadataOptions = { httpTokens: "optional" };
    for (const r of of("aws:rds/cluster:Cluster")) r.inputs.deletionProtection = false;
    const sg = of("aws:ec2/securityGroup:SecurityGroup")[0];
    sg.inputs.description = "Zugänge für alle";
    sg.inputs.ingress = [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }];
    const config = {
      "cost-asg-max-size": { maxSizeCeiling: 5 },
      "cost-spot-share": { minSpotPercentage: 90, enforcementLevel: "remediate" },
      "observability-log-group-retention": "advisory",
      "network-vpc-flow-logs": "disabled",
      "application-launch-template-imdsv2": { enforcementLevel: "advisory" },
    };
    const { offline, sdk } = await bothPaths(resources, plan.region, config);
    const count = (pred: (v: PlanViolation) => boolean) => offline.filter(pred).length;
    expect(new Set(offline.map((v) => v.pack))).toEqual(new Set(["security", "cost", "preflight"]));
    expect(count((v) => v.enforcement === "advisory")).toBeGreaterThanOrEqual(5);
    expect(count((v) => v.policy === "cost-spot-share" && v.enforcement === "mandatory")).toBe(2);
    expect(count((v) => v.policy === "network-vpc-flow-logs")).toBe(0);
    expect(count((v) => v.policy === "preflight-security-group-descriptions")).toBeGreaterThanOrEqual(1);
    expect(offline.length).toBeGreaterThanOrEqual(15);
    expect(sorted(sdk.map(({ packVersion: _v, ...d }) => d))).toEqual(sorted(asCliShowsThem(offline)));
  });
});

describe("unknown values at preview", () => {
  test("the SDK reports a policy that reads an unknown value as advisory 'can't run during preview'; offline values are known", async () => {
    // In a real preview, computed values (IDs, ARNs of resources not yet created) reach policies as
    // unknowns; @pulumi/policy's proxy throws when a policy reads one, and the analyzer turns that
    // into an advisory diagnostic instead of running the policy. The offline plan has none: its
    // mocks give every computed value a realistic value (src/plan/mocks.ts), so it runs every
    // policy on every resource, at least as strictly as a preview.
    const sg = res("aws:ec2/securityGroup:SecurityGroup", "web", {
      description: "web",
      ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [UNKNOWN] }],
    });
    const pack = PLATFORM_PACKS[0];
    const a = analyzers.get(pack.name)!;
    await a.configure(pack, undefined);
    const sdk = await a.analyzeAll([sg], { region: "us-east-1" });
    const skipped = sdk.filter((d) => d.policy === "network-security-group-open-ingress");
    expect(skipped).toEqual([
      expect.objectContaining({
        enforcement: "advisory",
        message: expect.stringMatching(
          /^can't run policy 'network-security-group-open-ingress' from policy pack 'security@v0\.1\.0' during preview/,
        ) as unknown,
      }),
    ]);
    // Offline, the same SDK code sees the same marker and reports the same advisory: the offline
    // plan treats an unknown exactly as a preview does.
    const offline = await evaluatePolicies([sg], [pack], { region: "us-east-1" });
    expect(offline.filter((v) => v.policy === "network-security-group-open-ingress")).toEqual([
      expect.objectContaining({
        enforcement: "advisory",
        message: expect.stringMatching(/^can't run policy 'network-security-group-open-ingress'/) as unknown,
      }),
    ]);
  });

  test("the offline plans hold no unknown value, so every policy runs on every resource", async () => {
    expect(plans.length).toBe(2);
    for (const p of plans) {
      const text = JSON.stringify(p.resources.map((r) => r.inputs));
      expect(text.includes(UNKNOWN)).toBe(false);
      expect(p.policies.violations.filter((v) => v.message.startsWith("can't run"))).toEqual([]);
    }
  });
});
