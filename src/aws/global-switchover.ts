/**
 * Moving the writer of the platform's global stores, as a Pulumi dynamic provider owned by the
 * stack that owns the global objects (the primary; components/data/writer-placement.ts): the
 * Aurora global database's writer cluster and the ElastiCache global datastore's primary member go
 * to `writerRegion`. No provider resource does this: in the AWS provider, changing which member is
 * primary is an input diff that replaces members (terraform-provider-aws #18863, #46121), so the
 * members ignore what a switchover changes and this resource makes the API calls instead.
 *
 * Pure functions of SDK modules, so that tests drive them with aws-sdk-client-mock; the provider
 * at the end requires the SDKs inside its methods (see src/aws/secret-replication.ts for why).
 *
 * AWS facts this relies on (RDS and ElastiCache API references):
 * - DescribeGlobalClusters: `GlobalClusters[].GlobalClusterMembers[]` with `DBClusterArn` and
 *   `IsWriter`; `FailoverState` (`Status`: pending | failing-over | switching-over | cancelling)
 *   "is empty unless a switchover or failover operation is scheduled or is in progress".
 * - SwitchoverGlobalCluster(GlobalClusterIdentifier, TargetDbClusterIdentifier = the target
 *   cluster's ARN "so that Aurora can locate the cluster in its Region"): planned, "without losing
 *   any data"; "intended for controlled environments".
 * - FailoverGlobalCluster(GlobalClusterIdentifier, TargetDbClusterIdentifier, AllowDataLoss: true):
 *   "to respond to an unplanned event, such as a Regional disaster"; "can result in a loss of write
 *   transaction data that wasn't replicated".
 * - DescribeGlobalReplicationGroups(GlobalReplicationGroupId, ShowMemberInfo: true): `Members[]`
 *   with `ReplicationGroupId`, `ReplicationGroupRegion`, `Role` (PRIMARY | SECONDARY: CloudFormation
 *   GlobalReplicationGroupMember) and the group's `Status`.
 * - FailoverGlobalReplicationGroup(GlobalReplicationGroupId, PrimaryRegion, PrimaryReplicationGroupId):
 *   "The secondary region will become primary, and all other clusters will become secondary."
 * - CloudWatch `AWS/RDS` `AuroraGlobalDBReplicationLag` (milliseconds, dimension
 *   DBClusterIdentifier) is published only by a secondary cluster (components/observability/metrics.ts).
 *
 * Every call goes to the target region, the one that must be up: when the writer's region is
 * down, a failover with data loss still works from there.
 */
import type * as Rds from "@aws-sdk/client-rds";
import type * as ElastiCache from "@aws-sdk/client-elasticache";
import type * as CloudWatch from "@aws-sdk/client-cloudwatch";
import type * as dynamic from "@pulumi/pulumi/dynamic";

/** The SDK modules, as `require(...)` returns them. */
export interface SwitchoverSdks {
  readonly rds: typeof Rds;
  readonly elasticache: typeof ElastiCache;
  readonly cloudwatch: typeof CloudWatch;
}

/** What the resource is asked for. */
export interface WriterInputs {
  readonly globalClusterIdentifier: string;
  /** The global datastore's full ID (with AWS's prefix), as `aws.elasticache.GlobalReplicationGroup` reports it. */
  readonly globalReplicationGroupId: string;
  /** Where the Aurora writer and the cache primary should be. */
  readonly writerRegion: string;
  /** Use FailoverGlobalCluster with AllowDataLoss instead of a switchover. */
  readonly allowDataLoss: boolean;
  readonly maxReplicationLagSeconds: number;
  readonly timeoutSeconds: number;
}

/** What one apply did. */
export type AuroraAction = "none" | "switchover" | "failover";

/** What the provider records. */
export interface WriterState extends WriterInputs {
  readonly auroraWriterRegion: string;
  readonly cachePrimaryRegion: string;
  readonly auroraAction: AuroraAction;
  readonly cacheAction: "none" | "failover";
  /** The replication lag measured before moving the writer, in seconds (when measured). */
  readonly replicationLagSeconds?: number;
}

export const WRITER_INPUT_KEYS = [
  "globalClusterIdentifier",
  "globalReplicationGroupId",
  "writerRegion",
  "allowDataLoss",
  "maxReplicationLagSeconds",
  "timeoutSeconds",
] as const;

