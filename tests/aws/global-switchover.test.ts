/**
 * The writer placement logic (src/aws/global-switchover.ts) against mocked RDS, ElastiCache and
 * CloudWatch clients (aws-sdk-client-mock): what it sends, where, when it refuses, how it waits.
 */
import * as rds from "@aws-sdk/client-rds";
import * as elasticache from "@aws-sdk/client-elasticache";
import * as cloudwatch from "@aws-sdk/client-cloudwatch";
import * as pulumi from "@pulumi/pulumi";
import { mockClient } from "aws-sdk-client-mock";
import {
  diffWriter,
  ensureWriter,
  partialFailure,
  writerPlacementProvider,
  type SwitchoverEnv,
  type WriterInputs,
  type WriterState,
} from "../../src/aws/global-switchover";

const USE1 = "arn:aws:rds:us-east-1:111122223333:cluster:prod-use1-aurora";
const EUW1 = "arn:aws:rds:eu-west-1:111122223333:cluster:prod-euw1-aurora";
const GRG = "ldgnf-prod-platform";

const rdsMock = mockClient(rds.RDSClient);
const ecMock = mockClient(elasticache.ElastiCacheClient);
const cwMock = mockClient(cloudwatch.CloudWatchClient);

let clock = 0;
const sleeps: number[] = [];
const env: SwitchoverEnv = {
  sdk: { rds, elasticache, cloudwatch },
  pollIntervalMs: 10_000,
  sleep: async (ms) => {
    sleeps.push(ms);
    clock += ms;
  },
  now: () => clock,
};
const inputs = (o: Partial<WriterInputs> = {}): WriterInputs => ({
  globalClusterIdentifier: "prod-platform",
  globalReplicationGroupId: GRG,
  writerRegion: "eu-west-1",
  allowDataLoss: false,
  maxReplicationLagSeconds: 30,
  timeoutSeconds: 60,
  ...o,
});

const aurora = (writer: string, failover?: string): rds.DescribeGlobalClustersCommandOutput => ({
  $metadata: {},
  GlobalClusters: [
    {
      GlobalClusterIdentifier: "prod-platform",
      Status: "available",
      GlobalClusterMembers: [
        { DBClusterArn: USE1, IsWriter: writer === "us-east-1" },
        { DBClusterArn: EUW1, IsWriter: writer === "eu-west-1" },
      ],
      ...(failover ? { FailoverState: { Status: failover as rds.FailoverStatus } } : {}),
    },
  ],
});
const cache = (
  primary: string,
  status = "available",
): elasticache.DescribeGlobalReplicationGroupsCommandOutput => ({
  $metadata: {},
  GlobalReplicationGroups: [
    {
      GlobalReplicationGroupId: GRG,
      Status: status,
      Members: [
        {
          ReplicationGroupId: "prod-use1-cache",
          ReplicationGroupRegion: "us-east-1",
          Role: primary === "us-east-1" ? "PRIMARY" : "SECONDARY",
        },
        {
          ReplicationGroupId: "prod-euw1-cache",
          ReplicationGroupRegion: "eu-west-1",
          Role: primary === "eu-west-1" ? "PRIMARY" : "SECONDARY",
        },
      ],
    },
  ],
});
const lagMs = (...ms: number[]) =>
  cwMock
    .on(cloudwatch.GetMetricStatisticsCommand)
    .resolves({ Datapoints: ms.map((Maximum) => ({ Maximum })) });

beforeEach(() => {
  rdsMock.reset();
  ecMock.reset();
  cwMock.reset();
  clock = 0;
  sleeps.length = 0;
});

/** Both stores report their writer in us-east-1 on the first read, in eu-west-1 afterwards. */
function writersMoveToEuw1(): void {
  rdsMock
    .on(rds.DescribeGlobalClustersCommand)
    .resolvesOnce(aurora("us-east-1"))
    .resolves(aurora("eu-west-1"));
  ecMock
    .on(elasticache.DescribeGlobalReplicationGroupsCommand)
    .resolvesOnce(cache("us-east-1"))
    .resolves(cache("eu-west-1"));
}

