/**
 * Every default value of the stack config, once. The zod schemas apply them (`.default(...)`),
 * the cross-key rules fall back on them when a key is left out, and components may import them
 * instead of repeating a literal. docs/config.md, the JSON Schema of the stack files and the
 * defaults declared in `Pulumi.yaml` are generated from the schemas, so from these constants.
 *
 * Every constant is deeply frozen.
 */
import type { InterfaceEndpointService, NatStrategy, Role } from "./schema";
import type { InstanceCategory } from "./eks";
import type { Posture } from "./tiers";

/** `platform:protect`: stateful resources are protected unless a stack says otherwise. */
export const DEFAULT_PROTECT = true;

/** `platform:posture` when left out: the primary is always `active`; a secondary stands by warm. */
export const DEFAULT_POSTURE: Readonly<Record<Role, Posture>> = Object.freeze({
  primary: "active",
  secondary: "warm-standby",
});

/** The optional fields of `platform:network`. */
export const NETWORK_DEFAULTS = Object.freeze({
  natStrategy: "one-per-az" satisfies NatStrategy,
  interfaceEndpoints: Object.freeze<InterfaceEndpointService[]>([
    "ssm",
    "ssmmessages",
    "ec2messages",
    "sts",
    "logs",
    "kms",
  ]),
  flowLogRetentionDays: 365 as const,
});

/** The SSM parameter of the tiers' AMI: Amazon Linux 2023, x86_64. */
export const DEFAULT_AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

/** The defaults of one tier's optional fields (`platform:tiers.<tier>`). */
export interface TierDefaults {
  readonly minSize: number;
  readonly maxSize: number;
  readonly instanceTypes: readonly string[];
  readonly amiParameter: string;
  readonly onDemandBaseCapacity: number;
  readonly spotPercentage: number;
  readonly port: number;
  readonly healthCheckPath: string;
  readonly healthCheckGracePeriodSeconds: number;
  readonly deregistrationDelaySeconds: number;
  readonly instanceWarmupSeconds: number;
  readonly cooldownSeconds: number;
  readonly minHealthyPercentage: number;
  readonly managedPolicyArns: readonly string[];
  /** `scaling.cpuTarget`. */
  readonly cpuTarget: number;
  /** `scaling.requestsPerTarget`. */
  readonly requestsPerTarget: number;
}

/** What the web and app tiers share. */
const COMMON_TIER_DEFAULTS = {
  amiParameter: DEFAULT_AMI_PARAMETER,
  onDemandBaseCapacity: 2,
  port: 8080,
  healthCheckPath: "/health",
  healthCheckGracePeriodSeconds: 300,
  deregistrationDelaySeconds: 30,
  instanceWarmupSeconds: 180,
  cooldownSeconds: 300,
  minHealthyPercentage: 90,
  managedPolicyArns: Object.freeze([] as string[]),
  cpuTarget: 70,
} as const;

/** Each tier's defaults: web 2 to 10 instances, app 2 to 15 (the request path's sizing). */
export const TIER_DEFAULTS: Readonly<Record<"web" | "app", TierDefaults>> = Object.freeze({
  web: Object.freeze({
    ...COMMON_TIER_DEFAULTS,
    minSize: 2,
    maxSize: 10,
    instanceTypes: Object.freeze(["m7i.large", "m6i.large", "m5.large"]),
    spotPercentage: 50,
    requestsPerTarget: 1000,
  }),
  app: Object.freeze({
    ...COMMON_TIER_DEFAULTS,
    minSize: 2,
    maxSize: 15,
    instanceTypes: Object.freeze(["m7i.xlarge", "m6i.xlarge", "m5.xlarge"]),
    spotPercentage: 30,
    requestsPerTarget: 500,
  }),
});

/**
 * `platform:tiers.<tier>.scaling.step`: +1 instance from 80 % CPU, +2 from 90 %, above the CPU
 * target (70 %) so that step scaling only adds a burst response where target tracking is already
 * scaling out; scale-in is target tracking's alone (AWS: a step scale-in is not blocked by target
 * tracking, which may then scale out again).
 */
