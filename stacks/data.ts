import * as pulumi from "@pulumi/pulumi";
import {
  AuroraCluster,
  PROXY_MIN_INSTANCES,
  CacheReplicationGroup,
  CredentialAccess,
  GlobalDatabase,
  GlobalDatastore,
  ReaderAutoscaling,
  WriterPlacement,
  type DataAccess,
} from "../components/data";
import { EncryptionKey } from "../components/security/encryption-key";
import { SecretReplica } from "../components/security/secret-replica";
import { StoredSecret } from "../components/security/stored-secret";
import { PORT } from "../src/conventions";
import { STANDBY_CACHE_REPLICAS } from "../src/config/defaults";
import type { Posture } from "../src/config/tiers";
import type { Built, RegionContext } from "./context";
import type { DataOutput, Deferred } from "./contract";
import type { FoundationHandles } from "./foundation";
import type { EksHandles } from "./eks";
import type { NetworkHandles } from "./network";
import type { TierHandles } from "./tiers";

/** Handles of the data tier. */
export interface DataHandles {
  readonly aurora: AuroraCluster;
  readonly cache: CacheReplicationGroup;
}

/** What the data tier contributes to the stack outputs. */
export interface DataOutputs {
  readonly data: Deferred<DataOutput>;
}

/** Where a region's applications and proxy find the credentials, and the key that encrypts them. */
interface RegionSecrets {
  readonly auroraSecretArn: pulumi.Input<string>;
  readonly cacheSecretArn: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
}

/**
 * The data tier of a region: the region's own KMS key, its Aurora member and its ElastiCache
 * member; in the primary also the global objects and the generated credentials (secrets without
 * replicas); in every secondary the primary's two secrets replicated into its own region under its
 * own data key (`SecretReplica`: the later stack owns what joins it to the earlier one, like the
 * peering), read there by its proxy and applications.
 */
