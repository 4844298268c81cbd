/** Helpers shared by the policies: regions, tags and peering metadata of planned resources. */
import type { PolicyProviderResource, PolicyResource } from "@pulumi/policy";
import { TAG } from "../../src/conventions";
import { tagValue } from "./values";

type Props = Record<string, unknown>;

/** The region a resource lands in: its own `region` input, else its provider's. */
export function regionOf(props: Props, provider: PolicyProviderResource | undefined): string | undefined {
  if (typeof props.region === "string") return props.region;
  const p: unknown = provider?.props?.region;
  return typeof p === "string" ? p : undefined;
}

/** The CIDRs and regions a peering connection joins, from the tags the VpcPeering component sets. */
export interface PeeringSides {
  requester: { region: string; cidr: string };
  accepter: { region: string; cidr: string };
}

export function peeringSides(r: PolicyResource): PeeringSides | undefined {
  const [rr, rc, ar, ac] = [TAG.requesterRegion, TAG.requesterCidr, TAG.accepterRegion, TAG.accepterCidr].map(
    (k) => tagValue(r.props, k),
  );
  if (!rr || !rc || !ar || !ac) return undefined;
  return { requester: { region: rr, cidr: rc }, accepter: { region: ar, cidr: ac } };
}

export const PEERING_TYPES: readonly string[] = [
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
  "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
];
