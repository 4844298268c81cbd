/**
 * Config of the region's EKS cluster and Karpenter (`platform:eks`); the checks across its keys are
 * in `rules/eks.ts`. Defaults: src/config/defaults.ts (`EKS_*`, `KARPENTER_DEFAULTS`,
 * `NODE_POOL_DEFAULTS`, `KEDA_DEFAULTS`).
 */
import { z } from "zod";
import { parseCidr } from "./cidr";
import {
  EKS_ADDON_DEFAULTS,
  EKS_DEFAULTS,
  EKS_SYSTEM_NODE_DEFAULTS,
  KARPENTER_DEFAULTS,
  KEDA_DEFAULTS,
  NODE_POOL_DEFAULTS,
  type NodePoolDefaults,
} from "./defaults";
import { quotedList as list, wholeNumber } from "./messages";
import { LOG_RETENTION_DAYS } from "./log-retention";

/**
 * The Kubernetes versions the platform accepts, with what EKS says about them: the end of standard
 * and of extended support (EKS user guide, "Understand the Kubernetes version lifecycle on EKS",
 * its Kubernetes release calendar, as endoflife.date's products/amazon-eks.md records it from that
 * table: 1.34 released 2025-10-06, standard support to 2026-12-02, extended to 2027-12-02; 1.35
 * 2026-01-28, 2027-03-27, 2028-03-27; 1.36 2026-06-02, 2027-08-02, 2028-08-02: 14 months of
 * standard support from release, then 12 of extended support at extra cost), whether the version
 * is offered without extended support (`standardSupport`, which the `eks-version-supported` policy
 * reads; config judges the dates instead, with `platform:eks.supportMarginDays`), the oldest
 * Karpenter release that supports each (Karpenter's compatibility matrix, karpenter.sh "Upgrading >
 * Compatibility": 1.34 needs >= 1.6, 1.35 >= 1.9, 1.36 >= 1.13) and the first EKS-optimized AMI
 * release with Amazon Linux 2023 images for it (`firstAmiRelease`, awslabs/amazon-eks-ami
 * CHANGELOG.md: v20250915 is the first release listing `amazon-eks-node-al2023-*-1.34-*` images,
 * v20260114 the first with 1.35, v20260610 the first with 1.36). Karpenter resolves
 * `al2023@v<date>` through the SSM parameter
 * `/aws/service/eks/optimized-ami/<k8s>/amazon-linux-2023/<arch>/standard/amazon-eks-node-al2023-<arch>-standard-<k8s>-v<date>/image_id`
 * (karpenter-provider-aws pkg/providers/amifamily/al2023.go); an older release has no such
 * parameter and the node class fails with "failed to discover any AMIs for alias".
 */
export const KUBERNETES_VERSIONS = {
  "1.34": {
    standardSupport: false,
    standardSupportEnds: "2026-12-02",
    extendedSupportEnds: "2027-12-02",
    minKarpenter: "1.6.0",
    firstAmiRelease: "20250915",
  },
  "1.35": {
    standardSupport: true,
    standardSupportEnds: "2027-03-27",
    extendedSupportEnds: "2028-03-27",
    minKarpenter: "1.9.0",
    firstAmiRelease: "20260114",
  },
  "1.36": {
    standardSupport: true,
    standardSupportEnds: "2027-08-02",
    extendedSupportEnds: "2028-08-02",
    minKarpenter: "1.13.0",
    firstAmiRelease: "20260610",
  },
} as const satisfies Record<
  string,
  {
    standardSupport: boolean;
    /** The last day EKS standard support covers (`YYYY-MM-DD`, UTC); EKS upgrades a `STANDARD` cluster after it. */
    standardSupportEnds: string;
    /** The last day of EKS extended support; EKS upgrades every cluster after it. */
    extendedSupportEnds: string;
    minKarpenter: string;
    /** `YYYYMMDD` of the first amazon-eks-ami release with AL2023 images for the version. */
    firstAmiRelease: string;
  }
>;
export type KubernetesVersion = keyof typeof KUBERNETES_VERSIONS;
export const KUBERNETES_VERSION_NAMES = Object.keys(KUBERNETES_VERSIONS) as KubernetesVersion[];
/** Versions in EKS standard support. */
export const STANDARD_SUPPORT_VERSIONS = KUBERNETES_VERSION_NAMES.filter(
  (v) => KUBERNETES_VERSIONS[v].standardSupport,
);

