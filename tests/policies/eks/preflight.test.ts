/** The Karpenter preflights and the IAM policy size preflight: a compliant and a non-compliant case each. */
import { iamPolicySize } from "../../../policies/preflight/iam-policy-size";
import { karpenterCompatibility } from "../../../policies/preflight/karpenter-compatibility";
import { karpenterBoundedTeardown } from "../../../policies/preflight/karpenter-bounded-teardown";
import { karpenterCrdsFirst } from "../../../policies/preflight/karpenter-crds-first";
import { karpenterNodeAccessEntry } from "../../../policies/preflight/karpenter-node-access-entry";
import { allowsPassRole, karpenterPassNodeRole } from "../../../policies/preflight/karpenter-pass-node-role";
import type { PlanResource } from "../../../src/plan/types";
import { check, res, urnOf } from "../../helpers/policy";

const CLUSTER = "aws:eks/cluster:Cluster";
const PROVIDER = "pulumi:providers:kubernetes";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const NODE_CLASS = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
const NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";
const ENTRY = "aws:eks/accessEntry:AccessEntry";
const ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
const POLICY = "aws:iam/policy:Policy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

const msgs = async (policy: Parameters<typeof check>[0], r: PlanResource[]) =>
  (await check(policy, r)).map((v) => v.message);
const withProvider = (r: PlanResource, provider: PlanResource): PlanResource => ({
  ...r,
  provider: `${provider.urn}::id`,
});
const dependingOn = (r: PlanResource, ...deps: PlanResource[]): PlanResource => ({
  ...r,
  options: { ...r.options, dependsOn: deps.map((d) => d.urn) },
});

describe("preflight-karpenter-compatibility", () => {
  const setup = (k8s: string, karpenter: string) => {
    const cluster = res(CLUSTER, "c", { version: k8s });
    const provider = res(
      PROVIDER,
      "k8s",
      { kubeconfig: "{}" },
      { propertyDependencies: { kubeconfig: [cluster.urn] } },
    );
    const release = withProvider(
      res(RELEASE, "karpenter", { chart: "oci://public.ecr.aws/karpenter/karpenter", version: karpenter }),
      provider,
    );
    const crds = withProvider(
      res(RELEASE, "karpenter-crd", {
        chart: "oci://public.ecr.aws/karpenter/karpenter-crd",
        version: "1.0.0",
      }),
      provider,
    );
    return [cluster, provider, release, crds];
  };
  test("compliant: a chart at or above the minimum of the cluster's version (the CRD chart is not judged)", async () => {
    expect(await msgs(karpenterCompatibility, setup("1.35", "1.9.0"))).toEqual([]);
    expect(await msgs(karpenterCompatibility, setup("1.36", "1.14.1"))).toEqual([]);
  });
  test("non-compliant: a chart too old for the cluster, a cluster version the matrix does not know", async () => {
    const v = await check(karpenterCompatibility, setup("1.36", "1.12.0"));
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(RELEASE, "karpenter"),
        "Karpenter 1.12.0 does not support Kubernetes 1.36: expected Karpenter 1.13.0 or newer; upgrade Karpenter before the cluster.",
      ],
    ]);
    expect(await msgs(karpenterCompatibility, setup("1.40", "1.14.1"))).toEqual([
      "Karpenter 1.14.1 runs on Kubernetes 1.40, a version whose Karpenter support the platform does not know: add it to KUBERNETES_VERSIONS (src/config/eks.ts).",
    ]);
  });
});

const nodeClass = (role: string) => res(NODE_CLASS, "nc", { kind: "EC2NodeClass", spec: { role } });

