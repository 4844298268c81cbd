import * as pulumi from "@pulumi/pulumi";
import type { PeerConfig } from "../src/config";
import { asNetworkOutput, type NetworkOutput } from "./outputs";

/** A peer stack's StackReference name: as given when qualified, else `<org>/<project>/<stack>`. */
export function qualifiedStackName(stack: string): string {
  if (stack.includes("/")) return stack;
  const org = pulumi.getOrganization() || "organization";
  return `${org}/${pulumi.getProject()}/${stack}`;
}

/**
 * Reads a peer's `network` output. The peer is an earlier stack, so its outputs exist and are
 * known at preview: the values are plain, and resource counts (one route per route table) are
 * fixed before anything is registered. Checks the peer's real CIDR and region against config.
 */
export async function readPeerNetwork(
  peer: PeerConfig,
  index: number,
  ref: pulumi.StackReference,
): Promise<NetworkOutput> {
  const details = await ref.getOutputDetails("network");
  const network = asNetworkOutput(peer.stack, details.value ?? details.secretValue);
  if (network.cidr !== peer.cidr) {
    throw new Error(
      `platform:peers[${index}].cidr = "${peer.cidr}" but stack "${peer.stack}" has VPC CIDR "${network.cidr}": ` +
        `expected the peer's real CIDR`,
    );
  }
  if (network.region !== peer.region) {
    throw new Error(
      `platform:peers[${index}].region = "${peer.region}" but stack "${peer.stack}" is in "${network.region}": ` +
        `expected the peer's real region`,
    );
  }
  return network;
}

/** An earlier stack this stack reads: its config entry, its reference and its network output. */
export interface Peer {
  readonly config: PeerConfig;
  readonly ref: pulumi.StackReference;
  readonly network: NetworkOutput;
}

/** Opens a StackReference to every peer and reads its network output, in config order. */
export async function readPeers(prefix: string, peers: readonly PeerConfig[]): Promise<Peer[]> {
  const result: Peer[] = [];
  for (const [i, config] of peers.entries()) {
    const ref = new pulumi.StackReference(`${prefix}-peer-${config.stack.replace(/\//g, "-")}`, {
      name: qualifiedStackName(config.stack),
    });
    result.push({ config, ref, network: await readPeerNetwork(config, i, ref) });
  }
  return result;
}

/** Reads a secret output of a peer stack; throws naming the stack and output when it is absent. */
export async function readPeerSecret(peer: Peer, output: string): Promise<pulumi.Output<string>> {
  const details = await peer.ref.getOutputDetails(output);
  const value: unknown = details.secretValue ?? details.value;
  if (typeof value !== "string" || value === "") {
    throw new Error(
      `Stack "${peer.config.stack}" has no "${output}" output: apply it before the stacks that list it in platform:peers`,
    );
  }
  return pulumi.secret(value);
}
