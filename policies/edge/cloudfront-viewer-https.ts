import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { behaviorsOf } from "./cloudfront";

/**
 * Every cache behavior redirects HTTP to HTTPS or refuses it.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_34.
 */
export const cloudfrontViewerHttps: ResourceValidationPolicy = {
  name: "edge-cloudfront-viewer-https",
  description: "CloudFront cache behaviors must redirect HTTP to HTTPS or allow HTTPS only.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!args.isType(aws.cloudfront.Distribution)) return;
    for (const b of behaviorsOf(args.props)) {
      if (b.viewerProtocolPolicy !== "redirect-to-https" && b.viewerProtocolPolicy !== "https-only") {
        reportViolation(
          `Cache behavior ${JSON.stringify(b.pathPattern ?? "(default)")} serves HTTP (viewerProtocolPolicy = ${JSON.stringify(b.viewerProtocolPolicy)}): use redirect-to-https or https-only.`,
        );
      }
    }
  },
};
