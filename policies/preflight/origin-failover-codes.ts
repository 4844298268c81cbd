import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/** The status codes CloudFront accepts as origin-group failover criteria. */
export const ACCEPTED_FAILOVER_CODES = [400, 403, 404, 416, 500, 502, 503, 504];

/**
 * Origin groups fail over only on status codes CloudFront accepts (429, for one, is refused).
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const originFailoverCodes: ResourceValidationPolicy = {
  name: "preflight-origin-failover-codes",
  description: "CloudFront origin-group failover codes must be among those CloudFront accepts.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.cloudfront.Distribution, (d, _args, reportViolation) => {
    for (const g of d.originGroups ?? []) {
      const bad = (g.failoverCriteria?.statusCodes ?? []).filter((c) => !ACCEPTED_FAILOVER_CODES.includes(c));
      if (bad.length > 0) {
        reportViolation(
          `Origin group "${g.originId}" fails over on ${bad.join(", ")}: CloudFront accepts only ${ACCEPTED_FAILOVER_CODES.join(", ")}.`,
        );
      }
    }
  }),
};
