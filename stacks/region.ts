/**
 * Turns a validated StackConfig into the components of one region stack.
 */
import * as pulumi from "@pulumi/pulumi";
import { EncryptionKey } from "../components/security/encryption-key";
import { Vpc, VpcPeering } from "../components/network";
import type { StackConfig } from "../src/config";
import { namePrefix } from "../src/naming";
import type { NetworkOutput } from "./outputs";
import { qualifiedStackName, readPeerNetwork } from "./peers";

/** Builds every resource of the region and returns the stack's outputs. */
export async function buildRegion(cfg: StackConfig): Promise<Record<string, unknown>> {
  const prefix = namePrefix(cfg.environment, cfg.region);
  const tags = cfg.tags;

  const logsKey = new EncryptionKey(`${prefix}-logs`, {
    purpose: "CloudWatch log groups of the region",
    accountId: cfg.accountId,
    region: cfg.region,
    servicePrincipals: ["logs"],
    protect: cfg.protect,
    tags,
  });

  const vpc = new Vpc(prefix, {
    cidr: cfg.network.cidr,
    region: cfg.region,
    availabilityZones: cfg.network.availabilityZones,
    natStrategy: cfg.network.natStrategy,
    interfaceEndpoints: cfg.network.interfaceEndpoints,
    flowLogKmsKeyArn: logsKey.arn,
    flowLogRetentionDays: cfg.network.flowLogRetentionDays,
    karpenterDiscovery: `${prefix}-eks`,
    tags,
  });

  // Peerings with every earlier stack; this (later) stack owns both sides.
  const peerings: Record<string, pulumi.Output<string>> = {};
  for (const [i, peer] of cfg.peers.entries()) {
    const ref = new pulumi.StackReference(`${prefix}-peer-${peer.stack.replace(/\//g, "-")}`, {
      name: qualifiedStackName(peer.stack),
    });
    const remote = await readPeerNetwork(peer, i, ref);
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
    peerings[peer.stack] = peering.connectionId;
  }

  const network: pulumi.Output<NetworkOutput> = pulumi.output({
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

  return {
    role: cfg.role,
    region: cfg.region,
    network,
    logsKeyArn: logsKey.arn,
    peeringConnectionIds: peerings,
  };
}