export const STEP_SCALING_DEFAULTS = Object.freeze({
  enabled: true,
  scaleOutAt: 80,
  scaleOutFastAt: 90,
});

/** `platform:tiers.<tier>.scaling.predictive`: on, forecasting only (it needs 24 h of history). */
export const PREDICTIVE_SCALING_DEFAULTS = Object.freeze({
  enabled: true,
  mode: "ForecastOnly" as const,
});

/** `platform:tiers.<tier>.warmPool`, when a warm pool is given. */
export const WARM_POOL_DEFAULTS = Object.freeze({ minSize: 0, state: "Stopped" as const });

/** `platform:tiers.<tier>.scaling.scheduled[]`: the time zone of `recurrence`. */
export const SCHEDULED_ACTION_DEFAULTS = Object.freeze({ timeZone: "UTC" });

/** The optional fields of `platform:data.aurora`. */
export const AURORA_DEFAULTS = Object.freeze({
  readers: 1,
  backupRetentionDays: 14,
  databaseName: "app",
  masterUsername: "platform_admin",
  rdsProxy: false,
});

/** Days an Aurora cluster's exported PostgreSQL logs are kept (a CloudWatch Logs retention period; not config). */
export const AURORA_LOG_RETENTION_DAYS = 365;

/** `platform:data.aurora.readerAutoscaling`. */
export const READER_AUTOSCALING_DEFAULTS = Object.freeze({ min: 1, max: 4, cpuTarget: 60 });

/** The optional fields of `platform:data.cache`. */
export const CACHE_DEFAULTS = Object.freeze({
  engine: "valkey" as const,
  replicas: 1,
  snapshotRetentionDays: 7,
});

/**
 * Replicas of a region's cache member while its posture is `warm-standby` or `pilot-light` (at
 * most `platform:data.cache.replicas`): Multi-AZ with automatic failover needs one replica.
 */
export const STANDBY_CACHE_REPLICAS = 1;

/** The optional fields of `platform:edge` that are not objects. */
export const EDGE_DEFAULTS = Object.freeze({ failover: true });

/** `platform:edge.healthCheck`. */
export const HEALTH_CHECK_DEFAULTS = Object.freeze({
  path: "/health",
  intervalSeconds: 10 as const,
  failureThreshold: 3,
  invert: false,
});

/** The optional fields of `platform:edge.cdn`. */
export const CDN_DEFAULTS = Object.freeze({
  failoverStatusCodes: Object.freeze([500, 502, 503, 504] as const),
  rateLimit: 2000,
  anonymousIpList: false,
  blockedCountries: Object.freeze([] as string[]),
  priceClass: "PriceClass_100" as const,
  staticMaxAgeSeconds: 86_400,
  apiMaxAgeSeconds: 60,
  logRetentionDays: 365,
});

/** Tags a stack may set in `platform:tags` (AWS allows 50 per resource; the platform adds its own). */
export const MAX_TAGS = 40;

/**
 * `platform:eks`: the cluster's Kubernetes version, log retention and Karpenter. The add-on builds
 * are the ones `aws eks describe-addon-versions --kubernetes-version 1.35` lists for that version;
 * pin new ones there, in the stack file, when the cluster version moves.
 */
export const EKS_DEFAULTS = Object.freeze({
  kubernetesVersion: "1.35" as const,
  extendedSupport: false,
  /** Config refuses a version this many days before its support ends (src/config/rules/eks.ts). */
  supportMarginDays: 30,
  logRetentionDays: 365 as const,
  publicAccess: false,
});

/** `platform:eks.addons`: one pinned build per managed add-on (`v<semver>-eksbuild.<n>`). */
export const EKS_ADDON_DEFAULTS = Object.freeze({
  "vpc-cni": "v1.20.4-eksbuild.2",
  "kube-proxy": "v1.35.0-eksbuild.2",
  "eks-pod-identity-agent": "v1.3.10-eksbuild.1",
  coredns: "v1.12.4-eksbuild.1",
  "metrics-server": "v0.8.0-eksbuild.5",
});

