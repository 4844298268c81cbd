/**
 * The metrics the dashboard shows and the alarms watch, named once: namespaces, metric names,
 * dimensions and the metric-math expressions, each checked against the service's CloudWatch
 * reference. The dashboard body and the alarm specs are built from these, so a widget and its
 * alarm always read the same series.
 */

/** What a region stack has that CloudWatch reports on, as dimension values (`S`: string or a Pulumi Input). */
export interface Monitored<S = string> {
  /** The tiers of the request path, each an ALB in front of an Auto Scaling group. */
  readonly tiers: readonly MonitoredTier<S>[];
  /** The region's Aurora cluster (a member of the global database). @default none */
  readonly aurora?: MonitoredAurora<S>;
  /** The region's cache replication group (a member of the global datastore). @default none */
  readonly cache?: MonitoredCache<S>;
  /** SQS queues and their dead-letter queues, by consumer. @default [] */
  readonly queues?: readonly MonitoredQueue<S>[];
  /** Step Functions state machines. @default [] */
  readonly stateMachines?: readonly MonitoredStateMachine<S>[];
  /** The region's EKS cluster. @default none */
  readonly eks?: { readonly clusterName: S };
}

export interface MonitoredTier<S = string> {
  /** The tier's name ("web", "app"): keys its widgets and alarms. */
  readonly name: string;
  /** The load balancer's ARN suffix (`app/<name>/<id>`), the `LoadBalancer` dimension. */
  readonly loadBalancer: S;
  /** The target group's ARN suffix (`targetgroup/<name>/<id>`), the `TargetGroup` dimension. */
  readonly targetGroup: S;
  /** The Auto Scaling group's name, the `AutoScalingGroupName` dimension. */
  readonly autoScalingGroup: S;
  /**
   * Whether the tier keeps instances in service (its minimum capacity is above 0). A pilot-light
   * region keeps none, so "no healthy targets" is its normal state, not an alarm. @default true
   */
  readonly serving?: boolean;
}

export interface MonitoredAurora<S = string> {
  /** The cluster's identifier, the `DBClusterIdentifier` dimension. */
  readonly clusterIdentifier: S;
  /** The RDS Proxy's name (`ProxyName`), when the cluster has one. @default none */
  readonly proxyName?: S;
}

export interface MonitoredCache<S = string> {
  /** The replication group's ID. */
  readonly replicationGroupId: S;
  /** Its number of nodes (cluster mode disabled: one primary and its replicas). */
  readonly nodeCount: number;
}

/** A queue, its dead-letter queue, or both (a dead-letter queue of its own, say an event rule's). */
export interface MonitoredQueue<S = string> {
  /** The consumer's name ("inventory"): keys its widgets and alarms. */
  readonly name: string;
  /** The queue's name, the `QueueName` dimension. @default none: a dead-letter queue alone */
  readonly queueName?: S;
  /** Its dead-letter queue's name. @default none */
  readonly dlqName?: S;
}

export interface MonitoredStateMachine<S = string> {
  /** The state machine's short name ("order-fulfilment"): keys its widgets and alarms. */
  readonly name: string;
  /** Its ARN, the `StateMachineArn` dimension. */
  readonly arn: S;
}

export const NAMESPACE = {
  alb: "AWS/ApplicationELB",
  autoScaling: "AWS/AutoScaling",
  rds: "AWS/RDS",
  cache: "AWS/ElastiCache",
  sqs: "AWS/SQS",
  states: "AWS/States",
  eks: "AWS/EKS",
} as const;

/** A CloudWatch metric: namespace, name, dimensions and the statistic to read it with. */
export interface MetricRef<S = string> {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, S>>;
  /** A basic statistic or a percentile (`p95`). */
  readonly stat: string;
  readonly label?: string;
}

const metric = <S>(
  namespace: string,
  metricName: string,
  dimensions: Record<string, S>,
  stat: string,
  label?: string,
): MetricRef<S> => ({ namespace, metricName, dimensions, stat, ...(label ? { label } : {}) });

/**
 * ALB metrics (Elastic Load Balancing User Guide, "CloudWatch metrics for your Application Load
 * Balancer"): per load balancer, `RequestCount` (only requests for which a target was chosen),
 * `HTTPCode_ELB_5XX_Count` (5xx the load balancer itself answered, e.g. 502, 503 with no target,
 * 504) and `HTTPCode_Target_5XX_Count`, each reported only when non-zero; `TargetResponseTime`
 * takes percentiles. `HealthyHostCount` needs the target group and load balancer dimensions together
 * and is reported whenever health checks are enabled.
 */
