/** The eks layer and cost-nodepool-limits: a compliant and a non-compliant case each. */
import { nodePoolLimits, quantity } from "../../../policies/cost/nodepool-limits";
import { eksAuthenticationMode } from "../../../policies/eks/authentication-mode";
import { eksControlPlaneLogs } from "../../../policies/eks/control-plane-logs";
import { eksEndpointPrivate } from "../../../policies/eks/endpoint-private";
import { eksInterruptionQueueEncrypted } from "../../../policies/eks/interruption-queue-encrypted";
import { eksNodeClassEncryptedVolumes } from "../../../policies/eks/nodeclass-encrypted-volumes";
import { eksNodeClassImdsv2 } from "../../../policies/eks/nodeclass-imdsv2";
import { eksSecretsEncryption } from "../../../policies/eks/secrets-encryption";
import { eksVersionSupported } from "../../../policies/eks/version-supported";
import { check, res, urnOf } from "../../helpers/policy";

const CLUSTER = "aws:eks/cluster:Cluster";
const NODE_CLASS = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
const NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const QUEUE = "aws:sqs/queue:Queue";

const goodCluster = {
  name: "prod-use1-eks",
  version: "1.35",
  vpcConfig: { subnetIds: ["subnet-1"], endpointPrivateAccess: true, endpointPublicAccess: false },
  accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
  encryptionConfig: {
    provider: { keyArn: "arn:aws:kms:us-east-1:111122223333:key/k" },
    resources: ["secrets"],
  },
  enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
  upgradePolicy: { supportType: "STANDARD" },
};
const cluster = (over: Record<string, unknown> = {}) => res(CLUSTER, "c", { ...goodCluster, ...over });
const msgs = async (policy: Parameters<typeof check>[0], r: Parameters<typeof check>[1]) =>
  (await check(policy, r)).map((v) => v.message);

describe("eks-endpoint-private", () => {
  test("compliant: private only, or public restricted to listed CIDRs", async () => {
    expect(await msgs(eksEndpointPrivate, [cluster()])).toEqual([]);
    const restricted = {
      ...goodCluster.vpcConfig,
      endpointPublicAccess: true,
      publicAccessCidrs: ["203.0.113.0/24"],
    };
    expect(await msgs(eksEndpointPrivate, [cluster({ vpcConfig: restricted })])).toEqual([]);
  });
  test("non-compliant: public by default, open to 0.0.0.0/0, no private endpoint", async () => {
    expect(await msgs(eksEndpointPrivate, [cluster({ vpcConfig: { subnetIds: ["s"] } })])).toEqual([
      "The cluster's private API endpoint is off (vpcConfig.endpointPrivateAccess): set it to true, so nodes and operators in the VPC reach the API privately.",
      "The cluster's public API endpoint is open to 0.0.0.0/0 (endpointPublicAccess is not false and publicAccessCidrs lists nothing): set endpointPublicAccess = false, or list the CIDRs that may reach it.",
    ]);
    const open = { ...goodCluster.vpcConfig, endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] };
    const v = await check(eksEndpointPrivate, [cluster({ vpcConfig: open })]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(CLUSTER, "c"),
        "The cluster's public API endpoint admits 0.0.0.0/0: list only the CIDRs of operators and CI runners, or set endpointPublicAccess = false.",
      ],
    ]);
    // The whole internet in two halves opens it as widely.
    const halves = { ...open, publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] };
    expect(await msgs(eksEndpointPrivate, [cluster({ vpcConfig: halves })])).toEqual([
      "The cluster's public API endpoint admits 0.0.0.0/1: list only the CIDRs of operators and CI runners, or set endpointPublicAccess = false.",
      "The cluster's public API endpoint admits 128.0.0.0/1: list only the CIDRs of operators and CI runners, or set endpointPublicAccess = false.",
    ]);
  });
});

describe("eks-control-plane-logs", () => {
  test("compliant: all five log types", async () => {
    expect(await msgs(eksControlPlaneLogs, [cluster()])).toEqual([]);
  });
  test("non-compliant: some or none", async () => {
    expect(await msgs(eksControlPlaneLogs, [cluster({ enabledClusterLogTypes: ["api", "audit"] })])).toEqual([
      "The cluster does not log authenticator, controllerManager, scheduler: add them to enabledClusterLogTypes.",
    ]);
    expect(await msgs(eksControlPlaneLogs, [cluster({ enabledClusterLogTypes: undefined })])).toHaveLength(1);
  });
});

