/**
 * Config of the edge (`platform:edge`): Route 53 health checks and failover records in every
 * stack; CloudFront and its WAF in the stack that owns them (the primary).
 */
import { z } from "zod";
import { quotedList as list } from "./messages";
import { CDN_DEFAULTS, EDGE_DEFAULTS, HEALTH_CHECK_DEFAULTS } from "./defaults";

/** Status codes CloudFront origin groups can fail over on (429 is not one of them). */
export const ORIGIN_FAILOVER_CODES = [400, 403, 404, 416, 500, 502, 503, 504] as const;
/** AWS WAF's smallest rate-based rule limit (requests per IP per evaluation window). */
export const WAF_MIN_RATE_LIMIT = 10;
export const PRICE_CLASSES = ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const;

export const edgeSchema = z.strictObject(
  {
    healthCheckPrefixListId: z
      .string({
        error:
          "expected the region's ID of the AWS-managed prefix list com.amazonaws.<region>.route53-healthchecks",
      })
      .regex(/^pl-[0-9a-f]{8,17}$/, {
        error: 'is not a prefix list ID: expected "pl-" and 8 to 17 hex digits',
      })
      .meta({
        description:
          "This region's ID of the AWS-managed prefix list `com.amazonaws.<region>.route53-healthchecks`, which the web load balancer admits for Route 53 health checks.",
      }),
    healthCheck: z
      .strictObject(
        {
          path: z
            .string()
            .regex(/^\/[\w\-./]*$/, { error: 'is not an HTTP path: expected one starting with "/"' })
            .default(HEALTH_CHECK_DEFAULTS.path)
            .meta({ description: "The path Route 53 checks on this region's web tier." }),
          intervalSeconds: z
            .union([z.literal(10), z.literal(30)], {
              error: "is not a Route 53 interval: expected 10 (fast) or 30",
            })
            .default(HEALTH_CHECK_DEFAULTS.intervalSeconds)
            .meta({ description: "Seconds between checks: `10` (fast) or `30`." }),
          failureThreshold: z
            .number()
            .int()
            .min(1, { error: "is out of range: expected 1 to 10" })
            .max(10, { error: "is out of range: expected 1 to 10" })
            .default(HEALTH_CHECK_DEFAULTS.failureThreshold)
            .meta({ description: "Consecutive failures before Route 53 counts the region unhealthy." }),
          invert: z
            .boolean({ error: "expected true or false" })
            .default(HEALTH_CHECK_DEFAULTS.invert)
            .meta({ description: "Inverts the health check: `true` forces a failover (drills)." }),
        },
        { error: "expected an object with path, intervalSeconds, failureThreshold, invert" },
      )
      .prefault({})
      .meta({ description: "The Route 53 health check of this region's web tier." }),
    regionalWaf: z
      .strictObject({}, { error: "expected an empty object, {}, which turns the regional web ACL on" })
      .optional()
      .meta({
        description:
          "`{}`: a REGIONAL web ACL on this region's public load balancer, as a second layer (AWS managed rule groups, logging). It has no rate rule: the load balancer admits only CloudFront, so every source IP it sees is a CloudFront edge's, and the first `X-Forwarded-For` address (the only one WAF reads) is whatever the client sent. The CloudFront web ACL rate-limits each real client IP.",
      }),
    failover: z.boolean({ error: "expected true or false" }).default(EDGE_DEFAULTS.failover).meta({
      description:
        "Whether this region is the PRIMARY (primary stack) or SECONDARY member of the `origin.<domain>` failover record. Route 53 pairs exactly one of each, so a third region sets `false`.",
    }),
    cdn: z
      .strictObject(
        {
          secondaryOriginRegion: z
            .string({
              error: "expected the region whose web tier is the origin group's fallback",
            })
            .meta({
              description: "The region whose web tier is the origin group's fallback; not the primary's own.",
            }),
          failoverStatusCodes: z
            .array(
              z.union(
                ORIGIN_FAILOVER_CODES.map((c) => z.literal(c)),
                {
                  error: `is not a status code CloudFront origin groups fail over on: expected one of ${list(ORIGIN_FAILOVER_CODES)}`,
                },
              ),
              { error: "expected a list of status codes" },
            )
            .min(1, { error: "is empty: expected at least one status code" })
            .default(() => [...CDN_DEFAULTS.failoverStatusCodes])
            .meta({
              description:
                "Status codes on which the origin group retries on the fallback (for `GET`, `HEAD` and `OPTIONS` only). CloudFront refuses others, `429` included.",
            }),
          rateLimit: z
            .number({ error: `expected requests per IP per 5 minutes, at least ${WAF_MIN_RATE_LIMIT}` })
            .int()
            .min(WAF_MIN_RATE_LIMIT, {
              error: `is below AWS WAF's minimum: expected at least ${WAF_MIN_RATE_LIMIT} requests per IP per 5 minutes`,
            })
            .max(2_000_000_000, { error: "is above AWS WAF's maximum of 2,000,000,000" })
            .default(CDN_DEFAULTS.rateLimit)
            .meta({ description: "Requests per client IP per 5 minutes the CloudFront web ACL allows." }),
          anonymousIpList: z
            .boolean({ error: "expected true or false" })
            .default(CDN_DEFAULTS.anonymousIpList)
            .meta({ description: "Also block AWS's anonymous IP list." }),
          blockedCountries: z
            .array(z.string().regex(/^[A-Z]{2}$/, { error: "is not an ISO 3166 alpha-2 country code" }), {
              error: "expected a list of country codes",
            })
            .default(() => [...CDN_DEFAULTS.blockedCountries])
            .meta({
              description:
                "ISO 3166 alpha-2 country codes, blocked by the web ACL and by CloudFront's geo restriction.",
            }),
          priceClass: z
            .enum(PRICE_CLASSES, { error: `is not a price class: expected one of ${list(PRICE_CLASSES)}` })
            .default(CDN_DEFAULTS.priceClass)
            .meta({ description: "The CloudFront price class (which edge locations serve)." }),
          staticMaxAgeSeconds: z
            .number()
            .int()
            .min(60)
            .max(31_536_000)
            .default(CDN_DEFAULTS.staticMaxAgeSeconds)
            .meta({ description: "Seconds CloudFront caches static content." }),
          apiMaxAgeSeconds: z
            .number()
            .int()
            .min(0)
            .max(300, { error: "is above 300: expected API responses cached at most 5 minutes" })
            .default(CDN_DEFAULTS.apiMaxAgeSeconds)
            .meta({ description: "Seconds CloudFront caches API responses, at most 5 minutes." }),
          logRetentionDays: z
            .number()
            .int()
            .default(CDN_DEFAULTS.logRetentionDays)
            .meta({ description: "Days the web ACL's logs are kept." }),
        },
        {
          error:
            "expected an object with secondaryOriginRegion and optional CloudFront settings (see docs/config.md)",
        },
      )
      .optional()
      .meta({
        description:
          "The CloudFront distribution, its CLOUDFRONT web ACL and certificate: required on the primary, which owns them, and refused on secondaries.",
      }),
  },
  { error: "expected an object with healthCheckPrefixListId and optional healthCheck, failover, cdn" },
);

export type EdgeConfig = z.output<typeof edgeSchema>;
