/** Rules of the VPC: Availability Zones of the stack's region, and peers that can really be peered. */
import { cidrsOverlap, parseCidr, type Ipv4Cidr } from "../cidr";
import { keyOf, show } from "../messages";
import { isObj, list, record, type RawStack } from "../raw";
import { zonesOf } from "../regions";
import { forEach, type RuleTable } from "../rule-table";

/** One entry of `platform:network.availabilityZones`, with the zones the region has. */
interface Zone {
  readonly az: unknown;
  readonly i: number;
  readonly region: string;
  readonly allowed: readonly string[];
  /** The entries before this one. */
  readonly earlier: readonly unknown[];
}

/** Every zone, when the region is known and the zones are a list. */
function zones(s: RawStack): Zone[] {
  const region = s.region;
  if (typeof region !== "string" || zonesOf(region).length === 0) return [];
  const azs = record(s.input.network).availabilityZones;
  if (!Array.isArray(azs)) return [];
  const allowed = zonesOf(region);
  return azs.map((az: unknown, i) => ({ az, i, region, allowed, earlier: azs.slice(0, i) }));
}

const ZONE_RULES: RuleTable<Zone> = [
  {
    name: "each Availability Zone is a zone of the stack's region",
    reads: ["aws:region", "platform:network.availabilityZones[i]"],
    when: (z) => typeof z.az === "string",
    fails: (z) => !z.allowed.includes(z.az as string),
    message: (z) =>
      `${keyOf(["network", "availabilityZones", z.i])} = ${show(z.az)} is not an Availability Zone of ${z.region}: ` +
      `expected one of ${z.allowed.map((a) => show(a)).join(", ")}`,
  },
  {
    name: "each Availability Zone is listed once",
    reads: ["platform:network.availabilityZones[i]"],
    fails: (z) => z.earlier.includes(z.az),
    message: (z) =>
      `${keyOf(["network", "availabilityZones", z.i])} = ${show(z.az)} is listed twice: expected each zone once`,
  },
];

/** A CIDR already claimed by this stack's VPC or an earlier peer. */
interface ClaimedCidr {
  readonly key: string;
  readonly text: string;
  readonly cidr: Ipv4Cidr;
}

/** One entry of `platform:peers`, with what it is checked against. */
interface Peer {
  readonly stack: string;
  readonly region: unknown;
  readonly role: unknown;
  readonly peer: Record<string, unknown>;
  readonly i: number;
  /** The peer's CIDR, when it is one. */
  readonly cidr: Ipv4Cidr | undefined;
  /** This stack's CIDR and the CIDRs of the peers before this one (those that are CIDRs). */
  readonly claimed: readonly ClaimedCidr[];
}

const cidrOf = (v: unknown) => (typeof v === "string" ? parseCidr(v) : undefined);

/** Every peer that is an object, in order. */
function peers(s: RawStack): Peer[] {
  const own = cidrOf(record(s.input.network).cidr);
  const claimed: ClaimedCidr[] = own
    ? [{ key: keyOf(["network", "cidr"]), text: String(record(s.input.network).cidr), cidr: own }]
    : [];
  const result: Peer[] = [];
  list(s.input.peers).forEach((peer, i) => {
    if (!isObj(peer)) return;
    const cidr = cidrOf(peer.cidr);
    result.push({
      stack: s.stack,
      region: s.region,
      role: s.input.role,
      peer,
      i,
      cidr,
      claimed: [...claimed],
    });
    if (cidr) claimed.push({ key: keyOf(["peers", i, "cidr"]), text: String(peer.cidr), cidr });
  });
  return result;
}

const at = (p: Peer, field: string) => keyOf(["peers", p.i, field]);

const PEER_RULES: RuleTable<Peer> = [
  {
    name: "a peer is another stack",
    reads: ["platform:peers[i].stack"],
    fails: (p) => p.peer.stack === p.stack,
    message: (p) =>
      `${at(p, "stack")} = ${show(p.peer.stack)} names this stack itself: expected another stack of the platform`,
  },
  {
    name: "a peer is in another region",
    reads: ["aws:region", "platform:peers[i].region"],
    when: (p) => typeof p.region === "string",
    fails: (p) => p.peer.region === p.region,
    message: (p) =>
      `${at(p, "region")} = ${show(p.peer.region)} is this stack's own region: expected a peer in another region`,
  },
  forEach(
    "each CIDR claimed before the peer's",
    (p: Peer) => {
      const cidr = p.cidr;
      return cidr ? p.claimed.map((other) => ({ ...p, cidr, other })) : [];
    },
    [
      {
        name: "peered CIDRs do not overlap",
        reads: ["platform:network.cidr", "platform:peers[i].cidr"],
        fails: (p) => cidrsOverlap(p.cidr, p.other.cidr),
        message: (p) =>
          `${at(p, "cidr")} = ${show(p.peer.cidr)} overlaps ${p.other.key} = ${show(p.other.text)}: ` +
          `peered VPCs need CIDRs that do not overlap`,
      },
    ],
  ),
  {
    name: "a primary stack has no primary peer",
    reads: ["platform:role", "platform:peers[i].role"],
    when: (p) => p.peer.role === "primary",
    fails: (p) => p.role === "primary",
    message: (p) =>
      `${at(p, "role")} = "primary" while ${keyOf(["role"])} = "primary": expected exactly one primary stack in the platform`,
  },
];

const primaryPeers = (s: RawStack) =>
  list(s.input.peers).filter((p) => isObj(p) && p.role === "primary").length;

/** Rules of `platform:network` and `platform:peers`, in the order they report. */
export const NETWORK_RULES: RuleTable<RawStack> = [
  forEach("each Availability Zone", zones, ZONE_RULES),
  forEach("each peer", peers, PEER_RULES),
  {
    name: "a secondary stack lists the primary among its peers",
    reads: ["platform:role", "platform:peers[i].role"],
    when: (s) => s.input.role === "secondary" && Array.isArray(s.input.peers),
    fails: (s) => primaryPeers(s) === 0,
    message: (s) =>
      `${keyOf(["peers"])} = ${show(s.input.peers)} has no stack with role "primary": ` +
      `expected a secondary stack to list the primary stack (applied before it) among its peers`,
  },
  {
    name: "at most one peer is primary",
    reads: ["platform:peers[i].role"],
    fails: (s) => primaryPeers(s) > 1,
    message: (s) =>
      `${keyOf(["peers"])} lists ${primaryPeers(s)} primary stacks: expected exactly one primary stack in the platform`,
  },
  {
    name: "the primary stack lists no peers",
    reads: ["platform:role", "platform:peers"],
    when: (s) => s.input.role === "primary",
    fails: (s) => list(s.input.peers).length > 0,
    message: (s) =>
      `${keyOf(["peers"])} = ${show(s.input.peers)} is not allowed on the primary stack: the primary is applied first, ` +
      `so expected an empty list (later stacks list it and own the peerings)`,
  },
];
