import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Deployment } from "@pulumi/pulumi/automation";
import {
  SECRET_SIG,
  SIG_KEY,
  toDeployment,
  writeDeployment,
  type DeploymentFile,
  type ResourceV3,
} from "../../src/plan/deployment";
import { realPlans } from "../helpers/plans";
import { syntheticPlan, urnOf } from "../helpers/synthetic";

// The SDK's published type for what `pulumi stack export` returns (automation API's exportStack).
const asSdkDeployment = (d: DeploymentFile): Deployment => d;

/** The engine's snapshot integrity rules that apply to these files (pkg/resource/deploy/snapshot.go). */
function integrityProblems(resources: readonly ResourceV3[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const r of resources) {
    if (!/^urn:pulumi:[^:]+::[^:]+::[^:]+.*::[^:]+$/.test(r.urn)) problems.push(`invalid URN ${r.urn}`);
    if (!r.custom && r.id) problems.push(`${r.urn}: custom false with an ID`);
    if (r.parent && !seen.has(r.parent)) problems.push(`${r.urn}: parent not before it`);
    const provider = r.provider?.split("::").slice(0, -1).join("::");
    if (provider && !seen.has(provider)) problems.push(`${r.urn}: provider ${provider} not before it`);
    for (const d of [...(r.dependencies ?? []), ...Object.values(r.propertyDependencies ?? {}).flat()]) {
      if (!seen.has(d)) problems.push(`${r.urn}: dependency ${d} not before it`);
    }
    if (seen.has(r.urn)) problems.push(`duplicate ${r.urn}`);
    seen.add(r.urn);
  }
  return problems;
}

describe("toDeployment", () => {
  const plan = syntheticPlan("us-east-1", [
    { type: "platform:data:AuroraCluster", name: "db" },
    {
      type: "aws:kms/key:Key",
      name: "db-key",
      parent: "db",
      protect: true,
      inputs: { enableKeyRotation: true },
    },
    {
      type: "aws:rds/cluster:Cluster",
      name: "db-cluster",
      parent: "db",
      protect: true,
      dependsOn: ["db-key"],
      inputs: { masterPassword: "[secret]", engine: "aurora-postgresql", tags: { owner: "me" } },
    },
    {
      type: "pulumi:pulumi:StackReference",
      name: "peer",
      operation: "read",
      inputs: { name: "org/platform/eu-west-1" },
    },
  ]);
  plan.outputs = { network: { vpcId: "vpc-1" }, token: "[secret]" };
  const d = toDeployment(plan);
  const byName = (name: string) => d.deployment.resources.find((r) => r.urn === urnOf(plan, name))!;

  test("is an untyped deployment at version 3 with a manifest, in the SDK's Deployment type", () => {
    const sdk = asSdkDeployment(d);
    expect(sdk.version).toBe(3);
    const m = d.deployment.manifest;
    expect(m.time).toBe("1970-01-01T00:00:00Z");
    expect(m.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(m.magic).toMatch(/^[0-9a-f]{64}$/);
    expect(m.plugins).toContainEqual(expect.objectContaining({ name: "aws", type: "resource" }));
  });

  test("keeps urn, custom, type, id, parent, protect, dependencies and inputs; components have no ID", () => {
    const cluster = byName("db-cluster");
    expect(cluster).toMatchObject({
      urn: urnOf(plan, "db-cluster"),
      custom: true,
      id: "db-cluster-id",
      type: "aws:rds/cluster:Cluster",
      parent: urnOf(plan, "db"),
      protect: true,
      dependencies: [urnOf(plan, "db-key")],
    });
    expect(cluster.inputs).toMatchObject({ engine: "aurora-postgresql", tags: { owner: "me" } });
    expect(cluster.outputs).toEqual(cluster.inputs);
    const component = byName("db");
    expect(component.custom).toBe(false);
    expect(component.id).toBeUndefined();
  });

  test("redacted values stay redacted, as secrets in the deployment schema's secret form", () => {
    expect(byName("db-cluster").inputs!.masterPassword).toEqual({
      [SIG_KEY]: SECRET_SIG,
      plaintext: '"[secret]"',
    });
    expect(SIG_KEY).toBe("4dabf18193072939515e22adb298388d");
    expect(SECRET_SIG).toBe("1b47061264138c4ac30d75fd1eb44270");
    const root = d.deployment.resources[0];
    expect(root.type).toBe("pulumi:pulumi:Stack");
    expect(root.outputs).toEqual({
      network: { vpcId: "vpc-1" },
      token: { [SIG_KEY]: SECRET_SIG, plaintext: '"[secret]"' },
    });
  });

  test("gives every custom resource a provider reference: the package's default provider, with the stack's region", () => {
    const aws = d.deployment.resources.find((r) => r.type === "pulumi:providers:aws")!;
    expect(aws).toMatchObject({
      urn: "urn:pulumi:us-east-1::platform::pulumi:providers:aws::default",
      custom: true,
    });
    expect(aws.inputs).toMatchObject({ region: "us-east-1" });
    expect(byName("db-key").provider).toBe(`${aws.urn}::${aws.id!}`);
    // StackReferences are reads: external, served by the pulumi provider.
    expect(byName("peer")).toMatchObject({
      external: true,
      provider: expect.stringMatching(/::pulumi:providers:pulumi::default::/),
    });
  });

  test("orders parents, providers and dependencies before the resources that refer to them", () => {
    expect(integrityProblems(d.deployment.resources)).toEqual([]);
  });
});

describe("the real stacks' deployment files", () => {
  test("hold every planned resource plus default providers, pass the integrity rules and leave no secret in clear", async () => {
    const [use1] = await realPlans();
    const dir = mkdtempSync(join(tmpdir(), "deployment-"));
    const path = writeDeployment(use1, dir);
    expect(path).toBe(join(dir, "deployments", "us-east-1.json"));
    const text = readFileSync(path, "utf8");
    const d = JSON.parse(text) as DeploymentFile;
    const urns = new Set(d.deployment.resources.map((r) => r.urn));
    for (const r of use1.resources) expect(urns.has(r.urn)).toBe(true);
    const providers = d.deployment.resources
      .filter((r) => r.type.startsWith("pulumi:providers:"))
      .map((r) => r.type);
    expect(providers).toEqual(expect.arrayContaining(["pulumi:providers:aws", "pulumi:providers:random"]));
    expect(integrityProblems(d.deployment.resources)).toEqual([]);
    // Every "[secret]" of the plan is inside a secret envelope.
    expect(text).not.toContain('"[secret]"');
    expect(text).toContain(`"plaintext": "\\"[secret]\\""`);
    const vpc = d.deployment.resources.find((r) => r.type === "aws:ec2/vpc:Vpc")!;
    expect(vpc.inputs).toMatchObject({ cidrBlock: "10.10.0.0/16" });
  });
});
