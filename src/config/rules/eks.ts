/**
 * Rules of the EKS cluster and Karpenter (`platform:eks`): the Kubernetes version's support, the
 * Karpenter release against it, the public endpoint, the add-ons against the version, the system
 * nodes and the NodePools.
 */
import { isRfc1918, parseCidr } from "../cidr";
import { EKS_ADDON_DEFAULTS, EKS_DEFAULTS, EKS_SYSTEM_NODE_DEFAULTS, KARPENTER_DEFAULTS } from "../defaults";
import {
  amiAliasRelease,
  compareSemver,
  KARPENTER_NEWEST,
  KUBERNETES_VERSION_NAMES,
  KUBERNETES_VERSIONS,
  minKarpenterFor,
  semver,
} from "../eks";
import { show } from "../messages";
import { isObj, list, numberOr, record, type RawStack } from "../raw";
import { forEach, type RuleTable } from "../rule-table";
import { instanceFamily, isArm } from "../tiers";

const eks = (s: RawStack) => record(s.input.eks);
const version = (s: RawStack): unknown => eks(s).kubernetesVersion ?? EKS_DEFAULTS.kubernetesVersion;
const karpenter = (s: RawStack) => record(eks(s).karpenter);
const karpenterVersion = (s: RawStack): unknown => karpenter(s).version ?? KARPENTER_DEFAULTS.version;
const amiAlias = (s: RawStack): unknown => karpenter(s).amiAlias ?? KARPENTER_DEFAULTS.amiAlias;
/** `YYYYMMDD` as `YYYY-MM-DD`. */
const isoDate = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
const endpoint = (s: RawStack) => record(eks(s).endpoint);
const cidrs = (s: RawStack) => list(endpoint(s).publicAccessCidrs);
const cidrOf = (v: unknown) => (typeof v === "string" ? parseCidr(v) : undefined);
const systemNodes = (s: RawStack) => record(eks(s).systemNodes);
const kubeProxy = (s: RawStack): unknown =>
  record(eks(s).addons)["kube-proxy"] ?? EKS_ADDON_DEFAULTS["kube-proxy"];
const known = (v: unknown): v is keyof typeof KUBERNETES_VERSIONS =>
  typeof v === "string" && Object.hasOwn(KUBERNETES_VERSIONS, v);
const DAY_MS = 24 * 60 * 60 * 1000;
const margin = (s: RawStack): number => numberOr(eks(s).supportMarginDays, EKS_DEFAULTS.supportMarginDays);
/** The margin is judged only when it is one the schema accepts (the schema reports the others). */
const marginValid = (s: RawStack): boolean =>
  Number.isInteger(margin(s)) && margin(s) >= 0 && margin(s) <= 365;
/** Whole days from the rules' "now" to the start of `date` (UTC); negative once it is past. */
const daysUntil = (s: RawStack, date: string): number =>
  Math.floor((Date.parse(`${date}T00:00:00Z`) - s.now.getTime()) / DAY_MS);
type SupportEnd = "standardSupportEnds" | "extendedSupportEnds";
const daysLeft = (s: RawStack, end: SupportEnd): number =>
  daysUntil(s, KUBERNETES_VERSIONS[version(s) as keyof typeof KUBERNETES_VERSIONS][end]);
/** "leaves EKS standard support on 2026-12-02, in 9 days (less than platform:eks.supportMarginDays = 30)". */
function leaves(s: RawStack, end: SupportEnd, kind: string): string {
  const date = KUBERNETES_VERSIONS[version(s) as keyof typeof KUBERNETES_VERSIONS][end];
  const days = daysLeft(s, end);
  return days <= 0
    ? `left EKS ${kind} support on ${date}`
    : `leaves EKS ${kind} support on ${date}, in ${days} day${days === 1 ? "" : "s"} (less than platform:eks.supportMarginDays = ${margin(s)})`;
}
const WORLD = ["0.0.0.0/0", "::/0"];

/** One NodePool given as an object. */
interface Pool {
  readonly name: string;
  readonly pool: Record<string, unknown>;
}

