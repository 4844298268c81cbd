import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asObject } from "../lib/values";
import { isS3Origin, originsOf } from "./cloudfront";

/**
 * S3 origins are reached through Origin Access Control, not a public bucket or a legacy OAI.
 *
 * Catalogue counterparts (policies/catalog.ts): cdk-nag CFR7.
 */
export const cloudfrontS3Oac: ResourceValidationPolicy = {
  name: "edge-cloudfront-s3-oac",
  description: "CloudFront S3 origins must use Origin Access Control.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!args.isType(aws.cloudfront.Distribution)) return;
    for (const o of originsOf(args.props).filter(isS3Origin)) {
      if (!o.originAccessControlId)
        reportViolation(
          `S3 origin "${String(o.originId)}" has no originAccessControlId: reach the private bucket through Origin Access Control.`,
        );
      if (asObject(o.s3OriginConfig).originAccessIdentity)
        reportViolation(
          `S3 origin "${String(o.originId)}" uses a legacy origin access identity: replace it with Origin Access Control.`,
        );
    }
  },
};