export function buildData(
  ctx: RegionContext,
  {
    vpc,
    app,
    logsKey,
    eksNodeSecurityGroupId,
  }: Pick<NetworkHandles, "vpc"> &
    Pick<TierHandles, "app"> &
    FoundationHandles &
    Pick<EksHandles, "eksNodeSecurityGroupId">,
): Built<DataOutputs, DataHandles> {
  const { cfg, prefix, region, tags, protect } = ctx;
  const { aurora: a, cache: c } = cfg.data;
  const key = new EncryptionKey(`${prefix}-data`, {
    purpose: "Aurora, ElastiCache, Performance Insights and Secrets Manager data of the region",
    accountId: cfg.accountId,
    region,
    protect,
    tags,
  });
  const access: DataAccess = {
    callers: [
      { name: "app", securityGroupId: app.instanceSecurityGroupId },
      { name: "eks-nodes", securityGroupId: eksNodeSecurityGroupId },
    ],
    peers: cfg.peers.map((p) => ({ region: p.region, cidr: p.cidr })),
  };
  const common = { region, vpcId: vpc.vpcId, subnetIds: vpc.isolated.subnetIds, access, protect, tags };
  const auroraArgs = {
    ...common,
    kmsKeyArn: key.arn,
    engineVersion: a.engineVersion,
    instanceClass: a.instanceClass,
    backupRetentionDays: a.backupRetentionDays,
    logKmsKeyArn: logsKey.arn,
    accountId: cfg.accountId,
  };
  const cacheArgs = {
    ...common,
    replicas: cacheReplicas(c.replicas, cfg.posture),
    snapshotRetentionDays: c.snapshotRetentionDays,
  };

  if (!ctx.primary) {
    const secret = (
      name: string,
      description: string,
      extra: { username?: string; length?: number; rotatedOutOfBand?: boolean },
    ) =>
      new StoredSecret(`${prefix}-${name}`, {
        region,
        description,
        kmsKeyArn: key.arn,
        protect,
        tags,
        ...extra,
      });
    const global = new GlobalDatabase(`${cfg.environment}-aurora-global`, {
      region,
      identifier: `${cfg.environment}-platform`,
      engineVersion: a.engineVersion,
      databaseName: a.databaseName,
      protect,
      tags,
    });
    const master = secret(
      "aurora-master",
      "Aurora global database master credentials (generated; global members cannot use RDS-managed passwords; each secondary stack replicates it to its region)",
      { username: a.masterUsername, rotatedOutOfBand: true },
    );
    const aurora = new AuroraCluster(`${prefix}-aurora`, {
      ...auroraArgs,
      readers: a.readers,
      globalClusterIdentifier: global.identifier,
      master: { username: a.masterUsername, password: master.value, databaseName: a.databaseName },
      proxy: a.rdsProxy ? { secretArn: master.arn, secretKmsKeyArn: key.arn } : undefined,
    });
    const authToken = secret(
      "cache-auth",
      "ElastiCache AUTH token (each secondary stack replicates it to its region)",
      {
        length: 64,
      },
    );
    const cache = new CacheReplicationGroup(`${prefix}-cache`, {
      ...cacheArgs,
      member: {
        kind: "primary",
        engine: c.engine,
        engineVersion: c.engineVersion,
        nodeType: c.nodeType,
        kmsKeyArn: key.arn,
        authToken: authToken.value,
      },
    });
    const globalCache = new GlobalDatastore(`${cfg.environment}-cache-global`, {
      region,
      idSuffix: `${cfg.environment}-platform`,
      description: "The platform's global datastore",
      primaryReplicationGroupId: cache.group.id,
      engine: c.engine,
      engineVersion: c.engineVersion,
      cacheNodeType: c.nodeType,
      protect,
    });
    const secrets: RegionSecrets = {
      auroraSecretArn: master.arn,
      cacheSecretArn: authToken.arn,
      kmsKeyArn: key.arn,
    };
    grantApp(ctx, app, aurora, secrets);
    // Where the writer of both global stores should be: a planned switchover when it changes.
    const f = cfg.failover;
    const placement = new WriterPlacement(`${cfg.environment}-writer`, {
      globalClusterIdentifier: global.identifier,
      globalReplicationGroupId: globalCache.id,
      writerRegion: f.writerRegion,
      allowDataLoss: f.allowDataLoss,
      maxReplicationLagSeconds: f.maxReplicationLagSeconds,
      timeoutSeconds: f.switchoverTimeoutSeconds,
      dependsOn: [aurora.instances[0], globalCache.group],
    });
    // After the placement: when the writer comes back to this region, its cluster is a secondary
    // until the switchover has ended (docs/architecture.md, "Moving the reader Auto Scaling").
    scaleReaders(ctx, aurora, [placement]);
    // Published only once the writer instance exists: a secondary that reads it joins a ready cluster.
    const writer = aurora.instances[0];
    const readyId = pulumi.all([global.identifier, writer.arn]).apply(([id]) => id);
    return {
      outputs: {
        data: dataOutput(aurora, cache, secrets, {
          globalClusterIdentifier: readyId,
          globalWriterEndpoint: global.writerEndpoint,
          globalReplicationGroupId: globalCache.id,
          cacheWriterEndpoint: cacheWriterEndpoint(ctx, cache),
        }),
      },
      handles: { aurora, cache },
    };
  }

  const { primary } = ctx;
  const primaryData = primary.stack.data;
  // The primary's two secrets, replicated into this region under this region's data key. The
  // primary's secrets exist: it is applied first, and its `data` output names them.
  const replica = (name: string, primarySecretArn: string) =>
    new SecretReplica(`${prefix}-${name}-replica`, {
      region,
      primarySecretArn,
      primaryRegion: primary.stack.network.region,
      kmsKeyArn: key.arn,
      protect,
    });
  const secrets: RegionSecrets = {
    auroraSecretArn: replica("aurora-master", primaryData.aurora.secretArn).arn,
    cacheSecretArn: replica("cache-auth", primaryData.cache.secretArn).arn,
    kmsKeyArn: key.arn,
  };
  const aurora = new AuroraCluster(`${prefix}-aurora`, {
    ...auroraArgs,
    readers: secondaryReaders(a.readers, cfg.posture, a.rdsProxy),
    globalClusterIdentifier: primaryData.aurora.globalClusterIdentifier,
    proxy: a.rdsProxy
      ? { secretArn: secrets.auroraSecretArn, secretKmsKeyArn: secrets.kmsKeyArn }
      : undefined,
  });
  // Reader Auto Scaling while this region holds the writer (platform:failover.writerRegion). This
  // stack is applied after the primary's, whose WriterPlacement has moved the writer here.
  scaleReaders(ctx, aurora, []);
  const cache = new CacheReplicationGroup(`${prefix}-cache`, {
    ...cacheArgs,
    member: {
      kind: "secondary",
      globalReplicationGroupId: primaryData.cache.globalReplicationGroupId,
      kmsKeyArn: key.arn,
    },
  });
  grantApp(ctx, app, aurora, secrets);
  return {
    outputs: {
      data: dataOutput(aurora, cache, secrets, {
        globalClusterIdentifier: primaryData.aurora.globalClusterIdentifier,
        globalWriterEndpoint: primaryData.aurora.globalWriterEndpoint,
        globalReplicationGroupId: primaryData.cache.globalReplicationGroupId,
        cacheWriterEndpoint: cacheWriterEndpoint(ctx, cache),
      }),
    },
    handles: { aurora, cache },
  };
}

