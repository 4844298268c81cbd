/** `platform:eks`: defaults, and bad config rejected with exact messages, nothing registered. */
import { validateStackConfig } from "../../src/config";
import { EKS_ADDON_DEFAULTS, KARPENTER_DEFAULTS, NODE_POOL_DEFAULTS } from "../../src/config/defaults";
import { amiAliasRelease, compareSemver, KUBERNETES_VERSIONS, minKarpenterFor } from "../../src/config/eks";
import { problemsOf, stackValues, withOverrides } from "../helpers/config";

const ADMIN = "arn:aws:iam::111122223333:role/platform-admin";
const eks = (over: Record<string, unknown>) => ({
  "platform:eks": { ...(stackValues("us-east-1")["platform:eks"] as Record<string, unknown>), ...over },
});

describe("platform:eks", () => {
  test("only adminRoleArns is required; every other field defaults", () => {
    const e = validateStackConfig(
      withOverrides("us-east-1", { "platform:eks": { adminRoleArns: [ADMIN] } }),
    ).eks;
    expect(e.kubernetesVersion).toBe("1.35");
    expect(e.extendedSupport).toBe(false);
    expect(e.endpoint).toEqual({ publicAccess: false, publicAccessCidrs: [] });
    expect(e.addons).toEqual(EKS_ADDON_DEFAULTS);
    expect(e.karpenter.version).toBe(KARPENTER_DEFAULTS.version);
    expect(e.karpenter.pools.general.limits).toEqual(NODE_POOL_DEFAULTS.general.limits);
    expect(e.karpenter.pools.critical.capacityTypes).toEqual(["on-demand"]);
    expect(e.keda).toEqual({ enabled: false, version: "2.20.2" });
  });

  test("a missing platform:eks is refused", () => {
    expect(problemsOf("us-east-1", { "platform:eks": undefined })).toEqual([
      "platform:eks is missing: expected an object with adminRoleArns and optional cluster, add-on, node and Karpenter settings",
    ]);
  });

  test("the end of support is recorded for every version, and config refuses a version supportMarginDays before it", () => {
    // EKS user guide, Kubernetes release calendar (as endoflife.date records it).
    expect(
      Object.fromEntries(
        Object.entries(KUBERNETES_VERSIONS).map(([v, x]) => [
          v,
          [x.standardSupportEnds, x.extendedSupportEnds],
        ]),
      ),
    ).toEqual({
      "1.34": ["2026-12-02", "2027-12-02"],
      "1.35": ["2027-03-27", "2028-03-27"],
      "1.36": ["2027-08-02", "2028-08-02"],
    });
    const at = (now: string, over: Record<string, unknown>) => {
      try {
        validateStackConfig({ ...withOverrides("us-east-1", eks(over)), now: new Date(now) });
        return [];
      } catch (e) {
        // Only the cluster's problems: the stack file's dated scheduled actions expire too.
        return (e as { problems: readonly string[] }).problems.filter((p) => p.startsWith("platform:eks"));
      }
    };
    expect(at("2027-02-25T00:00:00Z", {})).toEqual([]);
    expect(at("2027-02-26T00:00:00Z", {})).toEqual([
      'platform:eks.kubernetesVersion = "1.35" leaves EKS standard support on 2027-03-27, in 29 days (less than platform:eks.supportMarginDays = 30): expected a version whose standard support lasts longer ("1.36" until 2027-08-02), or platform:eks.extendedSupport = true to keep it in extended support (charged per cluster hour); otherwise EKS upgrades the control plane itself when standard support ends and the next pulumi up tries to move it back, which EKS refuses',
    ]);
    expect(at("2027-02-26T00:00:00Z", { supportMarginDays: 7 })).toEqual([]);
    expect(at("2027-04-01T00:00:00Z", { supportMarginDays: 0 })).toEqual([
      'platform:eks.kubernetesVersion = "1.35" left EKS standard support on 2027-03-27: expected a version whose standard support lasts longer ("1.36" until 2027-08-02), or platform:eks.extendedSupport = true to keep it in extended support (charged per cluster hour); otherwise EKS upgrades the control plane itself when standard support ends and the next pulumi up tries to move it back, which EKS refuses',
    ]);
    expect(at("2027-04-01T00:00:00Z", { extendedSupport: true })).toEqual([]);
    expect(at("2028-03-01T00:00:00Z", { extendedSupport: true })).toEqual([
      'platform:eks.kubernetesVersion = "1.35" leaves EKS extended support on 2028-03-27, in 26 days (less than platform:eks.supportMarginDays = 30): expected a newer version (upgrade Karpenter, then the cluster); EKS upgrades every cluster itself when extended support ends',
    ]);
    expect(problemsOf("us-east-1", eks({ supportMarginDays: 400 }))).toEqual([
      "platform:eks.supportMarginDays = 400 is too large: expected days from 0 to 365",
    ]);
  });

  test("a Karpenter chart too old for the cluster's Kubernetes version", () => {
    expect(
      problemsOf(
        "us-east-1",
        eks({
          kubernetesVersion: "1.36",
          addons: { "kube-proxy": "v1.36.0-eksbuild.1" },
          karpenter: { version: "1.12.3" },
        }),
      ),
    ).toEqual([
      `platform:eks.karpenter.version = "1.12.3" does not support platform:eks.kubernetesVersion = "1.36": expected Karpenter 1.13 or newer for Kubernetes 1.36 (Karpenter's compatibility matrix); upgrade Karpenter first, then the cluster`,
    ]);
    expect(problemsOf("us-east-1", eks({ karpenter: { version: "1.8.0" } }))).toEqual([
      `platform:eks.karpenter.version = "1.8.0" does not support platform:eks.kubernetesVersion = "1.35": expected Karpenter 1.9 or newer for Kubernetes 1.35 (Karpenter's compatibility matrix); upgrade Karpenter first, then the cluster`,
    ]);
  });

  test("the compatibility matrix", () => {
    expect([
      minKarpenterFor("1.34"),
      minKarpenterFor("1.35"),
      minKarpenterFor("1.36"),
      minKarpenterFor("1.37"),
    ]).toEqual(["1.6.0", "1.9.0", "1.13.0", undefined]);
    expect(compareSemver("1.10.0", "1.9.0")).toBeGreaterThan(0);
  });

  test("a Karpenter release newer than the platform knows", () => {
    expect(problemsOf("us-east-1", eks({ karpenter: { version: "1.15.0" } }))).toEqual([
      'platform:eks.karpenter.version = "1.15.0" is not a Karpenter v1 release up to 1.14.1: expected 1.x no newer than 1.14.1, the release whose CRDs the platform renders and tests its NodePools against (update tests/fixtures/karpenter and KARPENTER_NEWEST to move on)',
    ]);
  });

  test("a Kubernetes version out of standard support, unless extended support is on", () => {
    // jest fixes PLATFORM_NOW at 2026-11-23: 1.34 has 9 days of standard support left.
    const v134 = { kubernetesVersion: "1.34", addons: { "kube-proxy": "v1.34.0-eksbuild.1" } };
    expect(problemsOf("us-east-1", eks(v134))).toEqual([
      'platform:eks.kubernetesVersion = "1.34" leaves EKS standard support on 2026-12-02, in 9 days (less than platform:eks.supportMarginDays = 30): expected a version whose standard support lasts longer ("1.35" until 2027-03-27, "1.36" until 2027-08-02), or platform:eks.extendedSupport = true to keep it in extended support (charged per cluster hour); otherwise EKS upgrades the control plane itself when standard support ends and the next pulumi up tries to move it back, which EKS refuses',
    ]);
    expect(
      validateStackConfig(withOverrides("us-east-1", eks({ ...v134, extendedSupport: true }))).eks
        .kubernetesVersion,
    ).toBe("1.34");
    expect(problemsOf("us-east-1", eks({ kubernetesVersion: "1.33" }))).toEqual([
      'platform:eks.kubernetesVersion = "1.33" is not a Kubernetes version the platform runs on EKS: expected one of "1.34", "1.35", "1.36"',
    ]);
  });

  test("an AMI alias older than the first release with images for the Kubernetes version", () => {
    // awslabs/amazon-eks-ami CHANGELOG.md: the first AL2023 images of 1.34, 1.35 and 1.36.
    expect(
      Object.fromEntries(Object.entries(KUBERNETES_VERSIONS).map(([v, x]) => [v, x.firstAmiRelease])),
    ).toEqual({ "1.34": "20250915", "1.35": "20260114", "1.36": "20260610" });
    expect(problemsOf("us-east-1", eks({ karpenter: { amiAlias: "al2023@v20251120" } }))).toEqual([
      'platform:eks.karpenter.amiAlias = "al2023@v20251120" has no Amazon Linux 2023 images for platform:eks.kubernetesVersion = "1.35": expected al2023@v20260114 or newer, the first EKS-optimized AMI release with Kubernetes 1.35 images (2026-01-14, awslabs/amazon-eks-ami CHANGELOG); otherwise Karpenter fails with "failed to discover any AMIs for alias" and launches no node',
    ]);
    const v136 = { kubernetesVersion: "1.36", addons: { "kube-proxy": "v1.36.0-eksbuild.1" } };
    expect(problemsOf("us-east-1", eks({ ...v136, karpenter: { amiAlias: "al2023@v20260505" } }))).toEqual([
      'platform:eks.karpenter.amiAlias = "al2023@v20260505" has no Amazon Linux 2023 images for platform:eks.kubernetesVersion = "1.36": expected al2023@v20260610 or newer, the first EKS-optimized AMI release with Kubernetes 1.36 images (2026-06-10, awslabs/amazon-eks-ami CHANGELOG); otherwise Karpenter fails with "failed to discover any AMIs for alias" and launches no node',
    ]);
    const ok = validateStackConfig(
      withOverrides("us-east-1", eks({ ...v136, karpenter: { amiAlias: "al2023@v20260610" } })),
    );
    expect(ok.eks.karpenter.amiAlias).toBe("al2023@v20260610");
  });

  test("the default AMI alias and both stack files' aliases have images for every supported version", () => {
    const defaultRelease = amiAliasRelease(KARPENTER_DEFAULTS.amiAlias)!;
    expect(defaultRelease >= "20260610").toBe(true);
    for (const x of Object.values(KUBERNETES_VERSIONS))
      expect(defaultRelease >= x.firstAmiRelease).toBe(true);
    for (const stack of ["us-east-1", "eu-west-1"]) {
      const e = validateStackConfig(withOverrides(stack, {})).eks;
      expect([stack, amiAliasRelease(e.karpenter.amiAlias)! >= "20260610"]).toEqual([stack, true]);
    }
  });

  test("a NodePool without limits", () => {
    const pools = { general: { capacityTypes: ["spot", "on-demand"] } };
    expect(problemsOf("us-east-1", eks({ karpenter: { pools } }))).toEqual([
      "platform:eks.karpenter.pools.general.limits is missing: expected cpu (cores) and memoryGiB limits: without them Karpenter launches nodes without bound",
    ]);
    expect(
      problemsOf("us-east-1", eks({ karpenter: { pools: { critical: { limits: { cpu: 8 } } } } })),
    ).toEqual([
      "platform:eks.karpenter.pools.critical.limits.memoryGiB is missing: expected cpu (cores) and memoryGiB limits: without them Karpenter launches nodes without bound",
    ]);
  });

  test("an unknown add-on", () => {
    expect(problemsOf("us-east-1", eks({ addons: { "aws-ebs-csi-driver": "v1.50.0-eksbuild.1" } }))).toEqual([
      'platform:eks.addons.aws-ebs-csi-driver = "v1.50.0-eksbuild.1" is not a known key: expected only vpc-cni, kube-proxy, eks-pod-identity-agent, coredns, metrics-server',
    ]);
    expect(problemsOf("us-east-1", eks({ addons: { coredns: "latest" } }))).toEqual([
      'platform:eks.addons.coredns = "latest" is not an add-on build: expected "v<major>.<minor>.<patch>-eksbuild.<n>" as describe-addon-versions lists it',
    ]);
  });

  test("a public endpoint open to 0.0.0.0/0, or with no CIDRs", () => {
    expect(
      problemsOf(
        "us-east-1",
        eks({ endpoint: { publicAccess: true, publicAccessCidrs: ["203.0.113.0/24", "0.0.0.0/0"] } }),
      ),
    ).toEqual([
      'platform:eks.endpoint.publicAccessCidrs[1] = "0.0.0.0/0" opens the Kubernetes API endpoint to the whole internet: expected the CIDRs of your operators or CI runners (e.g. "203.0.113.0/24"), or platform:eks.endpoint.publicAccess = false',
    ]);
    expect(problemsOf("us-east-1", eks({ endpoint: { publicAccess: true } }))).toEqual([
      "platform:eks.endpoint.publicAccessCidrs = [] leaves the public endpoint open to 0.0.0.0/0 (the EKS default): expected the CIDRs of your operators or CI runners, or platform:eks.endpoint.publicAccess = false",
    ]);
    const ok = validateStackConfig(
      withOverrides(
        "us-east-1",
        eks({ endpoint: { publicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] } }),
      ),
    );
    expect(ok.eks.endpoint.publicAccessCidrs).toEqual(["203.0.113.0/24"]);
  });

  test("private access CIDRs: left out the VPC's own CIDR; private networks only; a private-only endpoint needs one", () => {
    expect(
      validateStackConfig(withOverrides("us-east-1", {})).eks.endpoint.privateAccessCidrs,
    ).toBeUndefined();
    const ok = validateStackConfig(
      withOverrides(
        "us-east-1",
        eks({ endpoint: { privateAccessCidrs: ["10.10.0.0/16", "192.168.40.0/24", "172.20.0.0/16"] } }),
      ),
    );
    expect(ok.eks.endpoint.privateAccessCidrs).toEqual(["10.10.0.0/16", "192.168.40.0/24", "172.20.0.0/16"]);
    expect(
      problemsOf(
        "us-east-1",
        eks({ endpoint: { privateAccessCidrs: ["0.0.0.0/0", "203.0.113.0/24", "10.1.0.1/16"] } }),
      ),
    ).toEqual([
      'platform:eks.endpoint.privateAccessCidrs[2] = "10.1.0.1/16" is not a CIDR: expected an IPv4 network address "a.b.c.d/n" with no host bits set',
      'platform:eks.endpoint.privateAccessCidrs[0] = "0.0.0.0/0" is not a private network: expected an RFC 1918 range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) inside the VPC (platform:network.cidr = "10.10.0.0/16") or connected to it (a peered VPC, VPN, Direct Connect, a transit gateway); the public endpoint takes public CIDRs (publicAccessCidrs)',
      'platform:eks.endpoint.privateAccessCidrs[1] = "203.0.113.0/24" is not a private network: expected an RFC 1918 range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) inside the VPC (platform:network.cidr = "10.10.0.0/16") or connected to it (a peered VPC, VPN, Direct Connect, a transit gateway); the public endpoint takes public CIDRs (publicAccessCidrs)',
    ]);
    expect(problemsOf("us-east-1", eks({ endpoint: { privateAccessCidrs: [] } }))).toEqual([
      "platform:eks.endpoint.privateAccessCidrs = [] leaves the private-only API endpoint unreachable: the cluster security group admits only itself, so no runner can call the Kubernetes API and pulumi up cannot create any Kubernetes resource; expected the CIDRs of the networks the runners deploy from (leave the key out for the VPC's own CIDR), or platform:eks.endpoint.publicAccess = true with publicAccessCidrs",
    ]);
    expect(
      validateStackConfig(
        withOverrides(
          "us-east-1",
          eks({
            endpoint: { publicAccess: true, publicAccessCidrs: ["203.0.113.0/24"], privateAccessCidrs: [] },
          }),
        ),
      ).eks.endpoint.privateAccessCidrs,
    ).toEqual([]);
  });

  test("other cross-key rules: kube-proxy's minor, the deploy role, Spot on the critical pool, budgets, system nodes", () => {
    expect(problemsOf("us-east-1", eks({ addons: { "kube-proxy": "v1.34.2-eksbuild.3" } }))).toEqual([
      `platform:eks.addons.kube-proxy = "v1.34.2-eksbuild.3" does not match platform:eks.kubernetesVersion = "1.35": expected a v1.35.x build (kube-proxy runs the cluster's minor version; raise both together)`,
    ]);
    expect(problemsOf("us-east-1", eks({ deployRoleArn: "arn:aws:iam::111122223333:role/other" }))).toEqual([
      'platform:eks.deployRoleArn = "arn:aws:iam::111122223333:role/other" is not among platform:eks.adminRoleArns: expected one of them (Pulumi reaches the Kubernetes API as this role, which needs cluster admin)',
    ]);
    expect(
      problemsOf(
        "us-east-1",
        eks({
          karpenter: {
            pools: {
              critical: {
                capacityTypes: ["spot"],
                limits: { cpu: 8, memoryGiB: 32 },
                disruptionBudgets: [{ nodes: "1", duration: "1h" }],
              },
            },
          },
        }),
      ),
    ).toEqual([
      'platform:eks.karpenter.pools.critical.capacityTypes = ["spot"] allows Spot: expected ["on-demand"] (critical workloads must not be interrupted by Spot reclaims)',
      'platform:eks.karpenter.pools.critical.disruptionBudgets[0] = {"nodes":"1","duration":"1h"} sets only one of schedule and duration: expected both (a scheduled budget) or neither (always active)',
    ]);
    expect(
      problemsOf(
        "us-east-1",
        eks({ systemNodes: { instanceTypes: ["m7i.large", "m7g.large"], minSize: 3, desiredSize: 2 } }),
      ),
    ).toEqual([
      "platform:eks.systemNodes = {minSize: 3, desiredSize: 2, maxSize: 4} is out of order: expected minSize <= desiredSize <= maxSize",
      'platform:eks.systemNodes.instanceTypes = ["m7i.large","m7g.large"] mixes x86_64 and Graviton (arm64) types: expected one architecture (a managed node group has one AMI type)',
    ]);
    expect(problemsOf("us-east-1", eks({ systemNodes: { minSize: 1 } }))).toEqual([
      "platform:eks.systemNodes.minSize = 1 is too small: expected nodes (Karpenter's two replicas need two nodes) from 2 to 20",
    ]);
    expect(problemsOf("us-east-1", eks({ karpenter: { amiAlias: "al2023@latest" } }))).toEqual([
      'platform:eks.karpenter.amiAlias = "al2023@latest" is not a pinned Amazon Linux 2023 alias: expected "al2023@v<YYYYMMDD>" ("latest" drifts every node on each AMI release)',
    ]);
  });
});