export const alb = {
  requests: <S>(t: MonitoredTier<S>) =>
    metric(NAMESPACE.alb, "RequestCount", { LoadBalancer: t.loadBalancer }, "Sum", "requests"),
  elb5xx: <S>(t: MonitoredTier<S>) =>
    metric(NAMESPACE.alb, "HTTPCode_ELB_5XX_Count", { LoadBalancer: t.loadBalancer }, "Sum", "ELB 5xx"),
  target5xx: <S>(t: MonitoredTier<S>) =>
    metric(NAMESPACE.alb, "HTTPCode_Target_5XX_Count", { LoadBalancer: t.loadBalancer }, "Sum", "target 5xx"),
  latency: <S>(t: MonitoredTier<S>, percentile: "p50" | "p95" | "p99") =>
    metric(NAMESPACE.alb, "TargetResponseTime", { LoadBalancer: t.loadBalancer }, percentile, percentile),
  healthyHosts: <S>(t: MonitoredTier<S>) =>
    metric(
      NAMESPACE.alb,
      "HealthyHostCount",
      { TargetGroup: t.targetGroup, LoadBalancer: t.loadBalancer },
      "Minimum",
      "healthy targets",
    ),
};

/**
 * The 5xx rate in percent, from ids `req`, `elb5` and `tgt5`. Each series is filled with 0 where
 * the ALB reported nothing (it reports counts only when non-zero), so a quiet minute is 0 % and a
 * minute of errors without requests is not lost. `RequestCount` leaves out requests the load
 * balancer answered before choosing a target (a 503 with no healthy target), so with no counted
 * request any ELB 5xx means 100 %, and with neither it is 0 %: never a division by zero.
 */
export const ERROR_RATE_EXPRESSION =
  "IF(FILL(req, 0) > 0, 100 * (FILL(elb5, 0) + FILL(tgt5, 0)) / FILL(req, 0), IF(FILL(elb5, 0) > 0, 100, 0))";

/**
 * The 5xx rate of a tier that keeps no instance (pilot light): only requests that reached a target
 * count, 0 % without any. Its load balancer answers every Route 53 HTTPS health check (the edge's,
 * every region has one) with its own 503 and counts no request (ELB User Guide, CloudWatch metrics
 * for your Application Load Balancer: `RequestCount` "is only incremented for requests where the
 * load balancer node was able to choose a target"), so {@link ERROR_RATE_EXPRESSION} would be 100 %
 * every minute: a critical page from an idle region and a "region unhealthy" composite stuck in
 * ALARM, which then cannot page when traffic fails over to the region and it really fails.
 */
export const IDLE_TIER_ERROR_RATE_EXPRESSION =
  "IF(FILL(req, 0) > 0, 100 * (FILL(elb5, 0) + FILL(tgt5, 0)) / FILL(req, 0), 0)";

/** The 5xx rate expression for a tier: {@link ERROR_RATE_EXPRESSION}, or {@link IDLE_TIER_ERROR_RATE_EXPRESSION} when it keeps no instance. */
export const errorRateExpression = (tier: { readonly serving?: boolean }): string =>
  (tier.serving ?? true) ? ERROR_RATE_EXPRESSION : IDLE_TIER_ERROR_RATE_EXPRESSION;

/**
 * Group metrics, which the fleet enables (`enabledMetrics`; EC2 Auto Scaling User Guide,
 * "Monitor CloudWatch metrics for your Auto Scaling groups": none are published otherwise).
 */
export const autoScaling = {
  inService: <S>(t: MonitoredTier<S>) =>
    metric(
      NAMESPACE.autoScaling,
      "GroupInServiceInstances",
      { AutoScalingGroupName: t.autoScalingGroup },
      "Average",
      "in service",
    ),
  desired: <S>(t: MonitoredTier<S>) =>
    metric(
      NAMESPACE.autoScaling,
      "GroupDesiredCapacity",
      { AutoScalingGroupName: t.autoScalingGroup },
      "Average",
      "desired",
    ),
};

/** Aurora instance roles, the `Role` dimension's values with `DBClusterIdentifier`. */
export const AURORA_ROLES = ["WRITER", "READER"] as const;

/**
 * Aurora metrics (Aurora User Guide, "Amazon CloudWatch metrics for Amazon Aurora" and "Amazon
 * CloudWatch dimensions for Aurora"). Instance metrics are aggregated per cluster
 * (`DBClusterIdentifier`) or per cluster and role (`Role`: WRITER or READER), which is what AWS
 * advises alarming on, since instances change roles ("Creating CloudWatch alarms to monitor
 * Amazon Aurora"). `AuroraGlobalDBReplicationLag` and `AuroraGlobalDBProgressLag` are "available
 * only in the secondary AWS Region" (milliseconds). RDS Proxy metrics use `ProxyName` (Aurora User
 * Guide, "Monitoring RDS Proxy metrics with Amazon CloudWatch", dimension set 1).
 */
