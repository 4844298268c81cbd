/**
 * The subnet layout of a VPC: which CIDR each tier gets in each Availability Zone.
 *
 * The VPC block is split so that adding a zone at the end of the list never renumbers an
 * existing subnet:
 *   - private  (workloads, EKS pods): the first half, in 8 zone slots  (a /16 gives /20s, 4,096 addresses)
 *   - isolated (databases, caches):  the third quarter, in 8 slots       (a /16 gives /21s)
 *   - public   (load balancers, NAT): the fourth quarter, in 8 slots      (a /16 gives /21s)
 */
import { formatCidr, parseCidr, subnetOf } from "../../src/config/cidr";

export const MAX_ZONE_SLOTS = 8;

export interface ZoneSubnets {
  readonly availabilityZone: string;
  readonly public: string;
  readonly private: string;
  readonly isolated: string;
}

export function subnetLayout(vpcCidr: string, availabilityZones: readonly string[]): ZoneSubnets[] {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) throw new Error(`subnetLayout: "${vpcCidr}" is not an IPv4 network CIDR`);
  if (availabilityZones.length > MAX_ZONE_SLOTS) {
    throw new Error(`subnetLayout: ${availabilityZones.length} zones given, at most ${MAX_ZONE_SLOTS} fit`);
  }
  const privateTier = subnetOf(vpc, 1, 0);
  const isolatedTier = subnetOf(vpc, 2, 2);
  const publicTier = subnetOf(vpc, 2, 3);
  return availabilityZones.map((az, i) => ({
    availabilityZone: az,
    private: formatCidr(subnetOf(privateTier, 3, i)),
    isolated: formatCidr(subnetOf(isolatedTier, 3, i)),
    public: formatCidr(subnetOf(publicTier, 3, i)),
  }));
}

/**
 * A network ACL rule number for traffic from a peer VPC's CIDR, unique per CIDR across the
 * platform: VPC CIDRs are RFC 1918 blocks of /16 to /20 that never overlap, so the index of their
 * first /20 inside the RFC 1918 space (at most 4,368 blocks) is unique. Range 1000 to 5367; the
 * VPC's own rules use 100.
 */
export function peerNaclRuleNumber(cidr: string): number {
  const c = parseCidr(cidr);
  if (!c || c.prefix > 20) throw new Error(`peerNaclRuleNumber: "${cidr}" is not a /16 to /20 network CIDR`);
  const block = c.base >>> 12; // index of the /20
  const ranges: [string, number][] = [
    ["10.0.0.0/8", 4096],
    ["172.16.0.0/12", 256],
    ["192.168.0.0/16", 16],
  ];
  let offset = 0;
  for (const [text, size] of ranges) {
    const r = parseCidr(text)!;
    const first = r.base >>> 12;
    if (block >= first && block < first + size) return 1000 + offset + (block - first);
    offset += size;
  }
  throw new Error(`peerNaclRuleNumber: "${cidr}" is not inside RFC 1918 space`);
}