export const EKS_RULES: RuleTable<RawStack> = [
  {
    name: "the Kubernetes version stays in EKS standard support for the margin, unless extended support is on",
    reads: [
      "platform:eks.kubernetesVersion",
      "platform:eks.extendedSupport",
      "platform:eks.supportMarginDays",
    ],
    when: (s) => isObj(s.input.eks) && known(version(s)) && marginValid(s) && eks(s).extendedSupport !== true,
    fails: (s) => daysLeft(s, "standardSupportEnds") < margin(s),
    message: (s) => {
      const v = version(s) as keyof typeof KUBERNETES_VERSIONS;
      const others = KUBERNETES_VERSION_NAMES.filter(
        (o) => o !== v && daysUntil(s, KUBERNETES_VERSIONS[o].standardSupportEnds) >= margin(s),
      ).map((o) => `${show(o)} until ${KUBERNETES_VERSIONS[o].standardSupportEnds}`);
      return (
        `platform:eks.kubernetesVersion = ${show(v)} ${leaves(s, "standardSupportEnds", "standard")}: ` +
        `expected a version whose standard support lasts longer${others.length > 0 ? ` (${others.join(", ")})` : ""}, ` +
        `or platform:eks.extendedSupport = true to keep it in extended support (charged per cluster hour); ` +
        `otherwise EKS upgrades the control plane itself when standard support ends and the next pulumi up tries to move it back, which EKS refuses`
      );
    },
  },
  {
    name: "the Kubernetes version stays in EKS extended support for the margin",
    reads: [
      "platform:eks.kubernetesVersion",
      "platform:eks.extendedSupport",
      "platform:eks.supportMarginDays",
    ],
    when: (s) => isObj(s.input.eks) && known(version(s)) && marginValid(s) && eks(s).extendedSupport === true,
    fails: (s) => daysLeft(s, "extendedSupportEnds") < margin(s),
    message: (s) =>
      `platform:eks.kubernetesVersion = ${show(version(s))} ${leaves(s, "extendedSupportEnds", "extended")}: ` +
      `expected a newer version (upgrade Karpenter, then the cluster); EKS upgrades every cluster itself when extended support ends`,
  },
  {
    name: "the Karpenter release supports the Kubernetes version",
    reads: ["platform:eks.karpenter.version", "platform:eks.kubernetesVersion"],
    when: (s) =>
      isObj(s.input.eks) &&
      known(version(s)) &&
      typeof karpenterVersion(s) === "string" &&
      semver(karpenterVersion(s) as string) !== undefined,
    fails: (s) => compareSemver(karpenterVersion(s) as string, minKarpenterFor(version(s) as string)!) < 0,
    message: (s) => {
      const min = minKarpenterFor(version(s) as string)!.replace(/\.0$/, "");
      return (
        `platform:eks.karpenter.version = ${show(karpenterVersion(s))} does not support platform:eks.kubernetesVersion = ${show(version(s))}: ` +
        `expected Karpenter ${min} or newer for Kubernetes ${version(s) as string} (Karpenter's compatibility matrix); upgrade Karpenter first, then the cluster`
      );
    },
  },
  {
    name: "the Karpenter release is one the platform knows",
    reads: ["platform:eks.karpenter.version"],
    when: (s) =>
      isObj(s.input.eks) &&
      typeof karpenterVersion(s) === "string" &&
      semver(karpenterVersion(s) as string) !== undefined,
    fails: (s) =>
      compareSemver(karpenterVersion(s) as string, KARPENTER_NEWEST) > 0 ||
      semver(karpenterVersion(s) as string)![0] !== 1,
    message: (s) =>
      `platform:eks.karpenter.version = ${show(karpenterVersion(s))} is not a Karpenter v1 release up to ${KARPENTER_NEWEST}: ` +
      `expected 1.x no newer than ${KARPENTER_NEWEST}, the release whose CRDs the platform renders and tests its NodePools against ` +
      `(update tests/fixtures/karpenter and KARPENTER_NEWEST to move on)`,
  },
  {
    name: "the AMI alias has images for the Kubernetes version",
    reads: ["platform:eks.karpenter.amiAlias", "platform:eks.kubernetesVersion"],
    when: (s) =>
      isObj(s.input.eks) &&
      known(version(s)) &&
      typeof amiAlias(s) === "string" &&
      amiAliasRelease(amiAlias(s) as string) !== undefined,
    fails: (s) =>
      amiAliasRelease(amiAlias(s) as string)! <
      KUBERNETES_VERSIONS[version(s) as keyof typeof KUBERNETES_VERSIONS].firstAmiRelease,
    message: (s) => {
      const v = version(s) as keyof typeof KUBERNETES_VERSIONS;
      const first = KUBERNETES_VERSIONS[v].firstAmiRelease;
      return (
        `platform:eks.karpenter.amiAlias = ${show(amiAlias(s))} has no Amazon Linux 2023 images for platform:eks.kubernetesVersion = ${show(v)}: ` +
        `expected al2023@v${first} or newer, the first EKS-optimized AMI release with Kubernetes ${v} images (${isoDate(first)}, awslabs/amazon-eks-ami CHANGELOG); ` +
        `otherwise Karpenter fails with "failed to discover any AMIs for alias" and launches no node`
      );
    },
  },
  {
    name: "a public endpoint lists the CIDRs that may reach it",
    reads: ["platform:eks.endpoint.publicAccess", "platform:eks.endpoint.publicAccessCidrs"],
    when: (s) => endpoint(s).publicAccess === true,
    fails: (s) => cidrs(s).length === 0,
    message: () =>
      `platform:eks.endpoint.publicAccessCidrs = [] leaves the public endpoint open to 0.0.0.0/0 (the EKS default): ` +
      `expected the CIDRs of your operators or CI runners, or platform:eks.endpoint.publicAccess = false`,
  },
  forEach("each public endpoint CIDR", (s: RawStack) => cidrs(s).map((cidr, i) => ({ cidr, i })), [
    {
      name: "the public endpoint is never open to the whole internet",
      reads: ["platform:eks.endpoint.publicAccessCidrs[i]"],
      fails: ({ cidr }) => typeof cidr === "string" && WORLD.includes(cidr),
      message: ({ cidr, i }) =>
        `platform:eks.endpoint.publicAccessCidrs[${i}] = ${show(cidr)} opens the Kubernetes API endpoint to the whole internet: ` +
        `expected the CIDRs of your operators or CI runners (e.g. "203.0.113.0/24"), or platform:eks.endpoint.publicAccess = false`,
    },
  ]),
  {
    name: "public endpoint CIDRs only with a public endpoint",
    reads: ["platform:eks.endpoint.publicAccess", "platform:eks.endpoint.publicAccessCidrs"],
    when: (s) => endpoint(s).publicAccess !== true,
    fails: (s) => cidrs(s).length > 0,
    message: (s) =>
      `platform:eks.endpoint.publicAccessCidrs = ${show(cidrs(s))} has no effect with publicAccess off: ` +
      `expected platform:eks.endpoint.publicAccess = true to open the public endpoint to them, or no CIDRs`,
  },
  forEach(
    "each private endpoint CIDR",
    (s: RawStack) =>
      list(endpoint(s).privateAccessCidrs).map((cidr, i) => ({ vpc: record(s.input.network).cidr, cidr, i })),
    [
      {
        name: "a private endpoint CIDR is a private network",
        reads: ["platform:eks.endpoint.privateAccessCidrs[i]"],
        when: ({ cidr }) => cidrOf(cidr) !== undefined,
        // The VPC's CIDR and every peer's are RFC 1918 too (platform:network.cidr, platform:peers).
        fails: ({ cidr }) => !isRfc1918(cidrOf(cidr)!),
        message: ({ vpc, cidr, i }) =>
          `platform:eks.endpoint.privateAccessCidrs[${i}] = ${show(cidr)} is not a private network: ` +
          `expected an RFC 1918 range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) inside the VPC` +
          `${typeof vpc === "string" ? ` (platform:network.cidr = ${show(vpc)})` : ""} or connected to it ` +
          `(a peered VPC, VPN, Direct Connect, a transit gateway); the public endpoint takes public CIDRs (publicAccessCidrs)`,
      },
    ],
  ),
  {
    name: "a private-only endpoint admits at least one network",
    reads: ["platform:eks.endpoint.publicAccess", "platform:eks.endpoint.privateAccessCidrs"],
    when: (s) => isObj(s.input.eks) && endpoint(s).publicAccess !== true,
    fails: (s) =>
      Array.isArray(endpoint(s).privateAccessCidrs) && list(endpoint(s).privateAccessCidrs).length === 0,
    message: () =>
      `platform:eks.endpoint.privateAccessCidrs = [] leaves the private-only API endpoint unreachable: the cluster security group admits only itself, ` +
      `so no runner can call the Kubernetes API and pulumi up cannot create any Kubernetes resource; ` +
      `expected the CIDRs of the networks the runners deploy from (leave the key out for the VPC's own CIDR), ` +
      `or platform:eks.endpoint.publicAccess = true with publicAccessCidrs`,
  },
  {
    name: "the deploy role is one of the admin roles",
    reads: ["platform:eks.deployRoleArn", "platform:eks.adminRoleArns"],
    when: (s) => typeof eks(s).deployRoleArn === "string" && Array.isArray(eks(s).adminRoleArns),
    fails: (s) => !list(eks(s).adminRoleArns).includes(eks(s).deployRoleArn),
    message: (s) =>
      `platform:eks.deployRoleArn = ${show(eks(s).deployRoleArn)} is not among platform:eks.adminRoleArns: ` +
      `expected one of them (Pulumi reaches the Kubernetes API as this role, which needs cluster admin)`,
  },
  {
    name: "kube-proxy follows the cluster's Kubernetes minor version",
    reads: ["platform:eks.addons.kube-proxy", "platform:eks.kubernetesVersion"],
    when: (s) =>
      isObj(s.input.eks) &&
      known(version(s)) &&
      typeof kubeProxy(s) === "string" &&
      /^v\d+\.\d+\./.test(kubeProxy(s) as string),
    fails: (s) => !(kubeProxy(s) as string).startsWith(`v${version(s) as string}.`),
    message: (s) =>
      `platform:eks.addons.kube-proxy = ${show(kubeProxy(s))} does not match platform:eks.kubernetesVersion = ${show(version(s))}: ` +
      `expected a v${version(s) as string}.x build (kube-proxy runs the cluster's minor version; raise both together)`,
  },
  {
    name: "the system nodes' maxSize is at least their minSize, desiredSize between them",
    reads: [
      "platform:eks.systemNodes.minSize",
      "platform:eks.systemNodes.maxSize",
      "platform:eks.systemNodes.desiredSize",
    ],
    when: (s) => isObj(s.input.eks),
    fails: (s) => {
      const n = systemNodes(s);
      const [min, max, desired] = [
        numberOr(n.minSize, EKS_SYSTEM_NODE_DEFAULTS.minSize),
        numberOr(n.maxSize, EKS_SYSTEM_NODE_DEFAULTS.maxSize),
        numberOr(n.desiredSize, EKS_SYSTEM_NODE_DEFAULTS.desiredSize),
      ];
      return !(min <= desired && desired <= max);
    },
    message: (s) => {
      const n = systemNodes(s);
      return (
        `platform:eks.systemNodes = {minSize: ${numberOr(n.minSize, EKS_SYSTEM_NODE_DEFAULTS.minSize)}, ` +
        `desiredSize: ${numberOr(n.desiredSize, EKS_SYSTEM_NODE_DEFAULTS.desiredSize)}, maxSize: ${numberOr(n.maxSize, EKS_SYSTEM_NODE_DEFAULTS.maxSize)}} ` +
        `is out of order: expected minSize <= desiredSize <= maxSize`
      );
    },
  },
  forEach(
    "each system node instance type",
    (s: RawStack) => list(systemNodes(s).instanceTypes).map((type, i) => ({ type, i })),
    [
      {
        name: "system node instance types are of known families",
        reads: ["platform:eks.systemNodes.instanceTypes[i]"],
        when: ({ type }) => typeof type === "string",
        fails: ({ type }) => instanceFamily(type as string) === undefined,
        message: ({ type, i }) =>
          `platform:eks.systemNodes.instanceTypes[${i}] = ${show(type)} is not a known instance type: expected "<family>.<size>" of a family in src/config/tiers.ts`,
      },
    ],
  ),
  {
    name: "the system node instance types share one architecture",
    reads: ["platform:eks.systemNodes.instanceTypes"],
    when: (s) => list(systemNodes(s).instanceTypes).every((t) => typeof t === "string"),
    fails: (s) => new Set(list(systemNodes(s).instanceTypes).map((t) => isArm(t as string))).size > 1,
    message: (s) =>
      `platform:eks.systemNodes.instanceTypes = ${show(systemNodes(s).instanceTypes)} mixes x86_64 and Graviton (arm64) types: ` +
      `expected one architecture (a managed node group has one AMI type)`,
  },
  forEach(
    "each NodePool",
    (s: RawStack): Pool[] =>
      Object.entries(record(karpenter(s).pools)).flatMap(([name, pool]) =>
        isObj(pool) ? [{ name, pool }] : [],
      ),
    [
      {
        name: "the critical pool runs on-demand only",
        reads: ["platform:eks.karpenter.pools.critical.capacityTypes"],
        when: ({ name, pool }) => name === "critical" && Array.isArray(pool.capacityTypes),
        fails: ({ pool }) => list(pool.capacityTypes).some((t) => t !== "on-demand"),
        message: ({ pool }) =>
          `platform:eks.karpenter.pools.critical.capacityTypes = ${show(pool.capacityTypes)} allows Spot: ` +
          `expected ["on-demand"] (critical workloads must not be interrupted by Spot reclaims)`,
      },
      forEach(
        "each disruption budget",
        ({ name, pool }: Pool) =>
          list(pool.disruptionBudgets).flatMap((b, i) => (isObj(b) ? [{ name, b, i }] : [])),
        [
          {
            name: "a disruption budget has both schedule and duration, or neither",
            reads: ["platform:eks.karpenter.pools.<pool>.disruptionBudgets[i]"],
            fails: ({ b }) => (b.schedule === undefined) !== (b.duration === undefined),
            message: ({ name, b, i }) =>
              `platform:eks.karpenter.pools.${name}.disruptionBudgets[${i}] = ${show(b)} sets only one of schedule and duration: ` +
              `expected both (a scheduled budget) or neither (always active)`,
          },
        ],
      ),
    ],
  ),
];
