import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AuroraCluster, CacheReplicationGroup, PeerDataAccess } from "../components/data";
import type { Tags } from "../components/lib/tags";
import type { Vpc } from "../components/network";
import { EncryptionKey } from "../components/security/encryption-key";
import { StoredSecret } from "../components/security/stored-secret";
import type { StackConfig } from "../src/config";
import { asDataOutput } from "./outputs";
import { readPeerSecret, type Peer } from "./peers";

/**
 * The data tier of a region: the region's own KMS key, its Aurora member and its ElastiCache
 * member; in the primary also the global objects (GlobalCluster, GlobalReplicationGroup) and the
 * generated credentials; in every later stack a copy of those credentials in its own region and
 * the rules that let it reach the earlier stacks' data stores over the peering.
 */
export async function buildData(
  cfg: StackConfig,
  prefix: string,
  vpc: Vpc,
  callers: readonly pulumi.Input<string>[],
  peers: readonly Peer[],
  tags: Tags,
) {
  const { aurora: a, cache: c } = cfg.data;
  const protect = cfg.protect;
  const key = new EncryptionKey(`${prefix}-data`, {
    purpose: "Aurora, ElastiCache, Performance Insights and Secrets Manager data of the region",
    accountId: cfg.accountId,
    region: cfg.region,
    protect,
    tags,
  });
  const access = { securityGroupIds: callers, peerCidrs: cfg.peers.map((p) => p.cidr) };
  const common = { vpcId: vpc.vpcId, subnetIds: vpc.isolated.subnetIds, access, protect, tags };
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

  if (cfg.role === "primary") {
    const global = new aws.rds.GlobalCluster(
      `${cfg.environment}-aurora-global`,
      {
        globalClusterIdentifier: `${cfg.environment}-platform`,
        engine: "aurora-postgresql",
        engineVersion: a.engineVersion,
        databaseName: a.databaseName,
        storageEncrypted: true,
        deletionProtection: true,
      },
      { protect, ignoreChanges: ["engineVersion"] },
    );
    const master = new StoredSecret(`${prefix}-aurora-master`, {
      description:
        "Aurora global database master credentials (generated; global members cannot use RDS-managed passwords)",
      kmsKeyArn: key.arn,
      username: a.masterUsername,
      protect,
      tags,
    });
    const aurora = new AuroraCluster(`${prefix}-aurora`, {
      ...auroraArgs,
      globalClusterIdentifier: global.globalClusterIdentifier,
      master: { username: a.masterUsername, password: master.value },
      proxy: a.rdsProxy ? { secretArn: master.arn } : undefined,
    });
    const authToken = new StoredSecret(`${prefix}-cache-auth`, {
      description: "ElastiCache AUTH token",
      kmsKeyArn: key.arn,
      length: 64,
      protect,
      tags,
    });
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
    const globalCache = new aws.elasticache.GlobalReplicationGroup(
      `${cfg.environment}-cache-global`,
      {
        globalReplicationGroupIdSuffix: `${cfg.environment}-platform`,
        globalReplicationGroupDescription: "The platform's global datastore",
        primaryReplicationGroupId: cache.group.id,
      },
      // Promotion is an API call (FailoverGlobalReplicationGroup); the provider would replace the
      // datastore on a changed primary, so the input is ignored once created.
      { protect, ignoreChanges: ["primaryReplicationGroupId"] },
    );
    // Published only once the writer instance exists: a secondary that reads it joins a ready cluster.
    const writer = aurora.instances[0];
    const readyId = pulumi.all([global.globalClusterIdentifier, writer.arn]).apply(([id]) => id);
    return {
      data: dataOutput(
        aurora,
        cache,
        { aurora: master, cache: authToken },
        {
          globalClusterIdentifier: readyId,
          globalWriterEndpoint: global.endpoint,
          globalReplicationGroupId: globalCache.globalReplicationGroupId,
        },
      ),
      auroraMasterPassword: master.value,
      cacheAuthToken: authToken.value,
    };
  }

  // Each earlier stack's data output, read once: the primary's to join, every one's to reach it.
  const peerData = await Promise.all(
    peers.map(async (peer) => {
      const details = await peer.ref.getOutputDetails("data");
      return { peer, data: asDataOutput(peer.config.stack, details.value ?? details.secretValue) };
    }),
  );
  const primary = peers.find((p) => p.config.role === "primary")!;
  const primaryData = peerData.find((d) => d.peer === primary)!.data;
  const master = new StoredSecret(`${prefix}-aurora-master`, {
    description: "Aurora global database master credentials (a regional copy of the primary's)",
    kmsKeyArn: key.arn,
    username: a.masterUsername,
    value: await readPeerSecret(primary, "auroraMasterPassword"),
    protect,
    tags,
  });
  const authToken = new StoredSecret(`${prefix}-cache-auth`, {
    description: "ElastiCache AUTH token (a regional copy of the primary's)",
    kmsKeyArn: key.arn,
    value: await readPeerSecret(primary, "cacheAuthToken"),
    protect,
    tags,
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
  for (const { peer, data } of peerData) {
    new PeerDataAccess(`${prefix}-data-from-${peer.network.region}`, {
      region: peer.network.region,
      cidr: cfg.network.cidr,
      stores: [
        { name: "aurora-postgresql", securityGroupId: data.aurora.securityGroupId, port: 5432 },
        { name: "elasticache", securityGroupId: data.cache.securityGroupId, port: 6379 },
      ],
      tags,
    });
  }
  return {
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
) {
  return {
    aurora: {
      globalClusterIdentifier: global.globalClusterIdentifier,
      globalWriterEndpoint: global.globalWriterEndpoint,
      readerEndpoint: aurora.readerEndpoint,
      securityGroupId: aurora.securityGroupId,
      secretArn: secrets.aurora.arn,
      port: 5432,
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