/** How the logic reaches AWS and waits; tests replace the waits and the clock. */
export interface SwitchoverEnv {
  readonly sdk: SwitchoverSdks;
  readonly profile?: string;
  /** @default 15000 */
  readonly pollIntervalMs?: number;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default Date.now */
  readonly now?: () => number;
  /** Progress lines (what it waits for). @default none */
  readonly log?: (line: string) => void;
}

/** A failure with what to do next (a plain Error: see secret-replication.ts, replicaError). */
export function switchoverError(message: string): Error {
  return Object.assign(new Error(message), { name: "SwitchoverError" });
}

interface AwsError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}
const asAws = (e: unknown): AwsError => (e !== null && typeof e === "object" ? e : {});

/** Wraps an AWS error of `action` into a message that says what to do next. */
export function explain(e: unknown, action: string, inputs: WriterInputs): Error {
  const err = asAws(e);
  const detail = `${err.name ?? "Error"}: ${err.message ?? String(e)}`;
  const what = `${action} (to move the writer to ${inputs.writerRegion})`;
  if (/AccessDenied|UnauthorizedOperation/.test(err.name ?? "")) {
    return switchoverError(
      `${what} was denied (${detail}). The identity running pulumi needs rds:DescribeGlobalClusters, ` +
        `rds:SwitchoverGlobalCluster, rds:FailoverGlobalCluster, elasticache:DescribeGlobalReplicationGroups, ` +
        `elasticache:FailoverGlobalReplicationGroup and cloudwatch:GetMetricStatistics in ${inputs.writerRegion}.`,
    );
  }
  if (
    /InvalidGlobalClusterStateFault|InvalidDBClusterStateFault|InvalidGlobalReplicationGroupState/.test(
      err.name ?? "",
    )
  ) {
    return switchoverError(
      `${what} was refused because a member is busy (${detail}): another switchover, failover or modification ` +
        `is in progress. Watch it with \`aws rds describe-global-clusters --global-cluster-identifier ${inputs.globalClusterIdentifier}\` ` +
        `and \`aws elasticache describe-global-replication-groups --global-replication-group-id ${inputs.globalReplicationGroupId} --show-member-info\`, ` +
        `then run pulumi up again (nothing is done twice: the writer's current region is read first).`,
    );
  }
  if ((err.$metadata?.httpStatusCode ?? 0) >= 500 || err.name === "TimeoutError") {
    return switchoverError(
      `${what} failed: ${inputs.writerRegion} did not answer (${detail}). The target region must be up; ` +
        `retry, or choose another writerRegion (docs/failover.md).`,
    );
  }
  return switchoverError(`${what} failed: ${detail}`);
}

/** Runs one AWS call; an error comes back explained (what failed, and what to do next). */
async function explained<T>(action: string, inputs: WriterInputs, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw explain(e, action, inputs);
  }
}

const regionOfArn = (arn: string | undefined): string | undefined => arn?.split(":")[3];
const clusterIdOfArn = (arn: string): string => arn.split(":").pop() ?? arn;

function clients(env: SwitchoverEnv, region: string) {
  const c = { region, ...(env.profile ? { profile: env.profile } : {}) };
  return {
    rds: new env.sdk.rds.RDSClient(c),
    elasticache: new env.sdk.elasticache.ElastiCacheClient(c),
    cloudwatch: new env.sdk.cloudwatch.CloudWatchClient(c),
  };
}

/** The Aurora global cluster as seen from the target region. */
export interface AuroraView {
  readonly writerRegion?: string;
  readonly target?: { readonly arn: string; readonly region: string };
  /** A switchover or failover in progress (FailoverState.Status), if any. */
  readonly failoverStatus?: string;
  readonly status?: string;
}

export async function describeAurora(env: SwitchoverEnv, inputs: WriterInputs): Promise<AuroraView> {
  const out: Rds.DescribeGlobalClustersCommandOutput = await explained("DescribeGlobalClusters", inputs, () =>
    clients(env, inputs.writerRegion).rds.send(
      new env.sdk.rds.DescribeGlobalClustersCommand({
        GlobalClusterIdentifier: inputs.globalClusterIdentifier,
      }),
    ),
  );
  const g = out.GlobalClusters?.[0];
  if (!g) {
    throw switchoverError(
      `The Aurora global cluster ${inputs.globalClusterIdentifier} was not found from ${inputs.writerRegion}: apply the primary stack first.`,
    );
  }
  const members = g.GlobalClusterMembers ?? [];
  const writer = members.find((m) => m.IsWriter === true);
  const target = members.find((m) => regionOfArn(m.DBClusterArn) === inputs.writerRegion);
  return {
    writerRegion: regionOfArn(writer?.DBClusterArn),
    ...(target?.DBClusterArn ? { target: { arn: target.DBClusterArn, region: inputs.writerRegion } } : {}),
    ...(g.FailoverState?.Status ? { failoverStatus: g.FailoverState.Status } : {}),
    ...(g.Status ? { status: g.Status } : {}),
  };
}

