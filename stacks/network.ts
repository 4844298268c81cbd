import * as pulumi from "@pulumi/pulumi";
import { Vpc, VpcPeering, type KeyedRouteTable } from "../components/network";
import type { Built, RegionContext } from "./context";
import type { Deferred, NetworkOutput } from "./contract";
import type { FoundationHandles } from "./foundation";

/** Handles of the network: the VPC and the peerings this stack owns, by peer stack. */
export interface NetworkHandles {
  readonly vpc: Vpc;
  readonly peerings: Readonly<Record<string, VpcPeering>>;
}

/**
 * Route tables that reach a peer (private then isolated, in zone order), keyed "<tier>-<zone>".
 * `legacyIndex` is the position routes were named by before they were keyed. Without zone names
 * (an earlier stack applied by a program that did not export them), the routes keep their old
 * positional names, so nothing is renamed until that stack is applied again.
 */
export function peeredRouteTables(
  zones: readonly string[] | undefined,
  privateIds: readonly pulumi.Input<string>[],
  isolatedIds: readonly pulumi.Input<string>[],
): KeyedRouteTable[] {
  const all = [...privateIds, ...isolatedIds];
  if (!zones) return all.map((id, i) => ({ key: String(i), id }));
  const keyed = (tier: string, ids: readonly pulumi.Input<string>[], offset: number) =>
    ids.map((id, i) => ({ key: `${tier}-${zones[i]}`, id, legacyIndex: offset + i }));
  return [...keyed("private", privateIds, 0), ...keyed("isolated", isolatedIds, privateIds.length)];
}

/** The region's VPC and its peerings with every earlier stack (this stack owns both sides). */
export function buildNetwork(
  ctx: RegionContext,
  { logsKey }: FoundationHandles,
): Built<{ network: Deferred<NetworkOutput> }, NetworkHandles> {
  const { cfg, prefix } = ctx;
  const vpc = new Vpc(prefix, {
    cidr: cfg.network.cidr,
    region: ctx.region,
    accountId: cfg.accountId,
    availabilityZones: cfg.network.availabilityZones,
    natStrategy: cfg.network.natStrategy,
    interfaceEndpoints: cfg.network.interfaceEndpoints,
    flowLogKmsKeyArn: logsKey.arn,
    flowLogRetentionDays: cfg.network.flowLogRetentionDays,
    karpenterDiscovery: `${prefix}-eks`,
    tags: ctx.tags,
  });

  const peerings: Record<string, VpcPeering> = {};
  for (const { config: peer, network: remote } of ctx.peers) {
    peerings[peer.stack] = new VpcPeering(`${prefix}-to-${remote.region}`, {
      requester: {
        region: ctx.region,
        vpcId: vpc.vpcId,
        cidr: cfg.network.cidr,
        routeTables: peeredRouteTables(
          cfg.network.availabilityZones,
          vpc.private.routeTableIds,
          vpc.isolated.routeTableIds,
        ),
        networkAclId: vpc.isolatedNetworkAclId,
      },
      accepter: {
        region: remote.region,
        accountId: cfg.accountId,
        vpcId: remote.vpcId,
        cidr: remote.cidr,
        routeTables: peeredRouteTables(
          remote.availabilityZones,
          remote.privateRouteTableIds,
          remote.isolatedRouteTableIds,
        ),
        networkAclId: remote.isolatedNetworkAclId,
      },
      tags: ctx.tags,
    });
  }

  const network: Deferred<NetworkOutput> = {
    region: ctx.region,
    vpcId: vpc.vpcId,
    cidr: cfg.network.cidr,
    availabilityZones: [...cfg.network.availabilityZones],
    publicSubnetIds: vpc.public.subnetIds,
    privateSubnetIds: vpc.private.subnetIds,
    isolatedSubnetIds: vpc.isolated.subnetIds,
    privateRouteTableIds: vpc.private.routeTableIds,
    isolatedRouteTableIds: vpc.isolated.routeTableIds,
    isolatedNetworkAclId: vpc.isolatedNetworkAclId,
    peeringConnectionIds: Object.fromEntries(
      Object.entries(peerings).map(([stack, p]) => [stack, p.connectionId]),
    ),
  };
  return { outputs: { network }, handles: { vpc, peerings } };
}
