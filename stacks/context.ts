/**
 * The region context: built once per stack from its validated config, and handed to every
 * builder. It holds the name prefix, the tags and everything the stack needs from earlier stacks,
 * read once, through StackReferences, and parsed with the contract (stacks/contract.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../components/lib/tags";
import type { PeerConfig, StackConfig } from "../src/config";
import { namePrefix } from "../src/naming";
import {
  failoverOutputSchema,
  parseStackOutput,
  dataOutputSchema,
  networkOutputSchema,
  readPrimaryShare,
  readStackOutput,
  StackOutputError,
  tiersOutputSchema,
  type DataOutput,
  type NetworkOutput,
  type TiersOutput,
} from "./contract";

/** An earlier stack this stack reads: its config entry, its reference and its parsed outputs. */
export interface PeerStack {
  readonly config: PeerConfig;
  readonly ref: pulumi.StackReference;
  readonly network: NetworkOutput;
  /** Its tiers: the app tier's security group gets egress to this stack's data ports. */
  readonly tiers: TiersOutput;
  readonly data: DataOutput;
}

/**
 * What a secondary stack takes from the primary (secrets stay Pulumi secrets). The database and
 * cache credentials are not among them: the secondary replicates the primary's secrets into its
 * own region (stacks/data.ts), from their ARNs in the primary's `data` output.
 */
export interface FromPrimary {
  readonly stack: PeerStack;
  readonly originVerifySecret: pulumi.Output<string>;
}

/** Everything a builder needs to know about the region stack it builds. */
export interface RegionContext {
  readonly cfg: StackConfig;
  /** The stack's region (`aws:region`): passed to every resource that takes one. */
  readonly region: string;
  /** Name prefix of the region's resources, e.g. "prod-use1". */
  readonly prefix: string;
  /** Tags of every taggable resource. */
  readonly tags: Tags;
  /** Protect stateful resources. */
  readonly protect: boolean;
  /** The earlier stacks, in config order. */
  readonly peers: readonly PeerStack[];
  /** On a secondary: the primary and what it hands over. Absent on the primary. */
  readonly primary?: FromPrimary;
}

/** A peer stack's StackReference name: as given when qualified, else `<org>/<project>/<stack>`. */
export function qualifiedStackName(stack: string): string {
  if (stack.includes("/")) return stack;
  const org = pulumi.getOrganization() || "organization";
  return `${org}/${pulumi.getProject()}/${stack}`;
}

/** Checks a peer's real CIDR and region against what config declares. */
function checkDeclared(peer: PeerConfig, index: number, network: NetworkOutput): void {
  if (network.cidr !== peer.cidr) {
    throw new StackOutputError(
      `platform:peers[${index}].cidr = "${peer.cidr}" but stack "${peer.stack}" has VPC CIDR "${network.cidr}": ` +
        `expected the peer's real CIDR`,
    );
  }
  if (network.region !== peer.region) {
    throw new StackOutputError(
      `platform:peers[${index}].region = "${peer.region}" but stack "${peer.stack}" is in "${network.region}": ` +
        `expected the peer's real region`,
    );
  }
}

/**
 * Checks an earlier stack's failover output against this stack's config: both must expect the
 * writer in the same region, share the failover order and scale the writer's readers alike
 * (src/plan/stack-set.ts checks the stack files the same way, offline). A stack applied by an
 * older program has no such output, or no `readerAutoscaling` in it.
 */