export const aurora = {
  byRole: <S>(a: MonitoredAurora<S>, metricName: string, role: (typeof AURORA_ROLES)[number], stat: string) =>
    metric(
      NAMESPACE.rds,
      metricName,
      { DBClusterIdentifier: a.clusterIdentifier, Role: role },
      stat,
      role.toLowerCase(),
    ),
  replicationLag: <S>(a: MonitoredAurora<S>) =>
    metric(
      NAMESPACE.rds,
      "AuroraGlobalDBReplicationLag",
      { DBClusterIdentifier: a.clusterIdentifier },
      "Maximum",
      "replication lag",
    ),
  progressLag: <S>(a: MonitoredAurora<S>) =>
    metric(
      NAMESPACE.rds,
      "AuroraGlobalDBProgressLag",
      { DBClusterIdentifier: a.clusterIdentifier },
      "Maximum",
      "progress lag",
    ),
  freeLocalStorage: <S>(a: MonitoredAurora<S>) =>
    metric(
      NAMESPACE.rds,
      "FreeLocalStorage",
      { DBClusterIdentifier: a.clusterIdentifier },
      "Minimum",
      "free local storage",
    ),
  proxySetupFailed: <S>(proxyName: S) =>
    metric(
      NAMESPACE.rds,
      "DatabaseConnectionsSetupFailed",
      { ProxyName: proxyName },
      "Sum",
      "proxy to database",
    ),
  proxyClientAuthFailed: <S>(proxyName: S) =>
    metric(
      NAMESPACE.rds,
      "ClientConnectionsSetupFailedAuth",
      { ProxyName: proxyName },
      "Sum",
      "client authentication",
    ),
};

/**
 * The cache cluster IDs of a cluster-mode-disabled replication group's nodes: ElastiCache names
 * them `<replication group ID>-001`, `-002`, ... (as terraform-provider-aws's replication group
 * code and tests see them, e.g. "Cache cluster tf-acc-test-uqhe-003 is not in a valid state").
 */
export function cacheNodeIds<S>(c: MonitoredCache<S>, suffix: (id: S, n: string) => S): S[] {
  return Array.from({ length: c.nodeCount }, (_, i) =>
    suffix(c.replicationGroupId, String(i + 1).padStart(3, "0")),
  );
}

/**
 * ElastiCache node metrics (ElastiCache User Guide, "Metrics for Valkey and Redis OSS"), per node
 * (`CacheClusterId`; the CDK's metric catalogue lists these with `CacheClusterId` alone):
 * `CacheHits`, `CacheMisses`, `Evictions`, `DatabaseMemoryUsagePercentage`.
 */
export const cache = {
  node: <S>(nodeId: S, metricName: string, stat: string) =>
    metric(NAMESPACE.cache, metricName, { CacheClusterId: nodeId }, stat),
};

/**
 * The cache hit ratio in percent over every node, from ids `h<i>` and `m<i>`: hits over lookups,
 * 100 % when there were no lookups (nothing missed), never a division by zero.
 */
export function hitRatioExpression(nodes: number): string {
  const sum = (p: string) => Array.from({ length: nodes }, (_, i) => `FILL(${p}${i}, 0)`).join(" + ");
  return `IF((${sum("h")}) + (${sum("m")}) > 0, 100 * (${sum("h")}) / ((${sum("h")}) + (${sum("m")})), 100)`;
}

/**
 * SQS metrics (SQS Developer Guide, "Available CloudWatch metrics for Amazon SQS"), per
 * `QueueName`, published for active queues only: a queue with no messages and no API calls for
 * six hours publishes nothing.
 */
export const sqs = {
  visible: <S>(queueName: S, label: string) =>
    metric(NAMESPACE.sqs, "ApproximateNumberOfMessagesVisible", { QueueName: queueName }, "Maximum", label),
  oldest: <S>(queueName: S) =>
    metric(
      NAMESPACE.sqs,
      "ApproximateAgeOfOldestMessage",
      { QueueName: queueName },
      "Maximum",
      "oldest message",
    ),
};

/** Step Functions execution metrics, per `StateMachineArn` (Step Functions Developer Guide, "Execution metrics"). */
export const STATE_MACHINE_FAILURES = [
  "ExecutionsFailed",
  "ExecutionsTimedOut",
  "ExecutionsAborted",
] as const;
export const states = {
  executions: <S>(sm: MonitoredStateMachine<S>, metricName: string) =>
    metric(
      NAMESPACE.states,
      metricName,
      { StateMachineArn: sm.arn },
      "Sum",
      metricName.replace(/^Executions/, "").toLowerCase(),
    ),
};

/**
 * EKS control-plane metrics that clusters of Kubernetes 1.28 and newer publish for free in
 * `AWS/EKS` per `ClusterName` (EKS User Guide, "Monitor cluster data with Amazon CloudWatch",
 * basic metrics). A node count is not among them: it needs Container Insights
 * (`ContainerInsights` namespace, `cluster_node_count`), which comes with the
 * `amazon-cloudwatch-observability` add-on the platform does not install yet.
 */
export const eks = {
  pendingPods: <S>(clusterName: S) =>
    metric(NAMESPACE.eks, "scheduler_pending_pods", { ClusterName: clusterName }, "Sum", "pending pods"),
  unschedulablePods: <S>(clusterName: S) =>
    metric(
      NAMESPACE.eks,
      "scheduler_pending_pods_UNSCHEDULABLE",
      { ClusterName: clusterName },
      "Sum",
      "unschedulable",
    ),
  apiServer5xx: <S>(clusterName: S) =>
    metric(
      NAMESPACE.eks,
      "apiserver_request_total_5XX",
      { ClusterName: clusterName },
      "Sum",
      "API server 5xx",
    ),
};