/** `platform:eks.systemNodes`: the small on-demand managed node group for critical add-ons and Karpenter. */
export const EKS_SYSTEM_NODE_DEFAULTS = Object.freeze({
  instanceTypes: Object.freeze(["m7i.large", "m6i.large"]),
  minSize: 2,
  maxSize: 4,
  desiredSize: 2,
  volumeSizeGiB: 50,
});

/**
 * `platform:eks.karpenter`: the chart version (1.14.1 is the newest release the platform's
 * reference CRDs come from) and the EC2NodeClass's AMI, pinned: v20260714, the newest
 * amazon-eks-ami release, has AL2023 images for every version the platform runs (1.30 to 1.36).
 */
export const KARPENTER_DEFAULTS = Object.freeze({
  version: "1.14.1",
  amiAlias: "al2023@v20260714",
  volumeSizeGiB: 100,
});

/** The defaults of one NodePool (`platform:eks.karpenter.pools.<pool>`), limits included. */
export interface NodePoolDefaults {
  readonly capacityTypes: readonly ("spot" | "on-demand")[];
  readonly architectures: readonly ("amd64" | "arm64")[];
  readonly instanceCategories: readonly InstanceCategory[];
  readonly minInstanceGeneration: number;
  readonly consolidationPolicy: "WhenEmpty" | "WhenEmptyOrUnderutilized";
  readonly consolidateAfter: string;
  readonly expireAfter: string;
  /** How long a node may drain before Karpenter deletes its pods anyway (NodePool CRD). */
  readonly terminationGracePeriod: string;
  readonly disruptionBudgets: readonly { readonly nodes: string }[];
  /** Applied only when the pool is left out; a pool that is given must state its limits. */
  readonly limits: { readonly cpu: number; readonly memoryGiB: number };
}

/** The general pool (Spot and on-demand, both architectures) and the on-demand pool for critical workloads. */
export const NODE_POOL_DEFAULTS: Readonly<Record<"general" | "critical", NodePoolDefaults>> = Object.freeze({
  general: Object.freeze({
    capacityTypes: Object.freeze(["spot", "on-demand"] as const),
    architectures: Object.freeze(["amd64", "arm64"] as const),
    instanceCategories: Object.freeze(["c", "m", "r"] as const),
    minInstanceGeneration: 6,
    consolidationPolicy: "WhenEmptyOrUnderutilized" as const,
    consolidateAfter: "1m",
    expireAfter: "720h",
    terminationGracePeriod: "1h",
    disruptionBudgets: Object.freeze([Object.freeze({ nodes: "10%" })]),
    limits: Object.freeze({ cpu: 200, memoryGiB: 800 }),
  }),
  critical: Object.freeze({
    capacityTypes: Object.freeze(["on-demand"] as const),
    architectures: Object.freeze(["amd64", "arm64"] as const),
    instanceCategories: Object.freeze(["m"] as const),
    minInstanceGeneration: 6,
    consolidationPolicy: "WhenEmpty" as const,
    consolidateAfter: "10m",
    expireAfter: "720h",
    terminationGracePeriod: "1h",
    disruptionBudgets: Object.freeze([Object.freeze({ nodes: "1" })]),
    limits: Object.freeze({ cpu: 64, memoryGiB: 256 }),
  }),
});

/**
 * How the posture scales every NodePool's CPU and memory limits (rounded up): a standby region
 * caps what Karpenter may launch while it takes no traffic; `platform:posture: active` restores
 * the full limits.
 */
export const POSTURE_LIMIT_FACTORS: Readonly<Record<Posture, number>> = Object.freeze({
  active: 1,
  "warm-standby": 0.5,
  "pilot-light": 0.25,
});

/** `platform:eks.keda`: off unless a stack turns it on. */
export const KEDA_DEFAULTS = Object.freeze({ enabled: false, version: "2.20.2" });

