import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { asObject, isTrue } from "../lib/values";
import { behaviorsOf } from "./cloudfront";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const HEADERS = "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy";
/** One year: what HSTS preload lists and checkov's rule ask for as the least max-age. */
export const HSTS_MIN_MAX_AGE = 31_536_000;

/** What a response headers policy's HSTS setting lacks (CloudFront API reference, ResponseHeadersPolicyStrictTransportSecurity). */
export function hstsGaps(props: Record<string, unknown>): string[] {
  const sts = asObject(asObject(props.securityHeadersConfig).strictTransportSecurity);
  if (Object.keys(sts).length === 0) return ["no strictTransportSecurity"];
  const gaps: string[] = [];
  const maxAge = Number(sts.accessControlMaxAgeSec);
  if (!(maxAge >= HSTS_MIN_MAX_AGE))
    gaps.push(
      `accessControlMaxAgeSec = ${JSON.stringify(sts.accessControlMaxAgeSec)} (at least ${HSTS_MIN_MAX_AGE})`,
    );
  if (!isTrue(sts.includeSubdomains)) gaps.push("includeSubdomains not true");
  if (!isTrue(sts.preload)) gaps.push("preload not true");
  // Without override, a Strict-Transport-Security header from the origin (a shorter max-age, say)
  // is passed on instead of the policy's (API reference: `Override`).
  if (!isTrue(sts.override)) gaps.push("override not true");
  return gaps;
}

/**
 * Viewers get HSTS on every response: every CloudFront response headers policy sends
 * Strict-Transport-Security with a max-age of at least a year, includeSubDomains, preload and
 * override; and every cache behavior of every distribution, the default and each ordered one on
 * its own, names by id a response headers policy of the stack that does so (the policy is what
 * sends the header: one that exists but is not attached does nothing, and a policy outside the
 * stack, an AWS-managed one say, cannot be judged). A behavior's id is matched against the
 * stack's policies' `id` (the engine sends AnalyzeStack each resource's outputs, `id` included);
 * only where a policy's id is not known is the behavior's input dependency on it accepted instead.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_259; cdk-nag none.
 */
export const cloudfrontHsts: StackValidationPolicy = {
  name: "edge-cloudfront-hsts",
  description:
    "CloudFront response headers policies must send HSTS (a year or more, subdomains, preload, override), and every cache behavior must use one.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const policies = args.resources.filter((r) => r.type === HEADERS);
    const idOf = (h: PolicyResource) =>
      typeof h.props.id === "string" && h.props.id !== "" ? h.props.id : undefined;
    const byId = new Map<string, PolicyResource>();
    for (const h of policies) {
      const gaps = hstsGaps(h.props);
      const id = idOf(h);
      if (id !== undefined) byId.set(id, h);
      if (gaps.length > 0)
        reportViolation(
          `Response headers policy "${h.name}" does not enforce HSTS: ${gaps.join(", ")}. Set securityHeadersConfig.strictTransportSecurity { accessControlMaxAgeSec: ${HSTS_MIN_MAX_AGE} or more, includeSubdomains: true, preload: true, override: true }.`,
          h.urn,
        );
    }
    for (const d of args.resources.filter((r) => r.type === DISTRIBUTION)) {
      // Fallback only: a stack policy whose id is not known, that this input depends on.
      const unknownIdOf = (input: string): PolicyResource[] =>
        (d.propertyDependencies[input] ?? []).filter((r) => r.type === HEADERS && idOf(r) === undefined);
      const behaviors = behaviorsOf(d.props).map((b, i) => ({
        b,
        where: i === 0 ? "default cache behavior" : `cache behavior "${String(b.pathPattern)}"`,
        input: i === 0 ? "defaultCacheBehavior" : "orderedCacheBehaviors",
      }));
      for (const { b, where, input } of behaviors) {
        const id: unknown = b.responseHeadersPolicyId;
        if (typeof id !== "string" || id === "") {
          reportViolation(
            `Distribution "${d.name}": its ${where} has no response headers policy, so its responses carry no HSTS: set responseHeadersPolicyId to a policy that sends Strict-Transport-Security.`,
            d.urn,
          );
          continue;
        }
        const own = byId.get(id);
        if (own) {
          if (hstsGaps(own.props).length > 0)
            reportViolation(
              `Distribution "${d.name}": its ${where} uses response headers policy "${own.name}", which does not enforce HSTS: use a response headers policy that does.`,
              d.urn,
            );
        } else if (unknownIdOf(input).length === 0)
          reportViolation(
            `Distribution "${d.name}": its ${where} uses response headers policy ${id}, which this stack does not define, so its HSTS cannot be checked: use a response headers policy of the stack.`,
            d.urn,
          );
      }
    }
  },
};
