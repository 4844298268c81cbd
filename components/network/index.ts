export { Vpc, type VpcArgs, type NatStrategy, type TierOutputs } from "./vpc";
export { VpcPeering, type VpcPeeringArgs, type PeeringSide } from "./peering";
export { subnetLayout, peerNaclRuleNumber, type ZoneSubnets } from "./layout";
