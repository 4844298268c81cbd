import type { Policies } from "@pulumi/policy";
import { cloudfrontHsts } from "./cloudfront-hsts";
import { cloudfrontLogging } from "./cloudfront-logging";
import { cloudfrontOriginHttps } from "./cloudfront-origin-https";
import { cloudfrontS3Oac } from "./cloudfront-s3-oac";
import { cloudfrontTls } from "./cloudfront-tls";
import { cloudfrontViewerHttps } from "./cloudfront-viewer-https";
import { cloudfrontWaf } from "./cloudfront-waf";
import { s3AbortIncompleteUploads } from "./s3-abort-incomplete-uploads";
import { s3BlockPublicAccess } from "./s3-block-public-access";
import { s3Encryption } from "./s3-encryption";
import { s3TlsOnly } from "./s3-tls-only";
import { wafLogging } from "./waf-logging";
import { wafRules } from "./waf-rules";
import { wafRulesEnforced } from "./waf-rules-enforced";

/** The edge (application layer at the perimeter): CloudFront, WAF and S3. */
export const edgePolicies: Policies = [
  cloudfrontWaf,
  cloudfrontViewerHttps,
  cloudfrontTls,
  cloudfrontOriginHttps,
  cloudfrontS3Oac,
  cloudfrontLogging,
  wafRules,
  wafLogging,
  s3BlockPublicAccess,
  s3TlsOnly,
  s3Encryption,
  wafRulesEnforced,
  cloudfrontHsts,
  s3AbortIncompleteUploads,
];