/** The newest Karpenter release the platform knows: the reference CRDs (tests/fixtures/karpenter) are its. */
export const KARPENTER_NEWEST = "1.14.1";

/** "1.9.0" as [1, 9, 0]; undefined unless the text is `<major>.<minor>.<patch>`. */
export function semver(text: string): [number, number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Negative when a < b, 0 when equal, positive when a > b (both `<major>.<minor>.<patch>`). */
export function compareSemver(a: string, b: string): number {
  const [x, y] = [semver(a), semver(b)];
  if (!x || !y) return Number.NaN;
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** The oldest Karpenter release for a Kubernetes version; undefined for a version the platform does not know. */
export function minKarpenterFor(kubernetesVersion: string): string | undefined {
  return (KUBERNETES_VERSIONS as Record<string, { minKarpenter: string }>)[kubernetesVersion]?.minKarpenter;
}

/** The managed add-ons, in the order they are installed: the first three before any node, the rest after. */
export const EKS_ADDONS = [
  "vpc-cni",
  "kube-proxy",
  "eks-pod-identity-agent",
  "coredns",
  "metrics-server",
] as const;
export type EksAddonName = (typeof EKS_ADDONS)[number];
/** Add-ons a node needs before it can become Ready (networking, service routing, Pod Identity credentials). */
export const ADDONS_BEFORE_NODES: readonly EksAddonName[] = [
  "vpc-cni",
  "kube-proxy",
  "eks-pod-identity-agent",
];

export const CAPACITY_TYPES = ["spot", "on-demand"] as const;
export const ARCHITECTURES = ["amd64", "arm64"] as const;
/** Karpenter's `karpenter.k8s.aws/instance-category` values the pools may ask for (general purpose, compute, memory, storage). */
export const INSTANCE_CATEGORIES = ["c", "m", "r", "i", "d", "x", "z"] as const;
export type InstanceCategory = (typeof INSTANCE_CATEGORIES)[number];
export const CONSOLIDATION_POLICIES = ["WhenEmpty", "WhenEmptyOrUnderutilized"] as const;
export const DISRUPTION_REASONS = ["Underutilized", "Empty", "Drifted"] as const;
export const NODE_POOL_NAMES = ["general", "critical"] as const;
export type NodePoolName = (typeof NODE_POOL_NAMES)[number];

/** An IAM role ARN of an account (path allowed). */
export const ROLE_ARN_RE = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
/** A pinned EKS add-on build, as describe-addon-versions lists it. */
export const ADDON_VERSION_RE = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;
/** A pinned Amazon Linux 2023 EKS-optimized AMI release (Karpenter's alias `al2023@v<YYYYMMDD>`). */
export const AMI_ALIAS_RE = /^al2023@v(\d{8})$/;

/** The release date (`YYYYMMDD`) of a pinned alias; undefined for anything else. */
export function amiAliasRelease(alias: string): string | undefined {
  return AMI_ALIAS_RE.exec(alias)?.[1];
}
/** Karpenter's duration format (NodePool `consolidateAfter`, `expireAfter`), from the v1 CRD. */
const DURATION_RE = /^(([0-9]+(s|m|h))+|Never)$/;
/** A disruption budget's `nodes`: a count or a percentage (NodePool CRD pattern). */
const BUDGET_NODES_RE = /^((100|[0-9]{1,2})%|[0-9]+)$/;
/** A disruption budget's `duration`: minutes and hours (NodePool CRD pattern). */
const BUDGET_DURATION_RE = /^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$/;

/** `terminationGracePeriod`'s pattern in the NodePool CRD (karpenter.sh_nodepools.yaml): no "Never". */
const BOUNDED_DURATION_RE = /^([0-9]+(s|m|h))+$/;

const duration = (what: string) =>
  z.string({ error: `expected ${what} such as "1m" or "720h"` }).regex(DURATION_RE, {
    error: `is not a Karpenter duration: expected ${what} such as "30s", "10m", "720h" or "Never"`,
  });

const disruptionBudgetSchema = z.strictObject(
  {
    nodes: z
      .string({ error: 'expected a node count or percentage such as "10%" or "1"' })
      .regex(BUDGET_NODES_RE, {
        error: 'is not a node count or percentage: expected e.g. "10%", "0" or "1"',
      })
      .meta({
        description: "How many of the pool's nodes may be disrupted at once: a count or a percentage.",
      }),
    schedule: z
      .string({ error: "expected a cron expression" })
      .regex(/^(@(annually|yearly|monthly|weekly|daily|midnight|hourly))|((.+)\s(.+)\s(.+)\s(.+)\s(.+))$/, {
        error: 'is not a cron expression: expected five fields, e.g. "0 9 * * mon-fri"',
      })
      .optional()
      .meta({ description: "When the budget starts to apply (UTC cron); needs `duration`." }),
    duration: z
      .string({ error: 'expected a duration such as "8h"' })
      .regex(BUDGET_DURATION_RE, {
        error: 'is not a budget duration: expected minutes and hours, e.g. "8h" or "1h30m"',
      })
      .optional()
      .meta({ description: "How long the budget applies after each `schedule` hit; needs `schedule`." }),
    reasons: z
      .array(
        z.enum(DISRUPTION_REASONS, {
          error: `is not a disruption reason: expected one of ${list(DISRUPTION_REASONS)}`,
        }),
        { error: "expected a list of disruption reasons" },
      )
      .optional()
      .meta({ description: "The disruptions the budget limits; all of them when left out." }),
  },
  { error: "expected an object with nodes and optional schedule, duration, reasons" },
);

const LIMITS_ALLOWED =
  "expected cpu (cores) and memoryGiB limits: without them Karpenter launches nodes without bound";

function nodePoolSchema(d: NodePoolDefaults) {
  return z.strictObject(
    {
      capacityTypes: z
        .array(
          z.enum(CAPACITY_TYPES, {
            error: `is not a capacity type: expected one of ${list(CAPACITY_TYPES)}`,
          }),
          {
            error: "expected a list of capacity types",
          },
        )
        .min(1, { error: "is empty: expected at least one capacity type" })
        .default(() => [...d.capacityTypes])
        .meta({ description: "`spot`, `on-demand` or both (Karpenter prefers Spot when both are allowed)." }),
      architectures: z
        .array(
          z.enum(ARCHITECTURES, { error: `is not an architecture: expected one of ${list(ARCHITECTURES)}` }),
          {
            error: "expected a list of CPU architectures",
          },
        )
        .min(1, { error: "is empty: expected at least one architecture" })
        .default(() => [...d.architectures])
        .meta({ description: "CPU architectures: `amd64`, `arm64` (Graviton) or both." }),
      instanceCategories: z
        .array(
          z.enum(INSTANCE_CATEGORIES, {
            error: `is not an instance category: expected one of ${list(INSTANCE_CATEGORIES)}`,
          }),
          { error: "expected a list of instance categories" },
        )
        .min(1, { error: "is empty: expected at least one instance category" })
        .default(() => [...d.instanceCategories])
        .meta({
          description: "EC2 instance categories (`c` compute, `m` general purpose, `r` memory, ...).",
        }),
      minInstanceGeneration: wholeNumber("an instance generation", 1, 10)
        .default(d.minInstanceGeneration)
        .meta({ description: "The oldest instance generation allowed (6 means m6i, c6g and newer)." }),
      limits: z
        .strictObject(
          {
            cpu: wholeNumber("CPU cores", 1, 100_000, `${LIMITS_ALLOWED}`).meta({
              description: "The most vCPUs the pool's nodes may have in total (before the posture factor).",
            }),
            memoryGiB: wholeNumber("GiB of memory", 1, 1_000_000, `${LIMITS_ALLOWED}`).meta({
              description:
                "The most memory, in GiB, the pool's nodes may have in total (before the posture factor).",
            }),
          },
          { error: LIMITS_ALLOWED },
        )
        .meta({
          description:
            "The pool's CPU and memory limits in an active region; a standby region's posture scales them down (docs/architecture.md).",
        }),
      consolidationPolicy: z
        .enum(CONSOLIDATION_POLICIES, {
          error: `is not a consolidation policy: expected one of ${list(CONSOLIDATION_POLICIES)}`,
        })
        .default(d.consolidationPolicy)
        .meta({ description: "Which nodes Karpenter consolidates: empty ones, or also underutilized ones." }),
      consolidateAfter: duration("a duration").default(d.consolidateAfter).meta({
        description: "How long a node stays empty or underutilized before Karpenter consolidates it.",
      }),
      expireAfter: duration("a duration")
        .default(d.expireAfter)
        .meta({ description: "Nodes are replaced after this long (picks up new AMIs, bounds drift)." }),
      terminationGracePeriod: z
        .string({ error: 'expected a duration such as "1h"' })
        .regex(BOUNDED_DURATION_RE, {
          error: 'is not a bounded Karpenter duration: expected e.g. "30m" or "1h" ("Never" is not allowed)',
        })
        .default(d.terminationGracePeriod)
        .meta({
          description:
            "How long a node may drain (blocked PDBs, do-not-disrupt) before Karpenter deletes its pods anyway; bounds a drain and `pulumi destroy`.",
        }),
      disruptionBudgets: z
        .array(disruptionBudgetSchema, { error: "expected a list of disruption budgets" })
        .min(1, { error: "is empty: expected at least one disruption budget" })
        .default(() => d.disruptionBudgets.map((b) => ({ ...b })))
        .meta({
          description: "How many nodes Karpenter may disrupt at once, optionally per schedule and reason.",
        }),
    },
    { error: "expected an object with limits and optional capacity, instance and disruption settings" },
  );
}

const cidrAllowed = 'expected an IPv4 network address "a.b.c.d/n" with no host bits set';

export const eksSchema = z.strictObject(
  {
    kubernetesVersion: z
      .enum(KUBERNETES_VERSION_NAMES as [KubernetesVersion, ...KubernetesVersion[]], {
        error: `is not a Kubernetes version the platform runs on EKS: expected one of ${list(KUBERNETES_VERSION_NAMES)}`,
      })
      .default(EKS_DEFAULTS.kubernetesVersion)
      .meta({
        description: `The cluster's Kubernetes version, in EKS standard support for at least \`supportMarginDays\` more days (${KUBERNETES_VERSION_NAMES.map((v) => `${v} until ${KUBERNETES_VERSIONS[v].standardSupportEnds}`).join(", ")}); past that only with \`extendedSupport\`. Raise \`karpenter.version\` and \`karpenter.amiAlias\` first (docs/architecture.md, "Upgrades").`,
      }),
    extendedSupport: z
      .boolean({ error: "expected true or false" })
      .default(EKS_DEFAULTS.extendedSupport)
      .meta({
        description:
          "Keep the cluster in EKS extended support past standard support (`upgradePolicy.supportType: EXTENDED`, extra cost per cluster hour) and allow a version leaving standard support. Off: `STANDARD`, and EKS upgrades a cluster itself when standard support ends.",
      }),
    supportMarginDays: wholeNumber("days", 0, 365).default(EKS_DEFAULTS.supportMarginDays).meta({
      description:
        "How many days before the version's end of support (standard support; extended support with `extendedSupport`) config refuses it, so the cluster is upgraded by `pulumi up` before EKS upgrades it itself (after which `pulumi up` would try to move it back, which EKS refuses).",
    }),
    endpoint: z
      .strictObject(
        {
          publicAccess: z
            .boolean({ error: "expected true or false" })
            .default(EKS_DEFAULTS.publicAccess)
            .meta({
              description:
                "Also open the API endpoint publicly (only to `publicAccessCidrs`). The private endpoint is always on.",
            }),
          publicAccessCidrs: z
            .array(
              z.string({ error: cidrAllowed }).refine((s) => parseCidr(s) !== undefined, {
                error: `is not a CIDR: ${cidrAllowed}`,
              }),
              { error: "expected a list of CIDRs" },
            )
            .default([])
            .meta({
              description: "Who may reach the public endpoint (operators, CI runners); never `0.0.0.0/0`.",
            }),
          privateAccessCidrs: z
            .array(
              z.string({ error: cidrAllowed }).refine((s) => parseCidr(s) !== undefined, {
                error: `is not a CIDR: ${cidrAllowed}`,
              }),
              { error: "expected a list of CIDRs" },
            )
            .optional()
            .meta({
              description:
                'Networks inside the VPC or connected to it (a peered VPC, VPN, Direct Connect, transit gateway) that may call the private endpoint on 443: the runners `pulumi up` deploys from. RFC 1918 ranges only. Left out: the VPC\'s own CIDR (runners in the VPC). The cluster security group admits only itself, so without a source no runner reaches the API (docs/architecture.md, "Reaching the API").',
            }),
        },
        { error: "expected an object with publicAccess, publicAccessCidrs and privateAccessCidrs" },
      )
      .prefault({})
      .meta({
        description:
          "The Kubernetes API endpoint: private (reachable on 443 from `privateAccessCidrs`), optionally also public to listed CIDRs.",
      }),
    adminRoleArns: z
      .array(
        z.string({ error: "expected an IAM role ARN" }).regex(ROLE_ARN_RE, {
          error: 'is not an IAM role ARN: expected "arn:aws:iam::<account>:role/<name>"',
        }),
        { error: "expected a list of IAM role ARNs" },
      )
      .min(1, {
        error:
          "is empty: expected at least one IAM role ARN (the cluster creator gets no access; the role that runs `pulumi up` must be one of them, or set deployRoleArn)",
      })
      .meta({
        description:
          "IAM roles given cluster admin (an access entry with `AmazonEKSClusterAdminPolicy`). The cluster creator gets no access of its own: Pulumi reaches the API as one of these.",
      }),
    deployRoleArn: z
      .string({ error: "expected an IAM role ARN" })
      .regex(ROLE_ARN_RE, { error: 'is not an IAM role ARN: expected "arn:aws:iam::<account>:role/<name>"' })
      .optional()
      .meta({
        description:
          "The role the Kubernetes provider assumes (`aws eks get-token --role-arn`); one of `adminRoleArns`. Left out, it uses the credentials `pulumi up` runs with: leave it out when the runner already runs as this role (a role assuming itself needs its own ARN in its trust policy).",
      }),
    logRetentionDays: z
      .union(
        LOG_RETENTION_DAYS.map((d) => z.literal(d)),
        { error: `is not a CloudWatch Logs retention period: expected one of ${list(LOG_RETENTION_DAYS)}` },
      )
      .default(EKS_DEFAULTS.logRetentionDays)
      .meta({ description: "Days the control-plane logs (`/aws/eks/<cluster>/cluster`) are kept." }),
    addons: z
      .strictObject(
        Object.fromEntries(
          EKS_ADDONS.map((name) => [
            name,
            z
              .string({ error: 'expected a pinned add-on build such as "v1.20.4-eksbuild.2"' })
              .regex(ADDON_VERSION_RE, {
                error:
                  'is not an add-on build: expected "v<major>.<minor>.<patch>-eksbuild.<n>" as describe-addon-versions lists it',
              })
              .default(EKS_ADDON_DEFAULTS[name])
              .meta({ description: `The \`${name}\` add-on's build.` }),
          ]),
        ) as Record<EksAddonName, z.ZodDefault<z.ZodString>>,
        { error: `expected an object of add-on builds by name: ${list(EKS_ADDONS)}` },
      )
      .prefault({})
      .meta({
        description: `The managed add-ons and their pinned builds: ${EKS_ADDONS.map((a) => `\`${a}\``).join(", ")} (no others: a name outside the list is an error).`,
      }),
    systemNodes: z
      .strictObject(
        {
          instanceTypes: z
            .array(z.string({ error: 'expected an instance type such as "m7i.large"' }), {
              error: "expected a list of instance types",
            })
            .min(1, { error: "is empty: expected at least one instance type" })
            .default(() => [...EKS_SYSTEM_NODE_DEFAULTS.instanceTypes])
            .meta({
              description:
                "Instance types of the known families, all of one architecture (the AMI type follows it).",
            }),
          minSize: wholeNumber("nodes (Karpenter's two replicas need two nodes)", 2, 20)
            .default(EKS_SYSTEM_NODE_DEFAULTS.minSize)
            .meta({
              description:
                "The fewest system nodes: at least 2 (the Karpenter controller's replicas avoid sharing a node).",
            }),
          maxSize: wholeNumber("nodes", 2, 20)
            .default(EKS_SYSTEM_NODE_DEFAULTS.maxSize)
            .meta({ description: "The most system nodes." }),
          desiredSize: wholeNumber("nodes", 2, 20).default(EKS_SYSTEM_NODE_DEFAULTS.desiredSize).meta({
            description:
              "System nodes at creation (later changes are ignored, like the tiers' desired capacity).",
          }),
          volumeSizeGiB: wholeNumber("GiB", 20, 1000)
            .default(EKS_SYSTEM_NODE_DEFAULTS.volumeSizeGiB)
            .meta({ description: "The root volume size of a system node, in GiB." }),
        },
        { error: "expected an object with instanceTypes, minSize, maxSize, desiredSize, volumeSizeGiB" },
      )
      .prefault({})
      .meta({
        description:
          "The on-demand managed node group that runs the critical add-ons and the Karpenter controller.",
      }),
    karpenter: z
      .strictObject(
        {
          version: z
            .string({ error: 'expected a Karpenter release such as "1.14.1"' })
            .regex(/^\d+\.\d+\.\d+$/, {
              error: 'is not a Karpenter release: expected "<major>.<minor>.<patch>", e.g. "1.14.1"',
            })
            .default(KARPENTER_DEFAULTS.version)
            .meta({
              description:
                "The version of both Karpenter charts (`karpenter-crd` and `karpenter`); at least the one the Kubernetes version needs, at most 1.14.1.",
            }),
          amiAlias: z
            .string({ error: 'expected an AMI alias such as "al2023@v20260714"' })
            .regex(AMI_ALIAS_RE, {
              error:
                'is not a pinned Amazon Linux 2023 alias: expected "al2023@v<YYYYMMDD>" ("latest" drifts every node on each AMI release)',
            })
            .default(KARPENTER_DEFAULTS.amiAlias)
            .meta({
              description:
                "The EC2NodeClass's AMI: an EKS-optimized Amazon Linux 2023 release, pinned, with images for the Kubernetes version (1.34 from v20250915, 1.35 from v20260114, 1.36 from v20260610). Raise it with the Kubernetes version.",
            }),
          volumeSizeGiB: wholeNumber("GiB", 20, 16_384)
            .default(KARPENTER_DEFAULTS.volumeSizeGiB)
            .meta({ description: "The root volume size of a Karpenter node, in GiB." }),
          pools: z
            .strictObject(
              {
                general: nodePoolSchema(NODE_POOL_DEFAULTS.general)
                  .prefault({ limits: { ...NODE_POOL_DEFAULTS.general.limits } })
                  .meta({
                    description:
                      "The general pool: Spot and on-demand, amd64 and arm64, consolidated when underutilized.",
                  }),
                critical: nodePoolSchema(NODE_POOL_DEFAULTS.critical)
                  .prefault({ limits: { ...NODE_POOL_DEFAULTS.critical.limits } })
                  .meta({
                    description:
                      "The on-demand pool for critical workloads, tainted so only pods that tolerate it land there.",
                  }),
              },
              { error: "expected an object with the pools general and critical" },
            )
            .prefault({})
            .meta({ description: "The NodePools. A pool that is given must state its limits." }),
        },
        { error: "expected an object with version, amiAlias, volumeSizeGiB and pools" },
      )
      .prefault({})
      .meta({ description: "Karpenter: the chart version, the node class and the NodePools." }),
    keda: z
      .strictObject(
        {
          enabled: z.boolean({ error: "expected true or false" }).default(KEDA_DEFAULTS.enabled).meta({
            description:
              "Install KEDA (Helm) with an EKS Pod Identity role that may read the region's queues' depth.",
          }),
          version: z
            .string({ error: 'expected a KEDA chart version such as "2.20.2"' })
            .regex(/^\d+\.\d+\.\d+$/, { error: 'is not a chart version: expected "<major>.<minor>.<patch>"' })
            .default(KEDA_DEFAULTS.version)
            .meta({ description: "The KEDA chart's version." }),
        },
        { error: "expected an object with enabled and version" },
      )
      .prefault({})
      .meta({
        description: "KEDA, off by default: workloads scale on queue depth once the event pipeline exists.",
      }),
  },
  {
    error: "expected an object with adminRoleArns and optional cluster, add-on, node and Karpenter settings",
  },
);

export type EksConfig = z.output<typeof eksSchema>;
export type NodePoolConfig = EksConfig["karpenter"]["pools"][NodePoolName];
