import { PeerDataAccess } from "../components/data";
import { PeerEgress } from "../components/network";
import { DATA_STORE, PORT } from "../src/conventions";
import type { Built, RegionContext } from "./context";

/** Ports an app tier may reach in a peer region: its database and its cache. */
export const PEER_DATA_PORTS: readonly number[] = [PORT.postgres, PORT.redis];

/**
 * Cross-region data access with every earlier stack, owned (like the peering) by this later
 * stack, so that each region's app tier reaches the other region's data stores wherever the
 * writer and the cache primary are after a switchover:
 *
 * - the earlier stack's data groups admit this VPC's CIDR (`PeerDataAccess`);
 * - the earlier stack's app instances may send to this VPC's CIDR on the data ports (`PeerEgress`).
 *
 * The other half lives in this stack's own components: its data groups admit the earlier CIDRs
 * (`dataSecurityGroup`'s peers), its app tier's egress to them (`Tier`'s peers); routes and
 * network ACL rules of both sides come with the peering (`VpcPeering`).
 */
export function buildCrossRegionAccess(
  ctx: RegionContext,
): Built<Record<string, never>, Record<string, never>> {
  const { cfg, prefix, tags } = ctx;
  for (const peer of ctx.peers) {
    const region = peer.network.region;
    new PeerDataAccess(`${prefix}-data-from-${region}`, {
      region,
      cidr: cfg.network.cidr,
      stores: [
        { name: DATA_STORE.aurora, securityGroupId: peer.data.aurora.securityGroupId },
        { name: DATA_STORE.cache, securityGroupId: peer.data.cache.securityGroupId },
      ],
      tags,
    });
    new PeerEgress(`${prefix}-app-egress-from-${region}`, {
      region,
      securityGroupId: peer.tiers.app.instanceSecurityGroupId,
      cidr: cfg.network.cidr,
      ports: PEER_DATA_PORTS,
      tags,
    });
  }
  return { outputs: {}, handles: {} };
}