/** The ElastiCache global datastore as seen from the target region. */
export interface CacheView {
  readonly primaryRegion?: string;
  readonly targetGroupId?: string;
  readonly status?: string;
}

export async function describeCache(env: SwitchoverEnv, inputs: WriterInputs): Promise<CacheView> {
  const out: ElastiCache.DescribeGlobalReplicationGroupsCommandOutput = await explained(
    "DescribeGlobalReplicationGroups",
    inputs,
    () =>
      clients(env, inputs.writerRegion).elasticache.send(
        new env.sdk.elasticache.DescribeGlobalReplicationGroupsCommand({
          GlobalReplicationGroupId: inputs.globalReplicationGroupId,
          ShowMemberInfo: true,
        }),
      ),
  );
  const g = out.GlobalReplicationGroups?.[0];
  if (!g) {
    throw switchoverError(
      `The ElastiCache global datastore ${inputs.globalReplicationGroupId} was not found from ${inputs.writerRegion}: apply the primary stack first.`,
    );
  }
  const members = g.Members ?? [];
  const primary = members.find((m) => m.Role?.toUpperCase() === "PRIMARY");
  const target = members.find((m) => m.ReplicationGroupRegion === inputs.writerRegion);
  return {
    primaryRegion: primary?.ReplicationGroupRegion,
    ...(target?.ReplicationGroupId ? { targetGroupId: target.ReplicationGroupId } : {}),
    ...(g.Status ? { status: g.Status } : {}),
  };
}

/**
 * The highest AuroraGlobalDBReplicationLag of the target cluster over the last five minutes, in
 * seconds; `undefined` when CloudWatch has no datapoint.
 */
export async function replicationLagSeconds(
  env: SwitchoverEnv,
  inputs: WriterInputs,
  targetArn: string,
): Promise<number | undefined> {
  const now = (env.now ?? Date.now)();
  const out: CloudWatch.GetMetricStatisticsCommandOutput = await explained(
    "GetMetricStatistics (AuroraGlobalDBReplicationLag)",
    inputs,
    () =>
      clients(env, inputs.writerRegion).cloudwatch.send(
        new env.sdk.cloudwatch.GetMetricStatisticsCommand({
          Namespace: "AWS/RDS",
          MetricName: "AuroraGlobalDBReplicationLag",
          Dimensions: [{ Name: "DBClusterIdentifier", Value: clusterIdOfArn(targetArn) }],
          StartTime: new Date(now - 300_000),
          EndTime: new Date(now),
          Period: 60,
          Statistics: ["Maximum"],
        }),
      ),
  );
  const points = (out.Datapoints ?? [])
    .map((d) => d.Maximum)
    .filter((m): m is number => typeof m === "number");
  return points.length === 0 ? undefined : Math.max(...points) / 1000;
}

const BUSY = new Set(["pending", "failing-over", "switching-over", "cancelling"]);
const done = (a: AuroraView, c: CacheView, region: string) =>
  a.writerRegion === region &&
  (a.failoverStatus === undefined || !BUSY.has(a.failoverStatus)) &&
  (a.status === undefined || a.status === "available") &&
  c.primaryRegion === region &&
  (c.status === undefined || c.status.toLowerCase() === "available");