describe("preflight-karpenter-node-access-entry", () => {
  test("compliant: the node role has an EC2_LINUX entry", async () => {
    const entry = res(ENTRY, "node", {
      principalArn: "arn:aws:iam::111122223333:role/node-role",
      type: "EC2_LINUX",
    });
    expect(await msgs(karpenterNodeAccessEntry, [nodeClass("node-role"), entry])).toEqual([]);
  });
  test("non-compliant: no entry, or a STANDARD one", async () => {
    expect(await msgs(karpenterNodeAccessEntry, [nodeClass("node-role")])).toEqual([
      'EC2NodeClass "nc" launches nodes with role node-role, which has no EKS access entry: add one of type EC2_LINUX, or its nodes never join.',
    ]);
    const standard = res(ENTRY, "node", {
      principalArn: "arn:aws:iam::111122223333:role/node-role",
      type: "STANDARD",
    });
    const v = await check(karpenterNodeAccessEntry, [nodeClass("node-role"), standard]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(ENTRY, "node"),
        'The access entry of node role node-role has type "STANDARD": expected "EC2_LINUX", or Karpenter\'s nodes never join the cluster.',
      ],
    ]);
  });
});

describe("preflight-karpenter-pass-node-role", () => {
  const release = res(RELEASE, "karpenter", {
    chart: "oci://public.ecr.aws/karpenter/karpenter",
    namespace: "kube-system",
    values: { serviceAccount: { name: "karpenter" } },
  });
  const association = res(ASSOCIATION, "controller", {
    namespace: "kube-system",
    serviceAccount: "karpenter",
    roleArn: "arn:aws:iam::111122223333:role/controller",
  });
  const doc = (resource: string, action = "iam:PassRole") =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: action, Resource: resource }],
    });
  const managed = (document: string) => {
    const policy = res(POLICY, "controller", { name: "controller-policy", policy: document });
    const attachment = res(
      ATTACHMENT,
      "controller",
      { role: "controller", policyArn: "arn:aws:iam::111122223333:policy/controller-policy" },
      { propertyDependencies: { policyArn: [policy.urn] } },
    );
    return [policy, attachment];
  };
  test("allowsPassRole reads actions and resources, wildcards included", () => {
    const arn = "arn:aws:iam::1:role/node";
    expect(allowsPassRole(doc(arn), arn)).toBe(true);
    expect(allowsPassRole(doc("arn:aws:iam::1:role/*", "iam:*"), arn)).toBe(true);
    expect(allowsPassRole(doc("arn:aws:iam::1:role/other"), arn)).toBe(false);
    expect(allowsPassRole(doc(arn, "iam:GetRole"), arn)).toBe(false);
  });
  test("compliant: a managed or inline policy of the controller's role passes the node role", async () => {
    const arn = "arn:aws:iam::111122223333:role/node-role";
    expect(
      await msgs(karpenterPassNodeRole, [release, association, nodeClass("node-role"), ...managed(doc(arn))]),
    ).toEqual([]);
    const inline = res(ROLE_POLICY, "inline", { role: "controller", policy: doc(arn) });
    expect(await msgs(karpenterPassNodeRole, [release, association, nodeClass("node-role"), inline])).toEqual(
      [],
    );
  });
  test("non-compliant: the policy passes another role; no Pod Identity association", async () => {
    const v = await check(karpenterPassNodeRole, [
      release,
      association,
      nodeClass("node-role"),
      ...managed(doc("arn:aws:iam::111122223333:role/other")),
    ]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(NODE_CLASS, "nc"),
        'Karpenter\'s controller role controller cannot pass node role node-role (EC2NodeClass "nc"): allow iam:PassRole on arn:aws:iam::111122223333:role/node-role, or CreateFleet fails and no node launches.',
      ],
    ]);
    expect(await msgs(karpenterPassNodeRole, [release, nodeClass("node-role")])).toEqual([
      "Karpenter's service account kube-system/karpenter has no EKS Pod Identity association: the controller has no AWS credentials.",
    ]);
  });
});

