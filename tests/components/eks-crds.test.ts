/**
 * The NodePool and EC2NodeClass specs the program renders are valid Karpenter v1 objects: each is
 * validated against its CRD's openAPIV3Schema (Karpenter 1.14.1, tests/fixtures/karpenter) with
 * ajv, the Kubernetes extensions allowed, and the CRDs' CEL rules that matter here are written as
 * explicit checks (ajv does not run CEL).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import { parse } from "yaml";
import {
  nodeClassSpec,
  nodePoolSpec,
  RESTRICTED_NODE_CLASS_TAG,
} from "../../components/eks/karpenter-node-pools";
import { validateStackConfig } from "../../src/config";
import type { StackPlan } from "../../src/plan/types";
import { nodePoolArgs } from "../../stacks/eks";
import { NODE_POOL_NAMES } from "../../src/config/eks";
import { withOverrides } from "../helpers/config";
import { realPlans } from "../helpers/plans";

const FIXTURES = join(__dirname, "..", "fixtures", "karpenter");

interface Crd {
  spec: {
    group: string;
    names: { kind: string };
    versions: { name: string; schema: { openAPIV3Schema: object } }[];
  };
}
function schemaOf(file: string): { apiVersion: string; kind: string; schema: object } {
  const crd = parse(readFileSync(join(FIXTURES, file), "utf8")) as Crd;
  const v1 = crd.spec.versions.find((v) => v.name === "v1")!;
  return { apiVersion: `${crd.spec.group}/v1`, kind: crd.spec.names.kind, schema: v1.schema.openAPIV3Schema };
}

/** ajv with the OpenAPI and Kubernetes extension keywords the CRDs use, accepted and not enforced. */
function ajv(): Ajv {
  const a = new Ajv({
    allErrors: true,
    // Unknown keywords still fail; a pattern beside anyOf (Kubernetes int-or-string) is allowed.
    strict: true,
    strictTypes: false,
    formats: { int64: true, int32: true, "date-time": true },
  });
  for (const keyword of [
    "x-kubernetes-validations",
    "x-kubernetes-list-type",
    "x-kubernetes-list-map-keys",
    "x-kubernetes-map-type",
    "x-kubernetes-int-or-string",
    "x-kubernetes-preserve-unknown-fields",
    "x-kubernetes-embedded-resource",
  ]) {
    a.addKeyword({ keyword });
  }
  return a;
}

const a = ajv();
const nodePoolCrd = schemaOf("karpenter.sh_nodepools.yaml");
const nodeClassCrd = schemaOf("karpenter.k8s.aws_ec2nodeclasses.yaml");
const validateNodePool: ValidateFunction = a.compile(nodePoolCrd.schema);
const validateNodeClass: ValidateFunction = a.compile(nodeClassCrd.schema);

const errors = (v: ValidateFunction, object: unknown) =>
  v(object) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);

type Spec = Record<string, unknown>;
const RESTRICTED_DOMAIN = (k: string, domain: string, allowed: string[]) =>
  !allowed.includes(k) && (k.split("/")[0] ?? "").endsWith(domain) && k.includes("/");

/** The EC2NodeClass CEL rules that matter for a spec like ours, as plain checks. */
export function nodeClassCel(spec: Spec): string[] {
  const problems: string[] = [];
  if ("role" in spec === "instanceProfile" in spec)
    problems.push("must specify exactly one of ['role', 'instanceProfile']");
  if (spec.role === "") problems.push("role cannot be empty");
  const ami = (spec.amiSelectorTerms ?? []) as Spec[];
  const aliases = ami.filter((t) => "alias" in t);
  if (aliases.length === 0 && !("amiFamily" in spec))
    problems.push("amiFamily is required when no alias is used");
  if (aliases.length > 0 && ami.length !== 1)
    problems.push("'alias' is mutually exclusive with other amiSelectorTerms");
  for (const t of aliases) {
    const alias = String(t.alias);
    if (!/^[a-zA-Z0-9]+@.+$/.test(alias)) problems.push("'alias' must match 'family@version'");
    else if (
      !["al2", "al2023", "bottlerocket", "windows2019", "windows2022", "windows2025"].includes(
        alias.split("@")[0],
      )
    )
      problems.push("alias family is not supported");
    if (Object.keys(t).length > 1) problems.push("'alias' cannot be combined with other fields in its term");
  }
  for (const key of ["subnetSelectorTerms", "securityGroupSelectorTerms"] as const) {
    const terms = (spec[key] ?? []) as Spec[];
    if (terms.length === 0) problems.push(`${key} cannot be empty`);
    for (const t of terms) {
      if (!("tags" in t) && !("id" in t) && !("name" in t))
        problems.push(`${key}: expected at least one of tags, id, name`);
      for (const [k, v] of Object.entries((t.tags ?? {}) as Record<string, string>))
        if (k === "" || v === "") problems.push(`${key}: empty tag keys or values aren't supported`);
    }
  }
  for (const k of Object.keys(spec.tags ?? {})) {
    // The CRD's rules on spec.tags, each `self.all(k, k != '<key>')` or a `startsWith` prefix.
    if (
      k === "eks:eks-cluster-name" ||
      k.startsWith("kubernetes.io/cluster") ||
      k === "karpenter.sh/nodepool" ||
      k === "karpenter.sh/nodeclaim" ||
      k === "karpenter.k8s.aws/ec2nodeclass"
    )
      problems.push(`tag ${k} is restricted`);
  }
  const roots = ((spec.blockDeviceMappings ?? []) as Spec[]).filter((m) => m.rootVolume === true);
  if (roots.length > 1) problems.push("must have only one blockDeviceMappings with rootVolume");
  for (const m of (spec.blockDeviceMappings ?? []) as Spec[]) {
    const ebs = (m.ebs ?? {}) as Spec;
    if (!("snapshotID" in ebs) && !("volumeSize" in ebs))
      problems.push("snapshotID or volumeSize must be defined");
  }
  return problems;
}

