/**
 * The region's observability, generated from what the stack has: a dashboard with a widget for
 * each tier, store, queue, state machine and cluster; the alarms with the thresholds of
 * `platform:observability`; the critical and warning topics they notify; the composite "region
 * unhealthy" alarm and the Route 53 health checks that let a failover record follow it; on the
 * primary, the account's cost anomaly alerts. See docs/architecture.md, "Observability".
 */
import * as pulumi from "@pulumi/pulumi";
import {
  alarmSpecs,
  AlarmTopics,
  Alarms,
  CostAnomalyAlerts,
  Dashboard,
  RegionHealth,
  routable,
  type Monitored,
  type MonitoredQueue,
  type MonitoredStateMachine,
} from "../components/observability";
import type { Built, RegionContext } from "./context";
import type { Deferred, ObservabilityOutput } from "./contract";
import type { DataHandles } from "./data";
import type { EdgeHandles } from "./edge";
import type { EksHandles } from "./eks";
import { capacityFor } from "./posture";
import type { TierHandles } from "./tiers";

/**
 * Resources other areas add to the region that CloudWatch should watch: the order pipeline's
 * queues (each with its dead-letter queue) and its state machine. Empty until the pipeline exists.
 */
export interface MonitoredExtras {
  readonly queues?: readonly MonitoredQueue<pulumi.Input<string>>[];
  readonly stateMachines?: readonly MonitoredStateMachine<pulumi.Input<string>>[];
}

/**
 * The order pipeline's handles as far as observability reads them, structurally: each consumer's
 * queue and dead-letter queue names (`AWS/SQS` `QueueName`), the dead-letter queue of the rule that
 * starts the workflow, and the state machine's ARN (`AWS/States` `StateMachineArn`). The
 * pipeline's `PipelineHandles` (stacks/pipeline.ts) has this shape.
 */
export interface PipelineMonitorable {
  readonly queues: Readonly<
    Record<string, { readonly name: pulumi.Input<string>; readonly deadLetterName: pulumi.Input<string> }>
  >;
  readonly eventsDeadLetterQueue?: { readonly name: pulumi.Input<string> };
  readonly stateMachine: { readonly arn: pulumi.Input<string> };
}

/** What the pipeline adds to the monitored resources: `monitored: monitoredPipeline(pipeline.handles)` in region.ts. */
export function monitoredPipeline(p: PipelineMonitorable): MonitoredExtras {
  return {
    queues: [
      ...Object.entries(p.queues)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, q]) => ({ name, queueName: q.name, dlqName: q.deadLetterName })),
      ...(p.eventsDeadLetterQueue ? [{ name: "order-events", dlqName: p.eventsDeadLetterQueue.name }] : []),
    ],
    stateMachines: [{ name: "order-fulfilment", arn: p.stateMachine.arn }],
  };
}

/** Handles of the region's observability. */
export interface ObservabilityHandles {
  readonly topics: AlarmTopics;
  readonly alarms: Alarms;
  readonly regionHealth: RegionHealth;
  readonly dashboard: Dashboard;
  readonly costAnomaly?: CostAnomalyAlerts;
}

/** What observability contributes to the stack outputs. */
export interface ObservabilityOutputs {
  readonly observability: Deferred<ObservabilityOutput>;
}

/** The cache's node count: its primary and replicas (cluster mode disabled; components/data/cache.ts). */
const cacheNodeCount = (replicas: number) => 1 + replicas;

/**
 * The region's dashboard, alarms, topics, region health and (on the primary) cost anomaly alerts,
 * from the handles of the builders before it and what other areas ask to be watched (`monitored`).
 */
export function buildObservability(
  ctx: RegionContext,
  {
    web,
    app,
    aurora,
    cache,
    cluster,
    endpoint,
    monitored = {},
  }: Pick<TierHandles, "web" | "app"> &
    DataHandles &
    Pick<EksHandles, "cluster"> &
    Pick<EdgeHandles, "endpoint"> & { readonly monitored?: MonitoredExtras },
): Built<ObservabilityOutputs, ObservabilityHandles> {
  const { cfg, prefix, region, tags, protect } = ctx;
  const o = cfg.observability;

  const tier = (name: "web" | "app", t: typeof web) => ({
    name,
    loadBalancer: t.loadBalancer.arnSuffix,
    targetGroup: t.loadBalancer.targetGroupArnSuffix,
    autoScalingGroup: t.fleet.groupName,
    serving: capacityFor(cfg.tiers[name], cfg.posture).min > 0,
  });
  const resources: Monitored<pulumi.Input<string>> = {
    tiers: [tier("web", web), tier("app", app)],
    aurora: {
      clusterIdentifier: aurora.clusterIdentifier,
      ...(aurora.proxyName ? { proxyName: aurora.proxyName } : {}),
    },
    // A replication group's ID is its resource ID (terraform-provider-aws sets `d.Id()` to it).
    cache: { replicationGroupId: cache.group.id, nodeCount: cacheNodeCount(cfg.data.cache.replicas) },
    queues: monitored.queues ?? [],
    stateMachines: monitored.stateMachines ?? [],
    eks: { clusterName: cluster.clusterName },
  };

  const topics = new AlarmTopics(`${prefix}-alarms`, {
    region,
    accountId: cfg.accountId,
    subscriptions: o.subscriptions,
    costAlerts: o.costAnomaly !== undefined,
    protect,
    tags,
  });
  const specs = alarmSpecs(
    resources,
    { ...o.alarms, rpoSeconds: o.rpoSeconds },
    (id, n) => pulumi.interpolate`${id}-${n}`,
  );
  const alarms = new Alarms(prefix, { region, specs, topicArns: topics.topicArns, tags });
  const regionHealth = new RegionHealth(prefix, {
    region,
    members: specs
      .filter((s) => s.regionHealth)
      .map((s) => ({ key: s.key, alarmName: alarms.alarms[s.key].name, routable: routable(s) })),
    alarmActions: [topics.topicArns.critical],
    endpointHealthCheckId: endpoint.healthCheckId,
    tags,
  });
  const dashboard = new Dashboard(prefix, {
    region,
    title: `${prefix} (${region}, ${cfg.role}, ${cfg.posture})`,
    monitored: resources,
    thresholds: { ...o.alarms, rpoSeconds: o.rpoSeconds },
  });
  const costAnomaly = o.costAnomaly
    ? new CostAnomalyAlerts(`${cfg.environment}-cost-anomalies`, {
        topicArn: topics.topicArns.warning,
        thresholdUsd: o.costAnomaly.thresholdUsd,
        monitorArn: o.costAnomaly.monitorArn,
        dependsOn: [topics.policies.warning, topics.key],
        tags,
      })
    : undefined;

  return {
    outputs: {
      observability: {
        dashboardName: dashboard.dashboardName,
        criticalTopicArn: topics.topicArns.critical,
        warningTopicArn: topics.topicArns.warning,
        regionUnhealthyAlarmArn: regionHealth.compositeAlarm.arn,
        regionHealthCheckId: regionHealth.calculatedHealthCheck!.id,
        alarmHealthCheckIds: Object.fromEntries(
          Object.entries(regionHealth.alarmHealthChecks).map(([key, check]) => [key, check.id]),
        ),
        ...(costAnomaly ? { costAnomalyMonitorArn: costAnomaly.monitorArn } : {}),
      },
    },
    handles: { topics, alarms, regionHealth, dashboard, ...(costAnomaly ? { costAnomaly } : {}) },
  };
}