describe("ensureWriter", () => {
  test("does nothing when both writers are already in writerRegion (an out-of-band failover is not fought)", async () => {
    rdsMock.on(rds.DescribeGlobalClustersCommand).resolves(aurora("eu-west-1"));
    ecMock.on(elasticache.DescribeGlobalReplicationGroupsCommand).resolves(cache("eu-west-1"));
    const state = await ensureWriter(env, inputs());
    expect(state).toMatchObject({
      auroraAction: "none",
      cacheAction: "none",
      auroraWriterRegion: "eu-west-1",
    });
    expect(rdsMock.commandCalls(rds.SwitchoverGlobalClusterCommand)).toHaveLength(0);
    expect(rdsMock.commandCalls(rds.FailoverGlobalClusterCommand)).toHaveLength(0);
    expect(ecMock.commandCalls(elasticache.FailoverGlobalReplicationGroupCommand)).toHaveLength(0);
    expect(cwMock.commandCalls(cloudwatch.GetMetricStatisticsCommand)).toHaveLength(0);
  });

  test("a planned move: SwitchoverGlobalCluster to the target's ARN, FailoverGlobalReplicationGroup, then waits for both", async () => {
    rdsMock
      .on(rds.DescribeGlobalClustersCommand)
      .resolvesOnce(aurora("us-east-1"))
      .resolvesOnce(aurora("us-east-1", "switching-over"))
      .resolves(aurora("eu-west-1"));
    ecMock
      .on(elasticache.DescribeGlobalReplicationGroupsCommand)
      .resolvesOnce(cache("us-east-1"))
      .resolvesOnce(cache("eu-west-1", "modifying"))
      .resolves(cache("eu-west-1"));
    lagMs(800, 1200);
    const state = await ensureWriter(env, inputs());
    expect(rdsMock.commandCalls(rds.SwitchoverGlobalClusterCommand).map((c) => c.args[0].input)).toEqual([
      { GlobalClusterIdentifier: "prod-platform", TargetDbClusterIdentifier: EUW1 },
    ]);
    expect(rdsMock.commandCalls(rds.FailoverGlobalClusterCommand)).toHaveLength(0);
    expect(
      ecMock.commandCalls(elasticache.FailoverGlobalReplicationGroupCommand).map((c) => c.args[0].input),
    ).toEqual([
      {
        GlobalReplicationGroupId: GRG,
        PrimaryRegion: "eu-west-1",
        PrimaryReplicationGroupId: "prod-euw1-cache",
      },
    ]);
    const lagQuery = cwMock.commandCalls(cloudwatch.GetMetricStatisticsCommand)[0].args[0].input;
    expect(lagQuery).toMatchObject({
      Namespace: "AWS/RDS",
      MetricName: "AuroraGlobalDBReplicationLag",
      Dimensions: [{ Name: "DBClusterIdentifier", Value: "prod-euw1-aurora" }],
      Statistics: ["Maximum"],
    });
    expect(state).toMatchObject({
      auroraAction: "switchover",
      cacheAction: "failover",
      auroraWriterRegion: "eu-west-1",
      cachePrimaryRegion: "eu-west-1",
      replicationLagSeconds: 1.2,
    });
    expect(sleeps).toEqual([10_000]);
  });

  test("every call goes to the target region", async () => {
    rdsMock
      .on(rds.DescribeGlobalClustersCommand)
      .resolvesOnce(aurora("us-east-1"))
      .resolves(aurora("eu-west-1"));
    ecMock.on(elasticache.DescribeGlobalReplicationGroupsCommand).resolves(cache("eu-west-1"));
    lagMs(100);
    await ensureWriter(env, inputs());
    const regionOf = async (c: { config: { region?: unknown } }) =>
      typeof c.config.region === "function"
        ? await (c.config.region as () => Promise<string>)()
        : c.config.region;
    const call = rdsMock.commandCalls(rds.SwitchoverGlobalClusterCommand)[0];
    expect(await regionOf(call.thisValue as never)).toBe("eu-west-1");
  });

  test("refuses when the target's replication lag is above maxReplicationLagSeconds, and sends nothing", async () => {
    rdsMock.on(rds.DescribeGlobalClustersCommand).resolves(aurora("us-east-1"));
    ecMock.on(elasticache.DescribeGlobalReplicationGroupsCommand).resolves(cache("us-east-1"));
    lagMs(31_000, 4_000);
    await expect(ensureWriter(env, inputs())).rejects.toThrow(
      "Refusing to move the writer to eu-west-1: its replication lag is 31 s, above platform:failover.maxReplicationLagSeconds = 30. Wait for it to catch up (CloudWatch AWS/RDS AuroraGlobalDBReplicationLag) and run pulumi up again, or raise the threshold.",
    );
    expect(rdsMock.commandCalls(rds.SwitchoverGlobalClusterCommand)).toHaveLength(0);
    expect(ecMock.commandCalls(elasticache.FailoverGlobalReplicationGroupCommand)).toHaveLength(0);
  });

  test("a planned move without lag data goes ahead (a revert: the old writer publishes no lag yet)", async () => {
    writersMoveToEuw1();
    cwMock.on(cloudwatch.GetMetricStatisticsCommand).resolves({ Datapoints: [] });
    const state = await ensureWriter(env, inputs());
    expect(rdsMock.commandCalls(rds.SwitchoverGlobalClusterCommand)).toHaveLength(1);
    expect(rdsMock.commandCalls(rds.FailoverGlobalClusterCommand)).toHaveLength(0);
    expect(state.auroraAction).not.toBe("none");
  });

  test("with allowDataLoss a lag above the threshold does not refuse the failover (the writer's region is down)", async () => {
    writersMoveToEuw1();
    lagMs(120_000, 90_000);
    await ensureWriter(env, inputs({ allowDataLoss: true }));
    expect(rdsMock.commandCalls(rds.FailoverGlobalClusterCommand)).toHaveLength(1);
  });

  test("FailoverGlobalCluster with AllowDataLoss only when allowDataLoss is true", async () => {
    writersMoveToEuw1();
    cwMock.on(cloudwatch.GetMetricStatisticsCommand).resolves({ Datapoints: [] });
    const state = await ensureWriter(env, inputs({ allowDataLoss: true }));
    expect(rdsMock.commandCalls(rds.FailoverGlobalClusterCommand).map((c) => c.args[0].input)).toEqual([
      { GlobalClusterIdentifier: "prod-platform", TargetDbClusterIdentifier: EUW1, AllowDataLoss: true },
    ]);
    expect(rdsMock.commandCalls(rds.SwitchoverGlobalClusterCommand)).toHaveLength(0);
    expect(state.auroraAction).toBe("failover");
  });

  test("waits no longer than timeoutSeconds, then says what to do", async () => {
    rdsMock
      .on(rds.DescribeGlobalClustersCommand)
      .resolvesOnce(aurora("us-east-1"))
      .resolves(aurora("us-east-1", "switching-over"));
    ecMock.on(elasticache.DescribeGlobalReplicationGroupsCommand).resolves(cache("eu-west-1"));
    lagMs(100);
    await expect(ensureWriter(env, inputs({ timeoutSeconds: 30 }))).rejects.toThrow(
      "The writer did not reach eu-west-1 within 30 s: Aurora writer in us-east-1 (switching-over), cache primary in eu-west-1 (available).",
    );
    expect(sleeps).toEqual([10_000, 10_000, 10_000]);
  });

  test("a writer region without a member is refused with what to do", async () => {
    rdsMock.on(rds.DescribeGlobalClustersCommand).resolves(aurora("us-east-1"));
    ecMock.on(elasticache.DescribeGlobalReplicationGroupsCommand).resolves(cache("us-east-1"));
    await expect(ensureWriter(env, inputs({ writerRegion: "ap-south-1" }))).rejects.toThrow(
      "platform:failover.writerRegion = \"ap-south-1\" but the Aurora global cluster prod-platform has no member there: apply ap-south-1's stack first (it adds the member), then the primary's again.",
    );
  });

  test("AWS errors are surfaced with what to do next", async () => {
    rdsMock.on(rds.DescribeGlobalClustersCommand).resolves(aurora("us-east-1"));
    ecMock.on(elasticache.DescribeGlobalReplicationGroupsCommand).resolves(cache("us-east-1"));
    lagMs(100);
    rdsMock
      .on(rds.SwitchoverGlobalClusterCommand)
      .rejects(new rds.InvalidGlobalClusterStateFault({ message: "Global cluster is busy", $metadata: {} }));
    await expect(ensureWriter(env, inputs())).rejects.toThrow(
      /^SwitchoverGlobalCluster \(to move the writer to eu-west-1\) was refused because a member is busy or not ready \(InvalidGlobalClusterStateFault: Global cluster is busy\): another switchover, failover or modification is in progress, or the members run different engine versions \(a managed switchover or failover needs the same major, minor and patch level/,
    );
    rdsMock
      .on(rds.SwitchoverGlobalClusterCommand)
      .rejects(Object.assign(new Error("not allowed"), { name: "AccessDeniedException" }));
    await expect(ensureWriter(env, inputs())).rejects.toThrow(
      /was denied \(AccessDeniedException: not allowed\)\. The identity running pulumi needs rds:DescribeGlobalClusters, rds:SwitchoverGlobalCluster/,
    );
  });
});

describe("diffWriter", () => {
  const base = inputs({ writerRegion: "us-east-1" });
  test("a new writer region is an update, never a replacement", () => {
    expect(diffWriter(base, { ...base, writerRegion: "eu-west-1" })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
  test("unchanged inputs: no change, whatever AWS did out of band", () => {
    expect(diffWriter(base, { ...base })).toEqual({ changes: false });
  });
});

/** The global cluster with an operation in progress towards `to`, and its own status. */
const auroraMoving = (
  writer: string,
  status: string,
  to: string,
): rds.DescribeGlobalClustersCommandOutput => {
  const out = aurora(writer);
  const g = out.GlobalClusters![0];
  return {
    ...out,
    GlobalClusters: [
      {
        ...g,
        FailoverState: {
          Status: status as rds.FailoverStatus,
          ToDbClusterArn: to === "eu-west-1" ? EUW1 : USE1,
        },
      },
    ],
  };
};
/** A cancelled move from `from` to `to`: both clusters going back (RDS API reference, FailoverState). */
const auroraCancelling = (
  writer: string,
  from: string,
  to: string,
): rds.DescribeGlobalClustersCommandOutput => {
  const out = aurora(writer);
  const arn = (r: string) => (r === "eu-west-1" ? EUW1 : USE1);
  return {
    ...out,
    GlobalClusters: [
      {
        ...out.GlobalClusters![0],
        FailoverState: { Status: "cancelling", FromDbClusterArn: arn(from), ToDbClusterArn: arn(to) },
      },
    ],
  };
};
const auroraStatus = (writer: string, status: string): rds.DescribeGlobalClustersCommandOutput => {
  const out = aurora(writer);
  return { ...out, GlobalClusters: [{ ...out.GlobalClusters![0], Status: status }] };
};
const cacheRefused = () =>
  ecMock.on(elasticache.FailoverGlobalReplicationGroupCommand).rejects(
    new elasticache.InvalidGlobalReplicationGroupStateFault({
      message: "The Global datastore is not available or in primary-only state.",
      $metadata: {},
    }),
  );

describe("a move that stops half-way (Aurora switched, the cache failover refused)", () => {
  /** Aurora's switchover is accepted, the datastore's failover refused; Aurora then runs towards eu-west-1. */
  async function halfDone(): Promise<WriterState & { interrupted?: boolean }> {
    rdsMock
      .on(rds.DescribeGlobalClustersCommand)
      .resolvesOnce(aurora("us-east-1"))
      .resolves(auroraMoving("us-east-1", "switching-over", "eu-west-1"));
    ecMock.on(elasticache.DescribeGlobalReplicationGroupsCommand).resolves(cache("us-east-1"));
    lagMs(100);
    cacheRefused();
    const error = await ensureWriter(env, inputs()).then(
      () => undefined,
      (e: unknown) => e as Error & { partialState?: WriterState },
    );
    expect(error?.message).toMatch(
      /^FailoverGlobalReplicationGroup \(to move the writer to eu-west-1\) was refused because a member is busy or not ready/,
    );
    expect(error?.message).toContain(
      "The move to eu-west-1 stopped half-way: Aurora writer in us-east-1 (switching-over), cache primary in us-east-1 (available). This is recorded, so the next pulumi up finishes it",
    );
    return error!.partialState!;
  }

  test("the error carries the state it left: Aurora going to eu-west-1, the cache primary still in us-east-1", async () => {
    const state = await halfDone();
    expect(rdsMock.commandCalls(rds.SwitchoverGlobalClusterCommand)).toHaveLength(1);
    expect(state).toEqual({
      ...inputs(),
      auroraWriterRegion: "eu-west-1",
      cachePrimaryRegion: "us-east-1",
      auroraAction: "switchover",
      cacheAction: "none",
      replicationLagSeconds: 0.1,
      interrupted: true,
    });
  });

  test("from that state, both the config revert and a retry with the same target are a change (never 'no diff')", async () => {
    const state = await halfDone();
    expect(diffWriter(state, inputs({ writerRegion: "us-east-1" })).changes).toBe(true);
    expect(diffWriter(state, inputs())).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    // Once both writers are recorded where the inputs say (a later apply or refresh), no change.
    expect(
      diffWriter({ ...state, cachePrimaryRegion: "eu-west-1" }, inputs({ writerRegion: "eu-west-1" })),
    ).toEqual({ changes: false });
  });

  test("the revert waits for the running switchover to end, then switches Aurora back and leaves the cache alone", async () => {
    await halfDone();
    rdsMock.reset();
    ecMock.reset();
    cwMock.reset();
    rdsMock
      .on(rds.DescribeGlobalClustersCommand)
      .resolvesOnce(auroraMoving("us-east-1", "switching-over", "eu-west-1"))
      .resolvesOnce(aurora("eu-west-1"))
      .resolvesOnce(aurora("eu-west-1"))
      .resolves(aurora("us-east-1"));
    ecMock.on(elasticache.DescribeGlobalReplicationGroupsCommand).resolves(cache("us-east-1"));
    cwMock.on(cloudwatch.GetMetricStatisticsCommand).resolves({ Datapoints: [] });
    const back = await ensureWriter(env, inputs({ writerRegion: "us-east-1" }));
    expect(rdsMock.commandCalls(rds.SwitchoverGlobalClusterCommand).map((c) => c.args[0].input)).toEqual([
      { GlobalClusterIdentifier: "prod-platform", TargetDbClusterIdentifier: USE1 },
    ]);
    expect(ecMock.commandCalls(elasticache.FailoverGlobalReplicationGroupCommand)).toHaveLength(0);
    expect(back).toMatchObject({
      auroraAction: "switchover",
      cacheAction: "none",
      auroraWriterRegion: "us-east-1",
      cachePrimaryRegion: "us-east-1",
    });
    expect(back).not.toHaveProperty("interrupted");
  });

  test("a cancelled move to the target is waited out (the writer goes back to FromDbClusterArn), then switched over", async () => {
    rdsMock
      .on(rds.DescribeGlobalClustersCommand)
      .resolvesOnce(auroraCancelling("us-east-1", "us-east-1", "eu-west-1"))
      .resolvesOnce(auroraCancelling("us-east-1", "us-east-1", "eu-west-1"))
      .resolvesOnce(aurora("us-east-1"))
      .resolves(aurora("eu-west-1"));
    ecMock
      .on(elasticache.DescribeGlobalReplicationGroupsCommand)
      .resolvesOnce(cache("us-east-1"))
      .resolvesOnce(cache("us-east-1"))
      .resolvesOnce(cache("us-east-1"))
      .resolves(cache("eu-west-1"));
    lagMs(100);
    const lines: string[] = [];
    const state = await ensureWriter({ ...env, log: (l) => lines.push(l) }, inputs());
    expect(lines[0]).toBe(
      "waiting for the Aurora cancelling in progress to end: Aurora writer in us-east-1 (cancelling), cache primary in us-east-1 (available)",
    );
    expect(rdsMock.commandCalls(rds.SwitchoverGlobalClusterCommand).map((c) => c.args[0].input)).toEqual([
      { GlobalClusterIdentifier: "prod-platform", TargetDbClusterIdentifier: EUW1 },
    ]);
    expect(state).toMatchObject({ auroraAction: "switchover", auroraWriterRegion: "eu-west-1" });
  });

  test("a half-done move whose Aurora half is cancelling records the writer where it goes back to", async () => {
    rdsMock
      .on(rds.DescribeGlobalClustersCommand)
      .resolvesOnce(aurora("us-east-1"))
      .resolves(auroraCancelling("us-east-1", "us-east-1", "eu-west-1"));
    ecMock.on(elasticache.DescribeGlobalReplicationGroupsCommand).resolves(cache("us-east-1"));
    lagMs(100);
    cacheRefused();
    const error = (await ensureWriter(env, inputs()).then(
      () => undefined,
      (e: unknown) => e,
    )) as { partialState?: WriterState };
    expect(error.partialState).toMatchObject({
      auroraWriterRegion: "us-east-1",
      cachePrimaryRegion: "us-east-1",
      interrupted: true,
    });
  });

  test("a datastore that is not available refuses a planned move before Aurora moves", async () => {
    rdsMock.on(rds.DescribeGlobalClustersCommand).resolves(aurora("us-east-1"));
    ecMock.on(elasticache.DescribeGlobalReplicationGroupsCommand).resolves(cache("us-east-1", "modifying"));
    lagMs(100);
    await expect(ensureWriter(env, inputs())).rejects.toThrow(
      'Refusing to move the writer to eu-west-1: the ElastiCache global datastore ldgnf-prod-platform is "modifying", and FailoverGlobalReplicationGroup needs it available; moving Aurora alone would split the writers.',
    );
    expect(rdsMock.commandCalls(rds.SwitchoverGlobalClusterCommand)).toHaveLength(0);
  });

  test("a region without a cache member is refused before Aurora moves", async () => {
    rdsMock.on(rds.DescribeGlobalClustersCommand).resolves(aurora("us-east-1"));
    const noEuw1 = cache("us-east-1");
    noEuw1.GlobalReplicationGroups![0].Members = noEuw1.GlobalReplicationGroups![0].Members!.slice(0, 1);
    ecMock.on(elasticache.DescribeGlobalReplicationGroupsCommand).resolves(noEuw1);
    await expect(ensureWriter(env, inputs())).rejects.toThrow(/has no member there/);
    expect(rdsMock.commandCalls(rds.SwitchoverGlobalClusterCommand)).toHaveLength(0);
  });

  test("the provider records the half-done state as a partial failure, with the serialized provider kept", async () => {
    rdsMock
      .on(rds.DescribeGlobalClustersCommand)
      .resolvesOnce(aurora("us-east-1"))
      .resolves(auroraMoving("us-east-1", "switching-over", "eu-west-1"));
    ecMock.on(elasticache.DescribeGlobalReplicationGroupsCommand).resolves(cache("us-east-1"));
    lagMs(100);
    cacheRefused();
    const news = { ...inputs(), __provider: "serialized provider" };
    const error = (await writerPlacementProvider.update!("prod-platform/" + GRG, {}, news).then(
      () => undefined,
      (e: unknown) => e,
    )) as { id?: string; properties?: Record<string, unknown>; reasons?: string[]; message: string };
    // @pulumi/pulumi cmd/dynamic-provider sends an error with `id` as ErrorResourceInitFailed.
    expect(error.id).toBe("prod-platform/" + GRG);
    expect(error.properties).toMatchObject({
      __provider: "serialized provider",
      writerRegion: "eu-west-1",
      auroraWriterRegion: "eu-west-1",
      cachePrimaryRegion: "us-east-1",
      interrupted: true,
    });
    expect(error.reasons).toEqual([error.message]);
    // The next diff from those recorded outputs is a change, with the config reverted or not.
    for (const writerRegion of ["us-east-1", "eu-west-1"]) {
      const diff = await writerPlacementProvider.diff!("id", error.properties!, {
        ...inputs({ writerRegion }),
        __provider: "serialized provider",
      });
      expect(diff.changes).toBe(true);
    }
  });

  test("an error before anything moved is not a partial failure (the recorded state is still true)", () => {
    const e = new Error("refused");
    expect(partialFailure(e, "id", {})).toBe(e);
  });
});

describe("an unplanned failover is done when the writer roles are in the target region (F9)", () => {
  test("with allowDataLoss, statuses other than available do not hold the apply; they are logged", async () => {
    rdsMock
      .on(rds.DescribeGlobalClustersCommand)
      .resolvesOnce(aurora("us-east-1"))
      .resolves(auroraStatus("eu-west-1", "modifying"));
    ecMock
      .on(elasticache.DescribeGlobalReplicationGroupsCommand)
      .resolvesOnce(cache("us-east-1", "primary-only"))
      .resolves(cache("eu-west-1", "primary-only"));
    lagMs(45_000);
    const lines: string[] = [];
    const state = await ensureWriter({ ...env, log: (l) => lines.push(l) }, inputs({ allowDataLoss: true }));
    expect(state).toMatchObject({
      auroraAction: "failover",
      cacheAction: "failover",
      auroraWriterRegion: "eu-west-1",
      cachePrimaryRegion: "eu-west-1",
    });
    expect(sleeps).toEqual([]);
    expect(lines).toEqual([
      "the writer role is in eu-west-1 (unplanned failover); not waiting for the aggregate status: Aurora writer in eu-west-1 [global cluster modifying], cache primary in eu-west-1 (primary-only)",
    ]);
  });

  test("with allowDataLoss, a failover still in progress with the writer not yet in the target is waited for", async () => {
    rdsMock
      .on(rds.DescribeGlobalClustersCommand)
      .resolvesOnce(aurora("us-east-1"))
      .resolvesOnce(auroraMoving("us-east-1", "failing-over", "eu-west-1"))
      .resolves(aurora("eu-west-1"));
    ecMock
      .on(elasticache.DescribeGlobalReplicationGroupsCommand)
      .resolvesOnce(cache("us-east-1"))
      .resolves(cache("eu-west-1"));
    lagMs(100);
    await ensureWriter(env, inputs({ allowDataLoss: true }));
    expect(sleeps).toEqual([10_000]);
  });

  test("with allowDataLoss, the writer in the target while Aurora still reports failing-over to it is done, and logged (F4)", async () => {
    // Whether FailoverState clears while the old primary's region cannot answer is not documented.
    rdsMock
      .on(rds.DescribeGlobalClustersCommand)
      .resolvesOnce(aurora("us-east-1"))
      .resolves(auroraMoving("eu-west-1", "failing-over", "eu-west-1"));
    ecMock
      .on(elasticache.DescribeGlobalReplicationGroupsCommand)
      .resolvesOnce(cache("us-east-1", "primary-only"))
      .resolves(cache("eu-west-1", "primary-only"));
    lagMs(45_000);
    const lines: string[] = [];
    const state = await ensureWriter({ ...env, log: (l) => lines.push(l) }, inputs({ allowDataLoss: true }));
    expect(sleeps).toEqual([]);
    expect(state).toMatchObject({ auroraAction: "failover", auroraWriterRegion: "eu-west-1" });
    expect(state).not.toHaveProperty("interrupted");
    expect(lines).toEqual([
      "the writer role is in eu-west-1 (unplanned failover); not waiting for the aggregate status or for Aurora's failing-over to clear: Aurora writer in eu-west-1 (failing-over), cache primary in eu-west-1 (primary-only)",
    ]);
  });

  test("a planned move waits for a switching-over to clear even with the writer already in the target", async () => {
    rdsMock
      .on(rds.DescribeGlobalClustersCommand)
      .resolvesOnce(aurora("us-east-1"))
      .resolvesOnce(auroraMoving("eu-west-1", "switching-over", "eu-west-1"))
      .resolves(aurora("eu-west-1"));
    ecMock
      .on(elasticache.DescribeGlobalReplicationGroupsCommand)
      .resolvesOnce(cache("us-east-1"))
      .resolves(cache("eu-west-1"));
    lagMs(100);
    await ensureWriter(env, inputs());
    expect(sleeps).toEqual([10_000]);
  });

  test("a planned move still waits for both stores to be available", async () => {
    rdsMock
      .on(rds.DescribeGlobalClustersCommand)
      .resolvesOnce(aurora("us-east-1"))
      .resolves(auroraStatus("eu-west-1", "modifying"));
    ecMock
      .on(elasticache.DescribeGlobalReplicationGroupsCommand)
      .resolvesOnce(cache("us-east-1"))
      .resolves(cache("eu-west-1"));
    lagMs(100);
    await expect(ensureWriter(env, inputs({ timeoutSeconds: 20 }))).rejects.toThrow(
      /^The writer did not reach eu-west-1 within 20 s: Aurora writer in eu-west-1 \[global cluster modifying\], cache primary in eu-west-1 \(available\)\./,
    );
  });
});

describe("the serialized provider", () => {
  test("captures the partial-failure path (the host runs the serialized text, not this module)", async () => {
    const { text } = await pulumi.runtime.serializeFunction(() => writerPlacementProvider, {
      allowSecrets: true,
    });
    expect(text).not.toMatch(/@pulumi\/pulumi/);
    expect(text).toMatch(/partialState/);
    expect(text).toMatch(/reasons: \[/);
    expect(text).toMatch(/olds\.interrupted === true/);
  });
});