/**
 * The app tier's instance role may read this region's Aurora and cache secrets, decrypt them
 * through Secrets Manager, and connect through the proxy with IAM authentication (which the
 * proxy requires): exactly that, scoped to this region's resources.
 */
function grantApp(
  ctx: RegionContext,
  app: TierHandles["app"],
  aurora: AuroraCluster,
  secrets: RegionSecrets,
) {
  new CredentialAccess(`${ctx.prefix}-app-data-access`, {
    role: app.fleet.role.id,
    region: ctx.region,
    secretArns: [secrets.auroraSecretArn, secrets.cacheSecretArn],
    secretKmsKeyArn: secrets.kmsKeyArn,
    ...(aurora.proxyArn
      ? { proxy: { arn: aurora.proxyArn, dbUser: ctx.cfg.data.aurora.masterUsername } }
      : {}),
  });
}

/**
 * Instances of a secondary cluster: a fixed count (Aurora Auto Scaling is not supported on
 * secondaries of a global database). `active` runs what config asks; `warm-standby` and
 * `pilot-light` run one, never none: a headless secondary serves no reads, and a failover must
 * first add an instance to it. Behind an RDS Proxy, at least {@link PROXY_MIN_INSTANCES} in every
 * posture: after a switchover one instance of this cluster becomes the writer, and the proxy's
 * READ_ONLY endpoint needs a reader beside it ("When you create a new endpoint that is read-only,
 * RDS Proxy requires that the Aurora cluster has one or more reader DB instances ... any requests
 * to the reader endpoint fail": RDS Proxy guide, "Using reader endpoints with Aurora clusters").
 */
export function secondaryReaders(readers: number, posture: Posture, rdsProxy: boolean): number {
  const count = posture === "active" ? readers : Math.min(readers, 1);
  return rdsProxy ? Math.max(count, PROXY_MIN_INSTANCES) : count;
}

/**
 * Reader Auto Scaling of this region's Aurora cluster: only in the region that holds the writer
 * (`platform:failover.writerRegion`, the same in every stack file), because "Aurora global
 * databases currently don't support Aurora Auto Scaling for secondary DB clusters" (Aurora User
 * Guide, "Using Amazon Aurora Auto Scaling with Aurora replicas"). When the writer moves, the old
 * writer's stack deletes its target and the new writer's stack, applied after it, registers one
 * (docs/architecture.md, "After a switchover").
 */
export function readerScaling(ctx: Pick<RegionContext, "cfg" | "region">) {
  const { writerRegion } = ctx.cfg.failover;
  if (writerRegion !== ctx.region) return undefined;
  return { ...ctx.cfg.data.aurora.readerAutoscaling, writerRegion };
}

/**
 * The reader Auto Scaling of this region's cluster when it holds the writer ({@link readerScaling}),
 * registered after `after`. Its name (`<prefix>-aurora-readers`) is the target's, as when the target
 * was a child of the AuroraCluster.
 */
function scaleReaders(ctx: RegionContext, aurora: AuroraCluster, after: pulumi.Resource[]): void {
  const scaling = readerScaling(ctx);
  if (!scaling) return;
  new ReaderAutoscaling(`${ctx.prefix}-aurora-readers`, {
    region: ctx.region,
    cluster: aurora,
    ...scaling,
    after,
    tags: ctx.tags,
  });
}