/** Polls until both writers are in the target region and both stores are available again, or times out. */
async function waitForWriter(
  env: SwitchoverEnv,
  inputs: WriterInputs,
): Promise<{ a: AuroraView; c: CacheView }> {
  const now = env.now ?? Date.now;
  const sleep = env.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const start = now();
  for (;;) {
    const a = await describeAurora(env, inputs);
    const c = await describeCache(env, inputs);
    if (done(a, c, inputs.writerRegion)) return { a, c };
    if (now() - start >= inputs.timeoutSeconds * 1000) {
      throw switchoverError(
        `The writer did not reach ${inputs.writerRegion} within ${inputs.timeoutSeconds} s: Aurora writer in ` +
          `${a.writerRegion ?? "no region"}${a.failoverStatus ? ` (${a.failoverStatus})` : ""}, cache primary in ` +
          `${c.primaryRegion ?? "no region"} (${c.status ?? "status unknown"}). The operations were accepted and ` +
          `usually finish on their own: watch them (aws rds describe-global-clusters, aws elasticache ` +
          `describe-global-replication-groups --show-member-info) and run pulumi up again, which does nothing once both are there.`,
      );
    }
    env.log?.(
      `waiting for the writer in ${inputs.writerRegion}: Aurora ${a.writerRegion ?? "?"}${a.failoverStatus ? ` (${a.failoverStatus})` : ""}, cache ${c.primaryRegion ?? "?"} (${c.status ?? "?"})`,
    );
    await sleep(env.pollIntervalMs ?? 15_000);
  }
}

/**
 * Puts the Aurora writer and the cache primary in `inputs.writerRegion`. Reads where they are
 * first and does nothing for a store already there (an out-of-band failover is never fought);
 * refuses a planned move while the target lags more than `maxReplicationLagSeconds` (never a
 * failover with `allowDataLoss`); moves Aurora with SwitchoverGlobalCluster, or
 * FailoverGlobalCluster with AllowDataLoss only when `allowDataLoss`; fails the datastore over
 * with FailoverGlobalReplicationGroup; then waits for both.
 */
export async function ensureWriter(env: SwitchoverEnv, inputs: WriterInputs): Promise<WriterState> {
  const region = inputs.writerRegion;
  let a = await describeAurora(env, inputs);
  let c = await describeCache(env, inputs);
  let auroraAction: AuroraAction = "none";
  let cacheAction: "none" | "failover" = "none";
  let lag: number | undefined;

  if (a.writerRegion !== region && !(a.failoverStatus && BUSY.has(a.failoverStatus))) {
    if (!a.target) {
      throw switchoverError(
        `platform:failover.writerRegion = "${region}" but the Aurora global cluster ${inputs.globalClusterIdentifier} has no member there: ` +
          `apply ${region}'s stack first (it adds the member), then the primary's again.`,
      );
    }
    lag = await replicationLagSeconds(env, inputs, a.target.arn);
    // A planned switchover needs no lag data: SwitchoverGlobalCluster synchronises every secondary
    // with the primary before the roles change (RDS API reference, SwitchoverGlobalCluster: "All
    // secondary clusters are synchronized with the primary at the beginning of the process").
    // The metric is published only by a secondary, so a cluster that was the writer minutes ago
    // (a revert) has none yet. Lag above the threshold still waits: the switchover would block
    // writes for as long as the catch-up takes. With allowDataLoss the operator has accepted the
    // loss (the writer's region is down and the lag only grows): no lag refuses it.
    if (lag !== undefined && lag > inputs.maxReplicationLagSeconds && !inputs.allowDataLoss) {
      throw switchoverError(
        `Refusing to move the writer to ${region}: its replication lag is ${lag} s, above ` +
          `platform:failover.maxReplicationLagSeconds = ${inputs.maxReplicationLagSeconds}. Wait for it to catch up ` +
          `(CloudWatch AWS/RDS AuroraGlobalDBReplicationLag) and run pulumi up again, or raise the threshold.`,
      );
    }
    const target = a.target.arn;
    if (inputs.allowDataLoss) {
      await explained("FailoverGlobalCluster", inputs, () =>
        clients(env, region).rds.send(
          new env.sdk.rds.FailoverGlobalClusterCommand({
            GlobalClusterIdentifier: inputs.globalClusterIdentifier,
            TargetDbClusterIdentifier: target,
            AllowDataLoss: true,
          }),
        ),
      );
      auroraAction = "failover";
    } else {
      await explained("SwitchoverGlobalCluster", inputs, () =>
        clients(env, region).rds.send(
          new env.sdk.rds.SwitchoverGlobalClusterCommand({
            GlobalClusterIdentifier: inputs.globalClusterIdentifier,
            TargetDbClusterIdentifier: target,
          }),
        ),
      );
      auroraAction = "switchover";
    }
  }

  if (c.primaryRegion !== region) {
    if (!c.targetGroupId) {
      throw switchoverError(
        `platform:failover.writerRegion = "${region}" but the ElastiCache global datastore ${inputs.globalReplicationGroupId} ` +
          `has no member there: apply ${region}'s stack first (it adds the member), then the primary's again.`,
      );
    }
    await explained("FailoverGlobalReplicationGroup", inputs, () =>
      clients(env, region).elasticache.send(
        new env.sdk.elasticache.FailoverGlobalReplicationGroupCommand({
          GlobalReplicationGroupId: inputs.globalReplicationGroupId,
          PrimaryRegion: region,
          PrimaryReplicationGroupId: c.targetGroupId,
        }),
      ),
    );
    cacheAction = "failover";
  }

  if (auroraAction !== "none" || cacheAction !== "none" || !done(a, c, region)) {
    ({ a, c } = await waitForWriter(env, inputs));
  }
  return {
    ...inputs,
    auroraWriterRegion: a.writerRegion ?? region,
    cachePrimaryRegion: c.primaryRegion ?? region,
    auroraAction,
    cacheAction,
    ...(lag !== undefined ? { replicationLagSeconds: lag } : {}),
  };
}

