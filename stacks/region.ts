/**
 * Turns a validated StackConfig into the components of one region stack.
 */
import { EncryptionKey } from "../components/security/encryption-key";
import type { StackConfig } from "../src/config";
import { namePrefix } from "../src/naming";
import { buildNetwork } from "./network";
import { readPeers } from "./peers";
import { buildTiers } from "./tiers";
import { buildData } from "./data";
import { buildEdge } from "./edge";

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
  const peers = await readPeers(prefix, cfg.peers);
  const network = buildNetwork(cfg, prefix, logsKey.arn, peers, tags);
  const { appSecurityGroupId, web, originSecret, ...tiers } = await buildTiers(
    cfg,
    prefix,
    network.vpc,
    peers,
    tags,
  );
  const data = await buildData(cfg, prefix, network.vpc, [appSecurityGroupId], peers, tags);
  const edge = buildEdge(cfg, prefix, web, originSecret, logsKey.arn, tags);

  return {
    role: cfg.role,
    region: cfg.region,
    posture: cfg.posture,
    network: network.output,
    logsKeyArn: logsKey.arn,
    peeringConnectionIds: network.peeringConnectionIds,
    ...tiers,
    ...data,
    ...edge,
  };
}