describe("preflight-karpenter-crds-first", () => {
  const crds = res(RELEASE, "karpenter-crd", { chart: "oci://public.ecr.aws/karpenter/karpenter-crd" });
  const controller = dependingOn(
    res(RELEASE, "karpenter", { chart: "oci://public.ecr.aws/karpenter/karpenter" }),
    crds,
  );
  test("compliant: pools and node class depend on the CRD release, directly or through the controller", async () => {
    const nc = dependingOn(res(NODE_CLASS, "nc", {}), crds);
    const pool = dependingOn(res(NODE_POOL, "general", {}), controller);
    expect(await msgs(karpenterCrdsFirst, [crds, controller, nc, pool])).toEqual([]);
  });
  test("non-compliant: a NodePool that does not wait for the CRDs", async () => {
    const v = await check(karpenterCrdsFirst, [crds, controller, res(NODE_POOL, "general", {})]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(NODE_POOL, "general"),
        'NodePool "general" does not depend on the karpenter-crd release: add it to dependsOn, or the API server rejects it ("no matches for kind") before the CRDs exist.',
      ],
    ]);
  });
});

describe("preflight-iam-policy-size", () => {
  const statement = (i: number) => ({
    Sid: `S${i}`,
    Effect: "Allow",
    Action: "s3:GetObject",
    Resource: `arn:aws:s3:::bucket-${i}/*`,
  });
  const doc = (n: number) =>
    JSON.stringify({ Version: "2012-10-17", Statement: Array.from({ length: n }, (_, i) => statement(i)) });
  test("compliant: within the quotas", async () => {
    expect(
      await msgs(iamPolicySize, [
        res(POLICY, "p", { policy: doc(10) }),
        res(ROLE_POLICY, "i", { role: "r", policy: doc(10) }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: a managed policy over 6,144 characters, a role's inline policies over 10,240", async () => {
    const big = doc(90);
    const size = big.length;
    expect(size).toBeGreaterThan(6144);
    expect(await msgs(iamPolicySize, [res(POLICY, "p", { policy: big })])).toEqual([
      `Managed policy "p" has ${size} characters (whitespace not counted): IAM allows 6144; split it into several policies.`,
    ]);
    expect(
      await msgs(iamPolicySize, [
        res(ROLE_POLICY, "a", { role: "r", policy: big }),
        res(ROLE_POLICY, "b", { role: "r", policy: big }),
      ]),
    ).toEqual([
      `Role r's inline policies have ${2 * size} characters together (whitespace not counted): IAM allows 10240; move some into managed policies.`,
    ]);
  });
});

describe("preflight-karpenter-bounded-teardown", () => {
  const crds = res(RELEASE, "karpenter-crd", { chart: "oci://public.ecr.aws/karpenter/karpenter-crd" });
  const controller = dependingOn(
    res(RELEASE, "karpenter", { chart: "oci://public.ecr.aws/karpenter/karpenter" }),
    crds,
  );
  const poolSpec = (terminationGracePeriod?: string) => ({
    spec: { template: { spec: terminationGracePeriod ? { terminationGracePeriod } : {} } },
  });
  test("compliant: pools and node class depend on the controller; the pool bounds its drain", async () => {
    const nc = dependingOn(res(NODE_CLASS, "nc", {}), controller);
    const pool = dependingOn(res(NODE_POOL, "general", poolSpec("1h")), nc);
    expect(await msgs(karpenterBoundedTeardown, [crds, controller, nc, pool])).toEqual([]);
  });
  test("non-compliant: a node class on the CRDs only, a pool with no grace period", async () => {
    const nc = dependingOn(res(NODE_CLASS, "nc", {}), crds);
    const pool = dependingOn(res(NODE_POOL, "general", poolSpec()), controller);
    const v = await check(karpenterBoundedTeardown, [crds, controller, nc, pool]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        nc.urn,
        'EC2NodeClass "nc" does not depend on the karpenter controller release: add it to dependsOn, or Pulumi may delete the controller first and the EC2NodeClass\'s finalizers never clear (destroy hangs, instances are orphaned).',
      ],
      [
        pool.urn,
        'NodePool "general" has no spec.template.spec.terminationGracePeriod: set one (platform:eks.karpenter.pools.<pool>.terminationGracePeriod), or a pod that cannot be evicted holds its node\'s drain, and its deletion, forever.',
      ],
    ]);
  });
});