export function checkFailover(
  cfg: Pick<StackConfig, "failover"> & {
    readonly data: { readonly aurora: Pick<StackConfig["data"]["aurora"], "readerAutoscaling"> };
  },
  peer: string,
  value: unknown,
  warn: (message: string) => void = (m) => void pulumi.log.warn(m),
): void {
  if (value === undefined || value === null) return;
  const theirs = parseStackOutput(peer, "failover", value, failoverOutputSchema);
  // An unplanned failover (allowDataLoss) is declared while an earlier stack may be unreachable:
  // its output cannot catch up until its region returns, and this stack must still apply
  // (docs/failover.md, "When us-east-1 itself is down"). Planned changes stay refused.
  const refuse = (message: string) => {
    if (!cfg.failover.allowDataLoss) throw new StackOutputError(message);
    warn(`${message}; accepted because platform:failover.allowDataLoss is true (an unplanned failover)`);
  };
  if (theirs.writerRegion !== cfg.failover.writerRegion) {
    refuse(
      `platform:failover.writerRegion = "${cfg.failover.writerRegion}" but stack "${peer}" was applied with "${theirs.writerRegion}": ` +
        `expected the same writer region in every stack file (apply the stacks in order after changing it in each)`,
    );
  }
  const { min, max, cpuTarget } = cfg.data.aurora.readerAutoscaling;
  const scaling = JSON.stringify({ min, max, cpuTarget });
  if (theirs.readerAutoscaling && JSON.stringify(theirs.readerAutoscaling) !== scaling) {
    // The writer region's stack registers the target with its own file's values: they must be
    // the ones the other stacks were applied with (the stack-set rule "every stack file scales
    // the writer's readers like the primary", offline).
    refuse(
      `platform:data.aurora.readerAutoscaling resolves to ${scaling} but stack "${peer}" was applied with ` +
        `${JSON.stringify(theirs.readerAutoscaling)}: expected the same reader Auto Scaling in every stack file ` +
        `(it follows the writer region)`,
    );
  }
  const ours = cfg.failover.order ?? [];
  if (theirs.order.length > 0 && ours.length > 0 && JSON.stringify(theirs.order) !== JSON.stringify(ours)) {
    throw new StackOutputError(
      `platform:failover.order = ${JSON.stringify(ours)} but stack "${peer}" was applied with ${JSON.stringify(theirs.order)}: ` +
        `expected the same failover order in every stack file`,
    );
  }
}

/** Opens a StackReference to a peer and reads what this stack needs of it. */
async function readPeer(
  cfg: StackConfig,
  prefix: string,
  config: PeerConfig,
  index: number,
): Promise<PeerStack> {
  const ref = new pulumi.StackReference(`${prefix}-peer-${config.stack.replace(/\//g, "-")}`, {
    name: qualifiedStackName(config.stack),
  });
  const network = await readStackOutput(config.stack, ref, "network", networkOutputSchema);
  checkDeclared(config, index, network);
  const data = await readStackOutput(config.stack, ref, "data", dataOutputSchema);
  const tiers = await readStackOutput(config.stack, ref, "tiers", tiersOutputSchema);
  checkFailover(cfg, config.stack, (await ref.getOutputDetails("failover")).value);
  return { config, ref, network, tiers, data };
}

/** Builds the region context: reads every peer stack once, in config order. */
export async function buildContext(cfg: StackConfig): Promise<RegionContext> {
  const prefix = namePrefix(cfg.environment, cfg.region);
  const peers: PeerStack[] = [];
  for (const [i, config] of cfg.peers.entries()) peers.push(await readPeer(cfg, prefix, config, i));

  let primary: FromPrimary | undefined;
  const primaryPeer = peers.find((p) => p.config.role === "primary");
  if (cfg.role !== "primary") {
    // Config validation guarantees a secondary lists exactly one primary.
    if (!primaryPeer) throw new Error(`stack "${cfg.stack}": no primary among platform:peers`);
    primary = {
      stack: primaryPeer,
      originVerifySecret: await readPrimaryShare(
        primaryPeer.config.stack,
        primaryPeer.ref,
        "originVerifySecret",
      ),
    };
  }
  return { cfg, region: cfg.region, prefix, tags: cfg.tags, protect: cfg.protect, peers, primary };
}

/** What a builder returns: the stack outputs it contributes and the handles later builders use. */
export interface Built<Outputs, Handles> {
  readonly outputs: Outputs;
  readonly handles: Handles;
}