describe("eks-secrets-encryption", () => {
  test("compliant: secrets encrypted with a key", async () => {
    expect(await msgs(eksSecretsEncryption, [cluster()])).toEqual([]);
  });
  test("non-compliant: no encryption config", async () => {
    expect(await msgs(eksSecretsEncryption, [cluster({ encryptionConfig: undefined })])).toEqual([
      'The cluster does not encrypt Kubernetes secrets: set encryptionConfig { provider: { keyArn: <customer-managed key> }, resources: ["secrets"] }.',
    ]);
  });
});

describe("eks-version-supported", () => {
  test("compliant: a standard-support version; 1.34 with extended support", async () => {
    expect(await msgs(eksVersionSupported, [cluster(), cluster({ version: "1.36" })])).toEqual([]);
    expect(
      await msgs(eksVersionSupported, [
        cluster({ version: "1.34", upgradePolicy: { supportType: "EXTENDED" } }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: 1.34 without extended support, an unknown version, no version", async () => {
    expect(await msgs(eksVersionSupported, [cluster({ version: "1.34" })])).toEqual([
      'Kubernetes 1.34 leaves EKS standard support on 2026-12-02: upgrade to 1.35 or 1.36, or opt into extended support (upgradePolicy.supportType = "EXTENDED", platform:eks.extendedSupport).',
    ]);
    expect(
      await msgs(eksVersionSupported, [
        cluster({ version: "1.30", upgradePolicy: { supportType: "EXTENDED" } }),
      ]),
    ).toEqual(["Kubernetes 1.30 is not a version in EKS standard support: expected 1.35 or 1.36."]);
    expect(await msgs(eksVersionSupported, [cluster({ version: undefined })])).toEqual([
      "The cluster pins no Kubernetes version: EKS would create it with the newest and never move it; set version to one of 1.35, 1.36.",
    ]);
  });
});

describe("eks-authentication-mode", () => {
  test("compliant: API, or API_AND_CONFIG_MAP", async () => {
    expect(await msgs(eksAuthenticationMode, [cluster()])).toEqual([]);
    expect(
      await msgs(eksAuthenticationMode, [
        cluster({ accessConfig: { authenticationMode: "API_AND_CONFIG_MAP" } }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: CONFIG_MAP, or unset", async () => {
    expect(
      await msgs(eksAuthenticationMode, [cluster({ accessConfig: { authenticationMode: "CONFIG_MAP" } })]),
    ).toEqual([
      'The cluster authenticates with CONFIG_MAP: set accessConfig.authenticationMode = "API" and grant access with access entries.',
    ]);
    expect(await msgs(eksAuthenticationMode, [cluster({ accessConfig: undefined })])).toEqual([
      'The cluster authenticates with CONFIG_MAP (accessConfig.authenticationMode is unset): set accessConfig.authenticationMode = "API" and grant access with access entries.',
    ]);
  });
});

const volume = {
  deviceName: "/dev/xvda",
  ebs: { volumeSize: "100Gi", volumeType: "gp3", encrypted: true, kmsKeyID: "arn:aws:kms:us-east-1:1:key/k" },
};
const nodeClass = (spec: Record<string, unknown>) =>
  res(NODE_CLASS, "nc", {
    apiVersion: "karpenter.k8s.aws/v1",
    kind: "EC2NodeClass",
    metadata: { name: "default" },
    spec,
  });

describe("eks-nodeclass-imdsv2", () => {
  test("compliant: required with hop limit 1, stated or left to the CRD's defaults", async () => {
    const md = { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 };
    expect(await msgs(eksNodeClassImdsv2, [nodeClass({ metadataOptions: md }), nodeClass({})])).toEqual([]);
  });
  test("non-compliant: optional tokens, a hop limit of 2", async () => {
    expect(
      await msgs(eksNodeClassImdsv2, [
        nodeClass({ metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 2 } }),
      ]),
    ).toEqual([
      'EC2NodeClass allows IMDSv1 (metadataOptions.httpTokens = "optional"): set it to "required".',
      "EC2NodeClass sets metadataOptions.httpPutResponseHopLimit = 2: expected 1 (pods get credentials from EKS Pod Identity, not the node).",
    ]);
  });
});

describe("eks-nodeclass-encrypted-volumes", () => {
  test("compliant: every volume encrypted with a KMS key", async () => {
    expect(await msgs(eksNodeClassEncryptedVolumes, [nodeClass({ blockDeviceMappings: [volume] })])).toEqual(
      [],
    );
  });
  test("non-compliant: no mappings, unencrypted, no key", async () => {
    expect(await msgs(eksNodeClassEncryptedVolumes, [nodeClass({})])).toEqual([
      "EC2NodeClass defines no blockDeviceMappings: the AMI's default volume would be used; define the root volume with ebs.encrypted = true and a kmsKeyID.",
    ]);
    const plain = { deviceName: "/dev/xvdb", ebs: { volumeSize: "10Gi" } };
    const noKey = { deviceName: "/dev/xvdc", ebs: { volumeSize: "10Gi", encrypted: true } };
    expect(
      await msgs(eksNodeClassEncryptedVolumes, [nodeClass({ blockDeviceMappings: [volume, plain, noKey] })]),
    ).toEqual([
      "EC2NodeClass volume /dev/xvdb is not encrypted: set ebs.encrypted = true.",
      "EC2NodeClass volume /dev/xvdc names no kmsKeyID: encrypt it with the region's customer-managed key.",
    ]);
  });
});

describe("eks-interruption-queue-encrypted", () => {
  const release = res(RELEASE, "karpenter", {
    chart: "oci://public.ecr.aws/karpenter/karpenter",
    values: { settings: { interruptionQueue: "q" } },
  });
  test("compliant: a KMS key or SQS-managed encryption; other queues are not judged", async () => {
    expect(
      await msgs(eksInterruptionQueueEncrypted, [
        release,
        res(QUEUE, "q", { name: "q", kmsMasterKeyId: "arn:k" }),
      ]),
    ).toEqual([]);
    expect(
      await msgs(eksInterruptionQueueEncrypted, [
        release,
        res(QUEUE, "q", { name: "q", sqsManagedSseEnabled: true }),
      ]),
    ).toEqual([]);
    expect(
      await msgs(eksInterruptionQueueEncrypted, [release, res(QUEUE, "other", { name: "other" })]),
    ).toEqual([]);
  });
  test("non-compliant: the interruption queue unencrypted", async () => {
    const v = await check(eksInterruptionQueueEncrypted, [release, res(QUEUE, "q", { name: "q" })]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(QUEUE, "q"),
        'Karpenter\'s interruption queue "q" is not encrypted: set kmsMasterKeyId (a key EventBridge may use) or sqsManagedSseEnabled.',
      ],
    ]);
  });
});

describe("cost-nodepool-limits", () => {
  const pool = (limits: Record<string, unknown> | undefined) =>
    res(NODE_POOL, "general", { apiVersion: "karpenter.sh/v1", kind: "NodePool", spec: { limits } });
  test("quantities", () => {
    expect([
      quantity("200", "cpu"),
      quantity("500m", "cpu"),
      quantity(8, "cpu"),
      quantity("800Gi", "memory"),
      quantity("1Ti", "memory"),
    ]).toEqual([200, 0.5, 8, 800, 1024]);
    expect(quantity("lots", "cpu")).toBeUndefined();
  });
  test("compliant: cpu and memory within the ceilings", async () => {
    expect(await msgs(nodePoolLimits, [pool({ cpu: "200", memory: "800Gi" })])).toEqual([]);
  });
  test("non-compliant: no limits, one missing, above the ceiling", async () => {
    expect(await msgs(nodePoolLimits, [pool(undefined)])).toEqual([
      'NodePool "general" has no cpu and memory limit: set spec.limits.cpu and spec.limits.memory (platform:eks.karpenter.pools.<pool>.limits), or Karpenter launches nodes without bound.',
    ]);
    expect(await msgs(nodePoolLimits, [pool({ cpu: "10" })])).toEqual([
      'NodePool "general" has no memory limit: set spec.limits.cpu and spec.limits.memory (platform:eks.karpenter.pools.<pool>.limits), or Karpenter launches nodes without bound.',
    ]);
    expect(await msgs(nodePoolLimits, [pool({ cpu: "2000", memory: "100Gi" })])).toEqual([
      'NodePool "general" allows 2000 vCPUs and 100 GiB: expected at most 1000 vCPUs and 4000 GiB (policy config maxCpu, maxMemoryGiB).',
    ]);
  });
});
