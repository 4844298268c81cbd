import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { TAG } from "../../src/conventions";

/**
 * Only subnets of the public tier (tag `platform:tier=public`) may give instances public IPs on
 * launch. A private or isolated subnet that does is an internet-exposed one.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_130.
 */
export const noPublicIpOutsidePublicTier: ResourceValidationPolicy = {
  name: "network-no-public-ip-outside-public-tier",
  description: "Subnets outside the public tier must not map public IP addresses on launch.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.ec2.Subnet, (subnet, _args, reportViolation) => {
    const tier = subnet.tags?.[TAG.subnetTier];
    if (tier === "public") return;
    if (subnet.mapPublicIpOnLaunch === true) {
      reportViolation(
        `Subnet in tier "${tier ?? "(untagged)"}" sets mapPublicIpOnLaunch: only public-tier subnets may; set it to false.`,
      );
    }
    if (subnet.assignIpv6AddressOnCreation === true && subnet.enableDns64 !== true) {
      reportViolation(
        `Subnet in tier "${tier ?? "(untagged)"}" assigns globally routable IPv6 addresses on creation: set assignIpv6AddressOnCreation to false.`,
      );
    }
  }),
};