/** The NodePool CEL rules that matter for a spec like ours, as plain checks. */
export function nodePoolCel(spec: Spec): string[] {
  const problems: string[] = [];
  const template = (spec.template ?? {}) as { metadata?: { labels?: Spec }; spec?: Spec };
  const inner = template.spec ?? {};
  const ref = (inner.nodeClassRef ?? {}) as Spec;
  for (const f of ["group", "kind", "name"])
    if (ref[f] === "") problems.push(`nodeClassRef.${f} may not be empty`);
  for (const r of (inner.requirements ?? []) as { key: string; operator: string; values?: string[] }[]) {
    if (r.operator === "In" && (r.values ?? []).length === 0)
      problems.push(`requirement ${r.key}: 'In' needs a value`);
    if (
      ["Gt", "Lt", "Gte", "Lte"].includes(r.operator) &&
      !((r.values ?? []).length === 1 && Number.parseInt(r.values![0], 10) >= 0)
    )
      problems.push(`requirement ${r.key}: '${r.operator}' needs a single positive integer value`);
    if (
      RESTRICTED_DOMAIN(r.key, "karpenter.sh", ["karpenter.sh/capacity-type", "karpenter.sh/nodepool"]) ||
      r.key === "karpenter.sh/nodepool"
    )
      problems.push(`requirement ${r.key}: label is restricted`);
    if (r.key === "kubernetes.io/hostname") problems.push(`requirement ${r.key}: label is restricted`);
  }
  for (const k of Object.keys(template.metadata?.labels ?? {})) {
    if (
      RESTRICTED_DOMAIN(k, "karpenter.sh", ["karpenter.sh/capacity-type"]) ||
      k === "karpenter.sh/nodepool" ||
      k === "kubernetes.io/hostname"
    )
      problems.push(`label ${k} is restricted`);
  }
  const budgets = (((spec.disruption ?? {}) as Spec).budgets ?? []) as Spec[];
  for (const b of budgets)
    if ("schedule" in b !== "duration" in b) problems.push("'schedule' must be set with 'duration'");
  if ("replicas" in spec) {
    const limits = Object.keys(spec.limits ?? {});
    if (limits.some((l) => l !== "nodes"))
      problems.push("only 'limits.nodes' is supported on static NodePools");
  }
  return problems;
}

const asObject = (apiVersion: string, kind: string, name: string, spec: unknown) => ({
  apiVersion,
  kind,
  metadata: { name },
  spec,
});

