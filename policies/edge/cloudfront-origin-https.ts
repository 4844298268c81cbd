import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, asObject } from "../lib/values";
import { originsOf } from "./cloudfront";

/**
 * CloudFront talks HTTPS (TLS 1.2) to custom origins.
 *
 * Catalogue counterparts (policies/catalog.ts): cdk-nag CFR5.
 */
export const cloudfrontOriginHttps: ResourceValidationPolicy = {
  name: "edge-cloudfront-origin-https",
  description: "CloudFront must use HTTPS with TLS 1.2 to custom origins.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!args.isType(aws.cloudfront.Distribution)) return;
    for (const o of originsOf(args.props)) {
      const custom = asObject(o.customOriginConfig);
      if (Object.keys(custom).length === 0) continue;
      if (custom.originProtocolPolicy !== "https-only") {
        reportViolation(
          `Origin "${String(o.originId)}" uses ${JSON.stringify(custom.originProtocolPolicy)}: set originProtocolPolicy = "https-only".`,
        );
      }
      const old = asArray<string>(custom.originSslProtocols).filter((p) => p !== "TLSv1.2");
      if (old.length > 0)
        reportViolation(`Origin "${String(o.originId)}" allows ${old.join(", ")}: allow only TLSv1.2.`);
    }
  },
};
