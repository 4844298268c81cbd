import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

export const MODERN_VIEWER_TLS = ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];

/**
 * A distribution with its own certificate speaks TLSv1.2_2021 or newer to viewers.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_174; cdk-nag CFR4.
 */
export const cloudfrontTls: ResourceValidationPolicy = {
  name: "edge-cloudfront-tls",
  description: "CloudFront distributions with a certificate must use TLSv1.2_2021 or newer.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (d, _args, reportViolation) => {
    const cert = d.viewerCertificate;
    if (!cert?.acmCertificateArn && !cert?.iamCertificateId) return;
    if (!MODERN_VIEWER_TLS.includes(cert.minimumProtocolVersion ?? "")) {
      reportViolation(
        `Distribution allows ${JSON.stringify(cert.minimumProtocolVersion ?? "TLSv1 (the default)")}: use ${MODERN_VIEWER_TLS.join(", ")}.`,
      );
    }
    if (cert.sslSupportMethod !== "sni-only")
      reportViolation(
        `Distribution uses sslSupportMethod ${JSON.stringify(cert.sslSupportMethod)}: use "sni-only".`,
      );
  }),
};