describe("the rendered Karpenter resources against the v1 CRDs (Karpenter 1.14.1)", () => {
  let plans: StackPlan[];
  beforeAll(async () => {
    plans = await realPlans();
  });

  test("both stacks' NodePools and EC2NodeClass validate against the openAPIV3Schema and the CEL rules", () => {
    let checked = 0;
    for (const p of plans) {
      for (const r of p.resources.filter((x) => x.type === "kubernetes:karpenter.sh/v1:NodePool")) {
        expect([r.name, r.inputs.apiVersion, r.inputs.kind]).toEqual([
          r.name,
          nodePoolCrd.apiVersion,
          nodePoolCrd.kind,
        ]);
        expect([r.name, errors(validateNodePool, r.inputs)]).toEqual([r.name, []]);
        expect([r.name, nodePoolCel(r.inputs.spec as Spec)]).toEqual([r.name, []]);
        checked++;
      }
      for (const r of p.resources.filter((x) => x.type === "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass")) {
        expect([r.name, r.inputs.apiVersion, r.inputs.kind]).toEqual([
          r.name,
          nodeClassCrd.apiVersion,
          nodeClassCrd.kind,
        ]);
        expect([r.name, errors(validateNodeClass, r.inputs)]).toEqual([r.name, []]);
        expect([r.name, nodeClassCel(r.inputs.spec as Spec)]).toEqual([r.name, []]);
        checked++;
      }
    }
    expect(checked).toBe(6);
  });

  test("pools rendered from other valid config (budgets on a schedule, Spot only, pilot-light) validate too", () => {
    const cfg = validateStackConfig(
      withOverrides("eu-west-1", {
        "platform:posture": "pilot-light",
        "platform:eks": {
          adminRoleArns: ["arn:aws:iam::111122223333:role/platform-admin"],
          karpenter: {
            pools: {
              general: {
                capacityTypes: ["spot"],
                architectures: ["arm64"],
                instanceCategories: ["c", "m", "r", "i"],
                minInstanceGeneration: 7,
                disruptionBudgets: [
                  { nodes: "20%", reasons: ["Empty", "Drifted"] },
                  { nodes: "0", schedule: "0 9 * * mon-fri", duration: "8h", reasons: ["Underutilized"] },
                ],
                consolidateAfter: "30s",
                expireAfter: "Never",
                limits: { cpu: 1000, memoryGiB: 4000 },
              },
            },
          },
        },
      }),
    );
    for (const name of NODE_POOL_NAMES) {
      const spec = nodePoolSpec(nodePoolArgs(name, cfg.eks.karpenter.pools[name], cfg.posture), "default");
      expect([name, errors(validateNodePool, asObject("karpenter.sh/v1", "NodePool", name, spec))]).toEqual([
        name,
        [],
      ]);
      expect([name, nodePoolCel(spec)]).toEqual([name, []]);
    }
  });

  test("the node class leaves out every tag key the CRD's CEL rules restrict", () => {
    const tagRules = (
      nodeClassCrd.schema as {
        properties: { spec: { properties: { tags: { "x-kubernetes-validations": { rule: string }[] } } } };
      }
    ).properties.spec.properties.tags["x-kubernetes-validations"].map((v) => v.rule);
    // e.g. self.all(k, k !='karpenter.sh/nodeclaim') and self.all(k, !k.startsWith('kubernetes.io/cluster') )
    const exact = tagRules.flatMap((r) => [...r.matchAll(/k\s*!=\s*'([^']+)'/g)].map((m) => m[1]));
    const prefixes = tagRules.flatMap((r) => [...r.matchAll(/startsWith\('([^']+)'\)/g)].map((m) => m[1]));
    expect(exact.length + prefixes.length).toBe(5);
    for (const k of [...exact, ...prefixes, ...prefixes.map((x) => `${x}/prod-use1-eks`)]) {
      expect([k, RESTRICTED_NODE_CLASS_TAG(k)]).toEqual([k, true]);
    }
    expect(RESTRICTED_NODE_CLASS_TAG("cost-center")).toBe(false);
  });

  test("the schema and the CEL checks catch what the API server would reject", () => {
    const good = nodeClassSpec({
      role: "node-role",
      discovery: "prod-use1-eks",
      amiAlias: "al2023@v20260714",
      volumeSizeGiB: 100,
      volumeKmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k",
      tags: {
        owner: "platform-team",
        "kubernetes.io/cluster/x": "owned",
        "eks:eks-cluster-name": "x",
        "karpenter.sh/nodepool": "general",
        "karpenter.sh/nodeclaim": "n",
        "karpenter.k8s.aws/ec2nodeclass": "default",
      },
    });
    expect(good.tags).toEqual({ owner: "platform-team" });
    expect(nodeClassCel({ ...good, tags: { "karpenter.sh/nodeclaim": "n" } })).toEqual([
      "tag karpenter.sh/nodeclaim is restricted",
    ]);
    expect(nodeClassCel({ ...good, instanceProfile: "p" })).toEqual([
      "must specify exactly one of ['role', 'instanceProfile']",
    ]);
    expect(nodeClassCel({ ...good, amiSelectorTerms: [{ id: "ami-0abc" }] })).toEqual([
      "amiFamily is required when no alias is used",
    ]);
    expect(nodeClassCel({ ...good, amiSelectorTerms: [{ id: "ami-0abc" }], amiFamily: "AL2023" })).toEqual(
      [],
    );
    expect(
      errors(
        validateNodeClass,
        asObject("karpenter.k8s.aws/v1", "EC2NodeClass", "x", { ...good, amiFamily: "Ubuntu" }),
      ),
    ).toEqual(["/spec/amiFamily must be equal to one of the allowed values"]);
    const pool = nodePoolSpec(
      {
        name: "general",
        capacityTypes: ["spot"],
        architectures: ["amd64"],
        instanceCategories: ["m"],
        minInstanceGeneration: 6,
        limits: { cpu: 10, memoryGiB: 40 },
        consolidationPolicy: "WhenEmpty",
        consolidateAfter: "1m",
        expireAfter: "720h",
        disruptionBudgets: [{ nodes: "1", schedule: "0 0 * * *" }],
      },
      "default",
    );
    expect(nodePoolCel(pool)).toEqual(["'schedule' must be set with 'duration'"]);
    expect(
      errors(
        validateNodePool,
        asObject("karpenter.sh/v1", "NodePool", "x", { ...pool, limits: { cpu: "lots" } }),
      ),
    ).toEqual([
      '/spec/limits/cpu must match pattern "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$"',
    ]);
    const { template, ...noTemplate } = pool as { template: unknown };
    expect(template).toBeDefined();
    expect(errors(validateNodePool, asObject("karpenter.sh/v1", "NodePool", "x", noTemplate))).toEqual([
      "/spec must have required property 'template'",
    ]);
  });
});
