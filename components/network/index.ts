export { Vpc, type VpcArgs, type NatStrategy, type TierOutputs } from "./vpc";
export { VpcPeering, type VpcPeeringArgs, type PeeringSide, type KeyedRouteTable } from "./peering";
export { subnetLayout, peerNaclRuleNumber, type ZoneSubnets } from "./layout";
export { PeerEgress, type PeerEgressArgs } from "./peer-egress";