/**
 * `platform:pipeline`: the order pipeline's event bus, fan-out and workflow. Order events are
 * kept 30 days in the bus's archive (the replay window); a consumer's message moves to its
 * dead-letter queue after 5 failed receives.
 */
export const PIPELINE_DEFAULTS = Object.freeze({
  kubernetesNamespace: "orders",
  archiveRetentionDays: 30,
  topicFifo: false,
  globalEndpoint: false,
});

/** `platform:pipeline.consumers.<consumer>`: one order consumer's queue and where it runs. */
export const PIPELINE_CONSUMER_DEFAULTS = Object.freeze({
  fifo: false,
  maxReceiveCount: 5,
  visibilityTimeoutSeconds: 60,
  runsOn: "eks" as const,
});

/** `platform:pipeline.workflow`: the order-fulfilment state machine's logging. */
export const PIPELINE_WORKFLOW_DEFAULTS = Object.freeze({
  logLevel: "ERROR" as const,
  includeExecutionData: false,
  logRetentionDays: 365 as const,
});

/**
 * Seconds a consumer queue keeps a message (4 days, SQS's default) and its dead-letter queue
 * (14 days, SQS's most): a message's age in the DLQ counts from its first enqueue, so the DLQ
 * keeps longer than its source (SQS Developer Guide, "Using dead-letter queues"). Not config.
 */
export const QUEUE_RETENTION_SECONDS = 345_600;
export const DEAD_LETTER_RETENTION_SECONDS = 1_209_600;

/**
 * `platform:observability.alarms`: the thresholds. Critical: 5xx rate above 5 %, p95
 * latency above 1 s, any failed database connection, cache memory above 90 %, the oldest message
 * older than 15 minutes. Warning: cache hit ratio below 85 %, Aurora local storage below 6 GiB free
 * (about 80 % used on a class with 32 GiB of it; see the key's description), a cost anomaly.
 */
export const ALARM_THRESHOLD_DEFAULTS = Object.freeze({
  errorRatePercent: 5,
  latencyP95Seconds: 1,
  connectionFailures: 1,
  memoryPercent: 90,
  oldestMessageAgeSeconds: 900,
  cacheHitRatioPercent: 85,
  auroraLocalStorageFreeGiB: 6,
});

/** `platform:observability.rpoSeconds`: the Aurora global database's recovery point objective. */
export const DEFAULT_RPO_SECONDS = 30;

/** `platform:observability.costAnomaly`, when given (primary only): alert on an impact of $100 or more. */
export const COST_ANOMALY_DEFAULTS = Object.freeze({ thresholdUsd: 100 });

/**
 * How every metric alarm evaluates (not config): one-minute periods, in ALARM when 3 of the last 5
 * breach, so one noisy minute does not page and a sustained problem pages within 3 to 5 minutes.
 * Slow signals (cache hit ratio, local storage, connection failures) use 5-minute periods.
 */
export const ALARM_EVALUATION = Object.freeze({
  periodSeconds: 60,
  evaluationPeriods: 5,
  datapointsToAlarm: 3,
  slowPeriodSeconds: 300,
});

/**
 * `platform:failover`: failover drills and the writer's region (docs/failover.md). `writerRegion`
 * has no constant: when left out it is the primary stack's region.
 */
export const FAILOVER_DEFAULTS = Object.freeze({
  drill: "none" as const,
  allowDataLoss: false,
  /** Refuse a switchover while the secondary lags more than this (AuroraGlobalDBReplicationLag). */
  maxReplicationLagSeconds: 30,
  /** How long the switchover resource waits for Aurora and ElastiCache to finish. */
  switchoverTimeoutSeconds: 1800,
  /**
   * What the RTO model assumes a switchover of the writer takes. AWS publishes no figure for
   * SwitchoverGlobalCluster ("your database is unavailable for a short time", API reference):
   * replace it with what your drill reports measure.
   */
  switchoverEstimateSeconds: 300,
});