/**
 * Replicas of a region's cache member: `active` runs what config asks; `warm-standby` and
 * `pilot-light` run {@link STANDBY_CACHE_REPLICAS}, never none (Multi-AZ with automatic failover
 * needs one replica). A member of a global datastore may have its own replica count: "Each
 * cluster in your global datastore can have a different number of read replicas" (ElastiCache
 * User Guide, global datastores, "Prerequisites and limitations"); the provider changes it with
 * IncreaseReplicaCount / DecreaseReplicaCount, not ModifyReplicationGroup, which members reject
 * (terraform-provider-aws replication_group.go update; acceptance test
 * TestAccElastiCacheReplicationGroup_GlobalReplicationGroupID_full raises a secondary member from
 * 2 to 3 nodes).
 */
export function cacheReplicas(replicas: number, posture: Posture): number {
  return posture === "active" ? replicas : Math.min(replicas, STANDBY_CACHE_REPLICAS);
}

/**
 * The primary endpoint of the global datastore member in the writer region
 * (`platform:failover.writerRegion`): after FailoverGlobalReplicationGroup "the secondary region
 * will become primary, and all other clusters will become secondary", which accept only reads
 * (ElastiCache API reference, FailoverGlobalReplicationGroup). Each member's own primary endpoint
 * is stable across failovers; the stack picks the writer region's: its own member's, or an
 * earlier stack's `data.cache.memberEndpoint` (a primary applied by an older program exports
 * only `writerEndpoint`, which was its own member's). When the writer region's stack is applied
 * after this one, this stack cannot read it (no cycle) and exports no writer endpoint.
 */
export function cacheWriterEndpoint(
  ctx: Pick<RegionContext, "cfg" | "region" | "peers">,
  cache: Pick<CacheReplicationGroup, "primaryEndpoint">,
): pulumi.Input<string> | undefined {
  const { writerRegion } = ctx.cfg.failover;
  if (writerRegion === ctx.region) return cache.primaryEndpoint;
  const peer = ctx.peers.find((p) => p.network.region === writerRegion);
  if (!peer) return undefined;
  return (
    peer.data.cache.memberEndpoint ??
    (peer.config.role === "primary" ? peer.data.cache.writerEndpoint : undefined)
  );
}

/** The `data` stack output, from this region's members and the global identifiers. */
function dataOutput(
  aurora: AuroraCluster,
  cache: CacheReplicationGroup,
  secrets: RegionSecrets,
  global: {
    globalClusterIdentifier: pulumi.Input<string>;
    globalWriterEndpoint: pulumi.Input<string>;
    globalReplicationGroupId: pulumi.Input<string>;
    /** The primary endpoint of the member in the writer region, when this stack can know it. */
    cacheWriterEndpoint: pulumi.Input<string> | undefined;
  },
): Deferred<DataOutput> {
  return {
    aurora: {
      globalClusterIdentifier: global.globalClusterIdentifier,
      globalWriterEndpoint: global.globalWriterEndpoint,
      readerEndpoint: aurora.readerEndpoint,
      securityGroupId: aurora.securityGroupId,
      secretArn: secrets.auroraSecretArn,
      port: PORT.postgres,
      // The proxy's default (read/write) endpoint, from every region: it works only in the region
      // that holds the writer at the time (the primary when the stacks are applied, the other
      // region after a switchover) and fails every request elsewhere. The READ_ONLY endpoint
      // serves reads in every region, in either role (the cluster always has a reader).
      ...(aurora.proxyEndpoint ? { proxyWriterEndpoint: aurora.proxyEndpoint } : {}),
      ...(aurora.proxyReaderEndpoint ? { proxyReaderEndpoint: aurora.proxyReaderEndpoint } : {}),
    },
    cache: {
      globalReplicationGroupId: global.globalReplicationGroupId,
      // Writes go to the datastore's primary member (the writer region's); a secondary member
      // answers READONLY. Absent when the writer region's stack is applied after this one.
      ...(global.cacheWriterEndpoint !== undefined ? { writerEndpoint: global.cacheWriterEndpoint } : {}),
      // This region's member: it takes writes while this region holds the datastore's primary.
      memberEndpoint: cache.primaryEndpoint,
      readerEndpoint: cache.readerEndpoint,
      securityGroupId: cache.securityGroupId,
      secretArn: secrets.cacheSecretArn,
      port: cache.port,
    },
  };
}
