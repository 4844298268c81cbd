import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { opensTheWorld } from "../lib/cidr";

/**
 * An EKS cluster's API endpoint is private; a public endpoint is allowed only when restricted to
 * listed CIDRs, never the whole internet (EKS opens a public endpoint to 0.0.0.0/0 when it lists
 * none, and enables the public endpoint when `endpointPublicAccess` is left out).
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_38, CKV_AWS_39; cdk-nag EKS1.
 */
export const eksEndpointPrivate: ResourceValidationPolicy = {
  name: "eks-endpoint-private",
  description:
    "EKS clusters must have a private API endpoint, and a public one only if restricted to listed CIDRs other than 0.0.0.0/0.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, _args, reportViolation) => {
    const vpc = cluster.vpcConfig ?? { subnetIds: [] };
    if (vpc.endpointPrivateAccess !== true) {
      reportViolation(
        "The cluster's private API endpoint is off (vpcConfig.endpointPrivateAccess): set it to true, so nodes and operators in the VPC reach the API privately.",
      );
    }
    if (vpc.endpointPublicAccess === false) return;
    const cidrs = (vpc.publicAccessCidrs ?? []) as string[];
    if (cidrs.length === 0) {
      reportViolation(
        "The cluster's public API endpoint is open to 0.0.0.0/0 (endpointPublicAccess is not false and publicAccessCidrs lists nothing): set endpointPublicAccess = false, or list the CIDRs that may reach it.",
      );
    }
    // Judged by address space, not by spelling (policies/lib/cidr.ts): 0.0.0.0/1 and 128.0.0.0/1
    // open the endpoint as widely as 0.0.0.0/0.
    const wide = cidrs.filter((x) => opensTheWorld([x]));
    const open = wide.length > 0 ? wide : opensTheWorld(cidrs) ? [cidrs.join(" + ")] : [];
    for (const c of open) {
      reportViolation(
        `The cluster's public API endpoint admits ${c}: list only the CIDRs of operators and CI runners, or set endpointPublicAccess = false.`,
      );
    }
  }),
};