/**
 * What a change of inputs does, from the recorded inputs alone (no AWS call, so a preview works
 * with the writer's region down). Only another global object replaces this resource, which owns
 * nothing in AWS; everything else is an update, which calls {@link ensureWriter}.
 */
export function diffWriter(olds: Partial<WriterInputs>, news: Partial<WriterInputs>): dynamic.DiffResult {
  const changed = WRITER_INPUT_KEYS.filter((k) => olds[k] !== news[k]);
  if (changed.length === 0) return { changes: false };
  const replaces = changed.filter((k) => k === "globalClusterIdentifier" || k === "globalReplicationGroupId");
  return { changes: true, replaces, deleteBeforeReplace: false };
}

const settings: { profile?: string } = {};

function inputsOf(p: Record<string, unknown>): WriterInputs {
  return {
    globalClusterIdentifier: String(p.globalClusterIdentifier),
    globalReplicationGroupId: String(p.globalReplicationGroupId),
    writerRegion: String(p.writerRegion),
    allowDataLoss: p.allowDataLoss === true,
    maxReplicationLagSeconds: Number(p.maxReplicationLagSeconds),
    timeoutSeconds: Number(p.timeoutSeconds),
  };
}

function deployedEnv(): SwitchoverEnv {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const sdk: SwitchoverSdks = {
    rds: require("@aws-sdk/client-rds") as typeof Rds,
    elasticache: require("@aws-sdk/client-elasticache") as typeof ElastiCache,
    cloudwatch: require("@aws-sdk/client-cloudwatch") as typeof CloudWatch,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { sdk, ...(settings.profile ? { profile: settings.profile } : {}), log: (l) => console.log(l) };
}

/**
 * The dynamic provider. `delete` does nothing: the resource owns no AWS object, and removing it
 * must not move a writer. `read` (pulumi refresh) reports where the writers are, in outputs only:
 * the next diff compares inputs, so an out-of-band failover is never undone by a later `pulumi up`
 * unless `writerRegion` itself changes.
 */
export const writerPlacementProvider: dynamic.ResourceProvider = {
  configure(req) {
    settings.profile = req.config.get("aws:profile");
    return Promise.resolve();
  },
  diff(_id, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return Promise.resolve(diffWriter(inputsOf(olds), inputsOf(news)));
  },
  async create(inputs: Record<string, unknown>) {
    const state = await ensureWriter(deployedEnv(), inputsOf(inputs));
    return { id: `${state.globalClusterIdentifier}/${state.globalReplicationGroupId}`, outs: state };
  },
  async update(_id, _olds: Record<string, unknown>, news: Record<string, unknown>) {
    return { outs: await ensureWriter(deployedEnv(), inputsOf(news)) };
  },
  async read(id, props?: Record<string, unknown>) {
    const inputs = inputsOf(props ?? {});
    const env = deployedEnv();
    const a = await describeAurora(env, inputs);
    const c = await describeCache(env, inputs);
    return {
      id,
      props: {
        ...props,
        auroraWriterRegion: a.writerRegion ?? "",
        cachePrimaryRegion: c.primaryRegion ?? "",
      },
    };
  },
  async delete() {
    // Nothing to delete: the writers stay where they are.
  },
};
