import * as pulumi from "@pulumi/pulumi";
import {
  AuroraCluster,
  CacheReplicationGroup,
  GlobalDatabase,
  GlobalDatastore,
  PeerDataAccess,
  type DataAccess,
} from "../components/data";
import { EncryptionKey } from "../components/security/encryption-key";
import { StoredSecret } from "../components/security/stored-secret";
import { DATA_STORE, PORT } from "../src/conventions";
import type { Built, RegionContext } from "./context";
import type { DataOutput, Deferred } from "./contract";
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
  /** The generated credentials, handed to every later stack (primary only). */
  readonly auroraMasterPassword?: pulumi.Output<string>;
  readonly cacheAuthToken?: pulumi.Output<string>;
}

/**
 * The data tier of a region: the region's own KMS key, its Aurora member and its ElastiCache
 * member; in the primary also the global objects and the generated credentials; in every later
 * stack a copy of those credentials in its own region and the rules that let it reach the
 * earlier stacks' data stores over the peering.
 */
export function buildData(
  ctx: RegionContext,
  {
    vpc,
    app,
    eksNodeSecurityGroupId,
  }: Pick<NetworkHandles, "vpc"> & Pick<TierHandles, "app"> & Pick<EksHandles, "eksNodeSecurityGroupId">,
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
    readers: a.readers,
    readerAutoscaling: a.readerAutoscaling,
    backupRetentionDays: a.backupRetentionDays,
  };
  const cacheArgs = { ...common, replicas: c.replicas, snapshotRetentionDays: c.snapshotRetentionDays };
  const secret = (
    name: string,
    description: string,
    extra: { username?: string; length?: number; value?: pulumi.Input<string> },
  ) =>
    new StoredSecret(`${prefix}-${name}`, {
      region,
      description,
      kmsKeyArn: key.arn,
      protect,
      tags,
      ...extra,
    });

  if (!ctx.primary) {
    const global = new GlobalDatabase(`${cfg.environment}-aurora-global`, {
      region,
      identifier: `${cfg.environment}-platform`,
      engineVersion: a.engineVersion,
      databaseName: a.databaseName,
      protect,
    });
    const master = secret(
      "aurora-master",
      "Aurora global database master credentials (generated; global members cannot use RDS-managed passwords)",
      { username: a.masterUsername },
    );
    const aurora = new AuroraCluster(`${prefix}-aurora`, {
      ...auroraArgs,
      globalClusterIdentifier: global.identifier,
      master: { username: a.masterUsername, password: master.value },
      proxy: a.rdsProxy ? { secretArn: master.arn } : undefined,
    });
    const authToken = secret("cache-auth", "ElastiCache AUTH token", { length: 64 });
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
      protect,
    });
    // Published only once the writer instance exists: a secondary that reads it joins a ready cluster.
    const writer = aurora.instances[0];
    const readyId = pulumi.all([global.identifier, writer.arn]).apply(([id]) => id);
    return {
      outputs: {
        data: dataOutput(
          aurora,
          cache,
          { aurora: master, cache: authToken },
          {
            globalClusterIdentifier: readyId,
            globalWriterEndpoint: global.writerEndpoint,
            globalReplicationGroupId: globalCache.id,
          },
        ),
        auroraMasterPassword: master.value,
        cacheAuthToken: authToken.value,
      },
      handles: { aurora, cache },
    };
  }

  const { primary } = ctx;
  const primaryData = primary.stack.data;
  const master = secret(
    "aurora-master",
    "Aurora global database master credentials (a regional copy of the primary's)",
    { username: a.masterUsername, value: primary.auroraMasterPassword },
  );
  const authToken = secret("cache-auth", "ElastiCache AUTH token (a regional copy of the primary's)", {
    value: primary.cacheAuthToken,
  });
  const aurora = new AuroraCluster(`${prefix}-aurora`, {
    ...auroraArgs,
    globalClusterIdentifier: primaryData.aurora.globalClusterIdentifier,
    proxy: a.rdsProxy ? { secretArn: master.arn } : undefined,
  });
  const cache = new CacheReplicationGroup(`${prefix}-cache`, {
    ...cacheArgs,
    member: { kind: "secondary", globalReplicationGroupId: primaryData.cache.globalReplicationGroupId },
  });
  for (const peer of ctx.peers) {
    new PeerDataAccess(`${prefix}-data-from-${peer.network.region}`, {
      region: peer.network.region,
      cidr: cfg.network.cidr,
      stores: [
        { name: DATA_STORE.aurora, securityGroupId: peer.data.aurora.securityGroupId },
        { name: DATA_STORE.cache, securityGroupId: peer.data.cache.securityGroupId },
      ],
      tags,
    });
  }
  return {
    outputs: {
      data: dataOutput(
        aurora,
        cache,
        { aurora: master, cache: authToken },
        {
          globalClusterIdentifier: primaryData.aurora.globalClusterIdentifier,
          globalWriterEndpoint: primaryData.aurora.globalWriterEndpoint,
          globalReplicationGroupId: primaryData.cache.globalReplicationGroupId,
        },
      ),
    },
    handles: { aurora, cache },
  };
}

/** The `data` stack output, from this region's members and the global identifiers. */
function dataOutput(
  aurora: AuroraCluster,
  cache: CacheReplicationGroup,
  secrets: { aurora: StoredSecret; cache: StoredSecret },
  global: {
    globalClusterIdentifier: pulumi.Input<string>;
    globalWriterEndpoint: pulumi.Input<string>;
    globalReplicationGroupId: pulumi.Input<string>;
  },
): Deferred<DataOutput> {
  return {
    aurora: {
      globalClusterIdentifier: global.globalClusterIdentifier,
      globalWriterEndpoint: global.globalWriterEndpoint,
      readerEndpoint: aurora.readerEndpoint,
      securityGroupId: aurora.securityGroupId,
      secretArn: secrets.aurora.arn,
      port: PORT.postgres,
      ...(aurora.proxyEndpoint ? { proxyEndpoint: aurora.proxyEndpoint } : {}),
    },
    cache: {
      globalReplicationGroupId: global.globalReplicationGroupId,
      primaryEndpoint: cache.primaryEndpoint,
      readerEndpoint: cache.readerEndpoint,
      securityGroupId: cache.securityGroupId,
      secretArn: secrets.cache.arn,
      port: cache.port,
    },
  };
}
