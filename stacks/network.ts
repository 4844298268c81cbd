import * as pulumi from "@pulumi/pulumi";
import { Vpc, VpcPeering } from "../components/network";
import type { StackConfig } from "../src/config";
import type { Tags } from "../components/lib/tags";
import type { NetworkOutput } from "./outputs";
import type { Peer } from "./peers";

/** The region's VPC and its peerings with every earlier stack (this stack owns both sides). */
export function buildNetwork(
  cfg: StackConfig,
  prefix: string,
  logsKeyArn: pulumi.Input<string>,
  peers: readonly Peer[],
  tags: Tags,
) {
  const vpc = new Vpc(prefix, {
    cidr: cfg.network.cidr,
    region: cfg.region,
    availabilityZones: cfg.network.availabilityZones,
    natStrategy: cfg.network.natStrategy,
    interfaceEndpoints: cfg.network.interfaceEndpoints,
    flowLogKmsKeyArn: logsKeyArn,
    flowLogRetentionDays: cfg.network.flowLogRetentionDays,
    karpenterDiscovery: `${prefix}-eks`,
    tags,
  });

  const peeringConnectionIds: Record<string, pulumi.Output<string>> = {};
  for (const { config: peer, network: remote } of peers) {
    const peering = new VpcPeering(`${prefix}-to-${remote.region}`, {
      requester: {
        region: cfg.region,
        vpcId: vpc.vpcId,
        cidr: cfg.network.cidr,
        routeTableIds: [...vpc.private.routeTableIds, ...vpc.isolated.routeTableIds],
        networkAclId: vpc.isolatedNetworkAclId,
      },
      accepter: {
        region: remote.region,
        accountId: cfg.accountId,
        vpcId: remote.vpcId,
        cidr: remote.cidr,
        routeTableIds: [...remote.privateRouteTableIds, ...remote.isolatedRouteTableIds],
        networkAclId: remote.isolatedNetworkAclId,
      },
      tags,
    });
    peeringConnectionIds[peer.stack] = peering.connectionId;
  }

  const output: pulumi.Output<NetworkOutput> = pulumi.output({
    region: cfg.region,
    vpcId: vpc.vpcId,
    cidr: cfg.network.cidr,
    publicSubnetIds: vpc.public.subnetIds,
    privateSubnetIds: vpc.private.subnetIds,
    isolatedSubnetIds: vpc.isolated.subnetIds,
    privateRouteTableIds: vpc.private.routeTableIds,
    isolatedRouteTableIds: vpc.isolated.routeTableIds,
    isolatedNetworkAclId: vpc.isolatedNetworkAclId,
  });
  return { vpc, peeringConnectionIds, output };
}
