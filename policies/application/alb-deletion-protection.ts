import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isTrue } from "../lib/values";

/** Both tokens of an Elastic Load Balancing v2 load balancer (`aws.lb` and its `aws.alb` alias). */
const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];

/**
 * Load balancers (application, network and gateway) have deletion protection on: it is off by
 * default (`enableDeletionProtection`; ELB User Guide for Application Load Balancers, "Deletion
 * protection"), and a deleted load balancer takes its DNS name, which Route 53 and CloudFront
 * point at, with it.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_150; cdk-nag none.
 */
export const albDeletionProtection: ResourceValidationPolicy = {
  name: "application-alb-deletion-protection",
  description: "Load balancers must have deletion protection enabled.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!LOAD_BALANCERS.includes(args.type)) return;
    if (!isTrue(args.props.enableDeletionProtection)) {
      reportViolation(
        `Load balancer has no deletion protection (enableDeletionProtection = ${JSON.stringify(args.props.enableDeletionProtection)}): set it to true.`,
      );
    }
  },
};
