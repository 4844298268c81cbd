import type { StackValidationPolicy } from "@pulumi/policy";
import { BUCKET, configOf } from "./s3";

/**
 * Every bucket's policy denies requests that do not use TLS.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_379; cdk-nag S10.
 */
export const s3TlsOnly: StackValidationPolicy = {
  name: "edge-s3-tls-only",
  description: "S3 bucket policies must deny requests without TLS (aws:SecureTransport false).",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const b of args.resources.filter((r) => r.type === BUCKET)) {
      const denies = configOf(args.resources, b, "aws:s3/bucketPolicy:BucketPolicy").some((p) => {
        const doc =
          typeof p.props.policy === "string"
            ? (JSON.parse(p.props.policy) as {
                Statement?: { Effect?: string; Condition?: Record<string, Record<string, unknown>> }[];
              })
            : {};
        return (doc.Statement ?? []).some(
          (s) => s.Effect === "Deny" && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false",
        );
      });
      if (!denies)
        reportViolation(
          `Bucket "${b.name}" accepts requests without TLS: its policy must deny when aws:SecureTransport is false.`,
          b.urn,
        );
    }
  },
};
