import type { Policies } from "@pulumi/policy";
import { defaultSecurityGroupClosed } from "./default-security-group-closed";
import { noPublicIpOutsidePublicTier } from "./no-public-ip-outside-public-tier";
import { peeringRoutesPeerCidrOnly } from "./peering-routes-peer-cidr-only";
import { securityGroupOpenIngress } from "./security-group-open-ingress";
import { vpcFlowLogs } from "./vpc-flow-logs";
import { flowLogsAllTraffic } from "./flow-logs-all-traffic";
import { isolatedNaclClosed } from "./isolated-nacl-closed";
import { dataEgressNotWorld } from "./data-egress-not-world";

/** The network security layer. */
export const networkPolicies: Policies = [
  vpcFlowLogs,
  defaultSecurityGroupClosed,
  noPublicIpOutsidePublicTier,
  peeringRoutesPeerCidrOnly,
  securityGroupOpenIngress,
  flowLogsAllTraffic,
  isolatedNaclClosed,
  dataEgressNotWorld,
];
