import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { regionOf } from "../lib/aws";

/**
 * CLOUDFRONT-scope web ACLs, and certificates used by CloudFront, exist only in us-east-1.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const cloudfrontUsEast1: ResourceValidationPolicy = {
  name: "preflight-cloudfront-us-east-1",
  description: "CLOUDFRONT-scope web ACLs and CloudFront viewer certificates must be in us-east-1.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.isType(aws.wafv2.WebAcl) && args.props.scope === "CLOUDFRONT") {
      const region = regionOf(args.props, args.provider);
      if (region !== "us-east-1")
        reportViolation(
          `CLOUDFRONT-scope web ACL is in ${String(region)}: create it in us-east-1 (region input "us-east-1").`,
        );
    }
    if (args.isType(aws.cloudfront.Distribution)) {
      const arn = (args.props.viewerCertificate as { acmCertificateArn?: unknown } | undefined)
        ?.acmCertificateArn;
      if (typeof arn === "string" && arn.startsWith("arn:") && arn.split(":")[3] !== "us-east-1") {
        reportViolation(
          `Viewer certificate is in ${arn.split(":")[3]}: CloudFront uses ACM certificates from us-east-1 only.`,
        );
      }
    }
  },
};
