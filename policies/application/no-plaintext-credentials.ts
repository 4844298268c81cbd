import type { ResourceValidationPolicy } from "@pulumi/policy";

/** Patterns of credentials that must never be a plain input. */
export const CREDENTIAL_PATTERNS: readonly { what: string; pattern: RegExp }[] = [
  // IAM access key IDs: AKIA (long-term) and ASIA (temporary) plus 16 upper-case letters or digits
  // (IAM User Guide, "Understanding unique ID prefixes").
  { what: "an AWS access key ID", pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { what: "a private key", pattern: /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/ },
  {
    what: "a password assignment",
    pattern: /\b[A-Za-z_]*(password|passwd|secret_access_key)\s*[:=]\s*["']?[^\s"'$]{4,}/i,
  },
];

/** A string, and the text it carries when it is base64 (user data usually is). */
function texts(s: string): string[] {
  const out = [s];
  if (s.length >= 16 && /^[A-Za-z0-9+/=\s]+$/.test(s)) {
    const decoded = Buffer.from(s, "base64").toString("utf8");
    if (!decoded.includes("\uFFFD")) out.push(decoded);
  }
  return out;
}

function* stringsOf(v: unknown, path: string): Generator<[string, string]> {
  if (typeof v === "string") yield [path, v];
  else if (Array.isArray(v)) for (const [i, x] of v.entries()) yield* stringsOf(x, `${path}[${i}]`);
  else if (v !== null && typeof v === "object")
    for (const [k, x] of Object.entries(v)) yield* stringsOf(x, path ? `${path}.${k}` : k);
}

/**
 * No plain input of any resource carries a credential: an AWS access key ID, a PEM private key, or
 * a password assignment (`password=...`, `DB_PASSWORD: ...`), in any string input, base64 ones
 * (user data) decoded. Credentials belong in Secrets Manager and reach instances through their
 * role; secret outputs of the program are redacted from the plan and never match.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_46; cdk-nag none.
 */
export const noPlaintextCredentials: ResourceValidationPolicy = {
  name: "application-no-plaintext-credentials",
  description:
    "No resource input (user data included) may carry an access key ID, a private key or a password in plain text.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    for (const [path, value] of stringsOf(args.props, "")) {
      for (const text of texts(value)) {
        const hit = CREDENTIAL_PATTERNS.find((c) => c.pattern.test(text));
        if (hit) {
          reportViolation(
            `Input ${path} carries ${hit.what} in plain text: keep credentials in Secrets Manager and read them at run time.`,
          );
          break;
        }
      }
    }
  },
};
