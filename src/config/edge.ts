/**
 * Config of the edge (`platform:edge`): Route 53 health checks and failover records in every
 * stack; CloudFront and its WAF in the stack that owns them (the primary).
 */
import { z } from "zod";
import { quotedList as list } from "./messages";
import { CDN_DEFAULTS, EDGE_DEFAULTS, HEALTH_CHECK_DEFAULTS, REGIONAL_WAF_DEFAULTS } from "./defaults";

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
      }),
    healthCheck: z
      .strictObject(
        {
          path: z
            .string()
            .regex(/^\/[\w\-./]*$/, { error: 'is not an HTTP path: expected one starting with "/"' })
            .default(HEALTH_CHECK_DEFAULTS.path),
          intervalSeconds: z
            .union([z.literal(10), z.literal(30)], {
              error: "is not a Route 53 interval: expected 10 (fast) or 30",
            })
            .default(HEALTH_CHECK_DEFAULTS.intervalSeconds),
          failureThreshold: z
            .number()
            .int()
            .min(1, { error: "is out of range: expected 1 to 10" })
            .max(10, { error: "is out of range: expected 1 to 10" })
            .default(HEALTH_CHECK_DEFAULTS.failureThreshold),
          invert: z.boolean({ error: "expected true or false" }).default(HEALTH_CHECK_DEFAULTS.invert),
        },
        { error: "expected an object with path, intervalSeconds, failureThreshold, invert" },
      )
      .prefault({}),
    /** A REGIONAL web ACL on this region's public load balancer, as a second layer, with this rate limit. */
    regionalWaf: z
      .strictObject(
        {
          rateLimit: z
            .number({ error: `expected requests per IP per 5 minutes, at least ${WAF_MIN_RATE_LIMIT}` })
            .int()
            .min(WAF_MIN_RATE_LIMIT, {
              error: `is below AWS WAF's minimum: expected at least ${WAF_MIN_RATE_LIMIT} requests per IP per 5 minutes`,
            })
            .default(REGIONAL_WAF_DEFAULTS.rateLimit),
        },
        { error: "expected an object with rateLimit" },
      )
      .optional(),
    /** Whether this region's web tier is a member of the `origin.<domain>` failover record. */
    failover: z.boolean({ error: "expected true or false" }).default(EDGE_DEFAULTS.failover),
    cdn: z
      .strictObject(
        {
          secondaryOriginRegion: z.string({
            error: "expected the region whose web tier is the origin group's fallback",
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
            .default(() => [...CDN_DEFAULTS.failoverStatusCodes]),
          rateLimit: z
            .number({ error: `expected requests per IP per 5 minutes, at least ${WAF_MIN_RATE_LIMIT}` })
            .int()
            .min(WAF_MIN_RATE_LIMIT, {
              error: `is below AWS WAF's minimum: expected at least ${WAF_MIN_RATE_LIMIT} requests per IP per 5 minutes`,
            })
            .max(2_000_000_000, { error: "is above AWS WAF's maximum of 2,000,000,000" })
            .default(CDN_DEFAULTS.rateLimit),
          anonymousIpList: z
            .boolean({ error: "expected true or false" })
            .default(CDN_DEFAULTS.anonymousIpList),
          blockedCountries: z
            .array(z.string().regex(/^[A-Z]{2}$/, { error: "is not an ISO 3166 alpha-2 country code" }), {
              error: "expected a list of country codes",
            })
            .default(() => [...CDN_DEFAULTS.blockedCountries]),
          priceClass: z
            .enum(PRICE_CLASSES, { error: `is not a price class: expected one of ${list(PRICE_CLASSES)}` })
            .default(CDN_DEFAULTS.priceClass),
          staticMaxAgeSeconds: z
            .number()
            .int()
            .min(60)
            .max(31_536_000)
            .default(CDN_DEFAULTS.staticMaxAgeSeconds),
          apiMaxAgeSeconds: z
            .number()
            .int()
            .min(0)
            .max(300, { error: "is above 300: expected API responses cached at most 5 minutes" })
            .default(CDN_DEFAULTS.apiMaxAgeSeconds),
          logRetentionDays: z.number().int().default(CDN_DEFAULTS.logRetentionDays),
        },
        {
          error:
            "expected an object with secondaryOriginRegion and optional CloudFront settings (see docs/config.md)",
        },
      )
      .optional(),
  },
  { error: "expected an object with healthCheckPrefixListId and optional healthCheck, failover, cdn" },
);

export type EdgeConfig = z.output<typeof edgeSchema>;
