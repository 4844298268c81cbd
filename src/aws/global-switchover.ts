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
 *   `IsWriter` ("the primary cluster (that is, has read-write capability)"); `FailoverState`
 *   (`Status`: pending | failing-over | switching-over | cancelling; `ToDbClusterArn`: the cluster
 *   "currently being promoted"; `FromDbClusterArn`: the cluster "currently being demoted")
 *   "is empty unless a switchover or failover operation is scheduled or is in progress";
 *   `cancelling`: "The request to switch over or fail over the global cluster was cancelled and the
 *   primary Aurora DB cluster and the selected secondary Aurora DB cluster are returning to their
 *   previous states", so the writer ends in `FromDbClusterArn`'s region (RDS API reference,
 *   FailoverState); the global cluster's `Status` is only "the current state of this global
 *   database cluster" (RDS API reference, GlobalCluster: no list of values).
 * - SwitchoverGlobalCluster(GlobalClusterIdentifier, TargetDbClusterIdentifier = the target
 *   cluster's ARN "so that Aurora can locate the cluster in its Region"): planned, "without losing
 *   any data"; "intended for controlled environments".
 * - FailoverGlobalCluster(GlobalClusterIdentifier, TargetDbClusterIdentifier, AllowDataLoss: true):
 *   "to respond to an unplanned event, such as a Regional disaster"; "can result in a loss of write
 *   transaction data that wasn't replicated".
 * - DescribeGlobalReplicationGroups(GlobalReplicationGroupId, ShowMemberInfo: true): `Members[]`
 *   with `ReplicationGroupId`, `ReplicationGroupRegion`, `Role` ("primary or secondary": ElastiCache
 *   API reference, GlobalReplicationGroupMember) and the group's `Status` ("the status of the Global
 *   datastore", no list of values; the API names `available` and `primary-only` in
 *   InvalidGlobalReplicationGroupState: "The Global datastore is not available or in primary-only
 *   state", which FailoverGlobalReplicationGroup returns).
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
  /**
   * A move this resource started stopped half-way (one store moved, the other failed, or the wait
   * timed out): recorded with the regions it left, so that the next diff sees them (see
   * {@link diffWriter}). Absent after a complete apply.
   */
  readonly interrupted?: boolean;
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
      `${what} was refused because a member is busy or not ready (${detail}): another switchover, failover or ` +
        `modification is in progress, or the members run different engine versions (a managed switchover or failover ` +
        `needs the same major, minor and patch level on the primary and the target, except where the patch levels are ` +
        `compatible: Aurora User Guide, "Upgrading an Amazon Aurora global database"; compare EngineVersion in ` +
        `\`aws rds describe-db-clusters\` in both regions and upgrade the lower one). Watch it with \`aws rds describe-global-clusters --global-cluster-identifier ${inputs.globalClusterIdentifier}\` ` +
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
  /**
   * Where that operation leaves the writer, if known: the region of the cluster it promotes
   * (FailoverState.ToDbClusterArn), or, while it is `cancelling`, of the cluster it was demoting
   * (FromDbClusterArn): both return "to their previous states" (RDS API reference, FailoverState).
   */
  readonly movingTo?: string;
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
  const f = g.FailoverState;
  const endsIn = f?.Status === "cancelling" ? f.FromDbClusterArn : f?.ToDbClusterArn;
  return {
    writerRegion: regionOfArn(writer?.DBClusterArn),
    ...(target?.DBClusterArn ? { target: { arn: target.DBClusterArn, region: inputs.writerRegion } } : {}),
    ...(g.FailoverState?.Status ? { failoverStatus: g.FailoverState.Status } : {}),
    ...(endsIn ? { movingTo: regionOfArn(endsIn) } : {}),
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
const busy = (a: AuroraView) => a.failoverStatus !== undefined && BUSY.has(a.failoverStatus);
const available = (status: string | undefined) =>
  status === undefined || status.toLowerCase() === "available";

/**
 * Whether the move is done. A planned move waits for both stores to be available again and for
 * Aurora to report no operation in progress. An unplanned failover (`allowDataLoss`) is done once
 * the writer ROLE is in the target region (the Aurora member there `IsWriter`, "has read-write
 * capability"; the datastore member there `PRIMARY`), with no Aurora operation in progress OR only
 * the failover towards the target still reported (`failing-over` to a cluster in the target
 * region, {@link failoverStillReported}): the aggregate statuses may stay other than `available`
 * while the failed region's member cannot answer (the datastore's `primary-only` state,
 * ElastiCache API reference, InvalidGlobalReplicationGroupState), and no source we found says
 * whether Aurora clears `FailoverState` before the old primary's region answers again; writes
 * already work in the target region either way.
 */
function done(a: AuroraView, c: CacheView, inputs: WriterInputs): boolean {
  const region = inputs.writerRegion;
  const writer = a.writerRegion === region && c.primaryRegion === region;
  if (inputs.allowDataLoss) return writer && (!busy(a) || failoverStillReported(a, inputs));
  return writer && !busy(a) && available(a.status) && available(c.status);
}

/**
 * With `allowDataLoss`: the writer is already in the target region, and Aurora still reports the
 * failover to it (`failing-over`, "Aurora is promoting the chosen secondary Aurora DB cluster to
 * become the new primary DB cluster", RDS API reference, FailoverState) while the old primary's
 * region may not answer. Not verified either way: the move counts as done, and it is logged.
 */
function failoverStillReported(a: AuroraView, inputs: WriterInputs): boolean {
  return (
    inputs.allowDataLoss &&
    a.writerRegion === inputs.writerRegion &&
    a.failoverStatus === "failing-over" &&
    a.movingTo === inputs.writerRegion
  );
}

const where = (a: AuroraView, c: CacheView) =>
  `Aurora writer in ${a.writerRegion ?? "no region"}${a.failoverStatus ? ` (${a.failoverStatus})` : ""}` +
  `${a.status && !available(a.status) ? ` [global cluster ${a.status}]` : ""}, cache primary in ` +
  `${c.primaryRegion ?? "no region"} (${c.status ?? "status unknown"})`;

/** Polls until `until` holds for both views, or throws `timedOut` after `inputs.timeoutSeconds`. */
async function poll(
  env: SwitchoverEnv,
  inputs: WriterInputs,
  what: string,
  until: (a: AuroraView, c: CacheView) => boolean,
  timedOut: (a: AuroraView, c: CacheView) => Error,
): Promise<{ a: AuroraView; c: CacheView }> {
  const now = env.now ?? Date.now;
  const sleep = env.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const start = now();
  for (;;) {
    const a = await describeAurora(env, inputs);
    const c = await describeCache(env, inputs);
    if (until(a, c)) return { a, c };
    if (now() - start >= inputs.timeoutSeconds * 1000) throw timedOut(a, c);
    env.log?.(`waiting for ${what}: ${where(a, c)}`);
    await sleep(env.pollIntervalMs ?? 15_000);
  }
}

/** Polls until both writers are in the target region (and, for a planned move, both stores available), or times out. */
async function waitForWriter(
  env: SwitchoverEnv,
  inputs: WriterInputs,
): Promise<{ a: AuroraView; c: CacheView }> {
  const out = await poll(
    env,
    inputs,
    `the writer in ${inputs.writerRegion}`,
    (a, c) => done(a, c, inputs),
    (a, c) =>
      switchoverError(
        `The writer did not reach ${inputs.writerRegion} within ${inputs.timeoutSeconds} s: ${where(a, c)}. The operations were accepted and ` +
          `usually finish on their own: watch them (aws rds describe-global-clusters, aws elasticache ` +
          `describe-global-replication-groups --show-member-info) and run pulumi up again, which does nothing once both are there.`,
      ),
  );
  if (!available(out.a.status) || !available(out.c.status) || failoverStillReported(out.a, inputs)) {
    env.log?.(
      `the writer role is in ${inputs.writerRegion} (unplanned failover); not waiting for the aggregate status` +
        `${failoverStillReported(out.a, inputs) ? " or for Aurora's failing-over to clear" : ""}: ${where(out.a, out.c)}`,
    );
  }
  return out;
}

/**
 * Puts the Aurora writer and the cache primary in `inputs.writerRegion`. Reads where they are
 * first and does nothing for a store already there (an out-of-band failover is never fought);
 * lets a switchover or failover in progress towards another region finish first, then moves from
 * where it ended; checks everything that can refuse before moving either store (members in the
 * target region, the lag of a planned move, a datastore that cannot fail over), so that a refusal
 * leaves both where they were; moves Aurora with SwitchoverGlobalCluster, or FailoverGlobalCluster
 * with AllowDataLoss only when `allowDataLoss`; fails the datastore over with
 * FailoverGlobalReplicationGroup; then waits for both. If anything fails once a move has started,
 * the error carries the state it left (`partialState`, with `interrupted`), which the provider
 * records (see {@link writerPlacementProvider}).
 */
export async function ensureWriter(env: SwitchoverEnv, inputs: WriterInputs): Promise<WriterState> {
  const region = inputs.writerRegion;
  let a = await describeAurora(env, inputs);
  let c = await describeCache(env, inputs);
  let auroraAction: AuroraAction = "none";
  let cacheAction: "none" | "failover" = "none";
  let lag: number | undefined;

  // An operation in progress towards another region (e.g. the half of an interrupted move that
  // AWS accepted, or a cancelled move to this region going back: `movingTo`) ends first: RDS refuses a second one meanwhile (InvalidGlobalClusterStateFault),
  // and the writer's region is only known once it has ended.
  if (busy(a) && a.movingTo !== region) {
    ({ a, c } = await poll(
      env,
      inputs,
      `the Aurora ${a.failoverStatus} in progress to end`,
      (x) => !busy(x),
      (x, y) =>
        switchoverError(
          `An Aurora ${x.failoverStatus} towards ${x.movingTo ?? "another region"} did not end within ${inputs.timeoutSeconds} s ` +
            `(${where(x, y)}); nothing was moved to ${region}. Watch it (aws rds describe-global-clusters) and run pulumi up again.`,
        ),
    ));
  }

  const moveAurora = a.writerRegion !== region && !busy(a);
  const moveCache = c.primaryRegion !== region;

  // Everything that can refuse, before either store moves.
  if (moveAurora && !a.target) {
    throw switchoverError(
      `platform:failover.writerRegion = "${region}" but the Aurora global cluster ${inputs.globalClusterIdentifier} has no member there: ` +
        `apply ${region}'s stack first (it adds the member), then the primary's again.`,
    );
  }
  if (moveCache && !c.targetGroupId) {
    throw switchoverError(
      `platform:failover.writerRegion = "${region}" but the ElastiCache global datastore ${inputs.globalReplicationGroupId} ` +
        `has no member there: apply ${region}'s stack first (it adds the member), then the primary's again.`,
    );
  }
  if (moveAurora && moveCache && !inputs.allowDataLoss && !available(c.status)) {
    // FailoverGlobalReplicationGroup refuses a datastore that is "not available or in primary-only
    // state" (ElastiCache API reference): refusing now keeps Aurora from moving alone.
    throw switchoverError(
      `Refusing to move the writer to ${region}: the ElastiCache global datastore ${inputs.globalReplicationGroupId} is ` +
        `"${c.status}", and FailoverGlobalReplicationGroup needs it available; moving Aurora alone would split the writers. ` +
        `Wait until it is available (aws elasticache describe-global-replication-groups --show-member-info) and run pulumi up again.`,
    );
  }
  if (moveAurora) {
    lag = await replicationLagSeconds(env, inputs, a.target!.arn);
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
  }

  try {
    if (moveAurora) {
      const target = a.target!.arn;
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
    if (moveCache) {
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
    if (auroraAction !== "none" || cacheAction !== "none" || !done(a, c, inputs)) {
      ({ a, c } = await waitForWriter(env, inputs));
    }
  } catch (e) {
    // Nothing moved: the recorded state is still true.
    if (auroraAction === "none" && cacheAction === "none") throw e;
    throw await interruptedMove(env, inputs, e, { auroraAction, cacheAction, lag, a, c });
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
 * The error of a move that stopped half-way, with the state it left (`partialState`): where the
 * writers are now (read again; the last known when the read fails too) and `interrupted: true`.
 */
async function interruptedMove(
  env: SwitchoverEnv,
  inputs: WriterInputs,
  cause: unknown,
  s: {
    auroraAction: AuroraAction;
    cacheAction: "none" | "failover";
    lag: number | undefined;
    a: AuroraView;
    c: CacheView;
  },
): Promise<Error> {
  let { a, c } = s;
  try {
    a = await describeAurora(env, inputs);
    c = await describeCache(env, inputs);
  } catch {
    // Keep the last known views.
  }
  // An Aurora operation still running counts where it goes: it will end there.
  const auroraRegion = (busy(a) ? a.movingTo : undefined) ?? a.writerRegion ?? "";
  const partialState: WriterState = {
    ...inputs,
    auroraWriterRegion: auroraRegion,
    cachePrimaryRegion: c.primaryRegion ?? "",
    auroraAction: s.auroraAction,
    cacheAction: s.cacheAction,
    ...(s.lag !== undefined ? { replicationLagSeconds: s.lag } : {}),
    interrupted: true,
  };
  const message =
    `${cause instanceof Error ? cause.message : String(cause)}\n` +
    `The move to ${inputs.writerRegion} stopped half-way: ${where(a, c)}. This is recorded, so the next pulumi up ` +
    `finishes it: run it again with the same writerRegion once the cause is fixed, or, to abort, put the previous ` +
    `writerRegion back and run pulumi up (it moves whichever store is not there back; docs/failover.md, "To abort a half-done move").`;
  return Object.assign(switchoverError(message), { partialState });
}

/**
 * What a change of inputs does, from the recorded state alone (no AWS call, so a preview works
 * with the writer's region down). A change of inputs is an update, which calls
 * {@link ensureWriter}; only another global object replaces this resource, which owns nothing in
 * AWS. Unchanged inputs are no change, whatever AWS did out of band (a refresh records it in the
 * outputs, and it is never fought), except after a move of this resource's own that stopped
 * half-way (`interrupted`, see {@link ensureWriter}): while the recorded writers are not both in
 * `writerRegion`, the next apply updates, finishing the move or, with the previous `writerRegion`
 * back in config, moving the store that left back.
 */
export function diffWriter(olds: Partial<WriterState>, news: Partial<WriterInputs>): dynamic.DiffResult {
  const changed = WRITER_INPUT_KEYS.filter((k) => olds[k] !== news[k]);
  const unfinished =
    olds.interrupted === true &&
    (olds.auroraWriterRegion !== news.writerRegion || olds.cachePrimaryRegion !== news.writerRegion);
  if (changed.length === 0 && !unfinished) return { changes: false };
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

/** The recorded state: the inputs and what the provider recorded beside them. */
function stateOf(p: Record<string, unknown>): Partial<WriterState> {
  return {
    ...inputsOf(p),
    ...(typeof p.auroraWriterRegion === "string" ? { auroraWriterRegion: p.auroraWriterRegion } : {}),
    ...(typeof p.cachePrimaryRegion === "string" ? { cachePrimaryRegion: p.cachePrimaryRegion } : {}),
    ...(p.interrupted === true ? { interrupted: true } : {}),
  };
}

/**
 * An error of create or update in the form the dynamic provider reports as a partial failure
 * (@pulumi/pulumi cmd/dynamic-provider, grpcResponseFromError: an error with `id` is sent as
 * ErrorResourceInitFailed with `properties`). The engine then records those properties as the
 * resource's outputs, with the error as an init error, and updates the resource on the next
 * `pulumi up` (pulumi/pulumi#992, #1836; engine UpdateStep: "StatusPartialFailure"). The properties
 * must carry `__provider` (the serialized provider, taken from the inputs): every later call
 * deserializes the provider from it.
 */
export function partialFailure(e: unknown, id: string, inputs: Record<string, unknown>): unknown {
  const state = (e as { partialState?: WriterState } | null)?.partialState;
  if (!state || !(e instanceof Error)) return e;
  return Object.assign(new Error(e.message), {
    name: e.name,
    id,
    properties: { ...inputs, ...state },
    reasons: [e.message],
  });
}

const idOf = (i: WriterInputs) => `${i.globalClusterIdentifier}/${i.globalReplicationGroupId}`;

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
 * unless `writerRegion` itself changes. A move that stops half-way is recorded as a partial
 * failure ({@link partialFailure}), so that a later apply finishes or reverts it.
 */
export const writerPlacementProvider: dynamic.ResourceProvider = {
  configure(req) {
    settings.profile = req.config.get("aws:profile");
    return Promise.resolve();
  },
  diff(_id, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return Promise.resolve(diffWriter(stateOf(olds), inputsOf(news)));
  },
  async create(inputs: Record<string, unknown>) {
    const i = inputsOf(inputs);
    try {
      const state = await ensureWriter(deployedEnv(), i);
      return { id: idOf(i), outs: state };
    } catch (e) {
      throw partialFailure(e, idOf(i), inputs);
    }
  },
  async update(id, _olds: Record<string, unknown>, news: Record<string, unknown>) {
    try {
      return { outs: await ensureWriter(deployedEnv(), inputsOf(news)) };
    } catch (e) {
      throw partialFailure(e, id, news);
    }
  },
  async read(id, props?: Record<string, unknown>) {
    const inputs = inputsOf(props ?? {});
    const env = deployedEnv();
    const a = await describeAurora(env, inputs);
    const c = await describeCache(env, inputs);
    const rest = Object.fromEntries(Object.entries(props ?? {}).filter(([k]) => k !== "interrupted"));
    // An interrupted move stays recorded until both writers are where it was going.
    const split = a.writerRegion !== inputs.writerRegion || c.primaryRegion !== inputs.writerRegion;
    return {
      id,
      props: {
        ...rest,
        auroraWriterRegion: a.writerRegion ?? "",
        cachePrimaryRegion: c.primaryRegion ?? "",
        ...(props?.interrupted === true && split ? { interrupted: true } : {}),
      },
    };
  },
  async delete() {
    // Nothing to delete: the writers stay where they are.
  },
};
