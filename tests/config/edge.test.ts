import { validateStackConfig } from "../../src/config";
import { problemsOf, stackValues, withOverrides } from "../helpers/config";

const edge = (stack: string) =>
  stackValues(stack)["platform:edge"] as Record<string, Record<string, unknown>>;
const withCdn = (o: Record<string, unknown>) => ({
  "platform:edge": { ...edge("us-east-1"), cdn: { ...edge("us-east-1").cdn, ...o } },
});

describe("edge config", () => {
  test("the primary owns the CDN, the secondary only its health check and failover member", () => {
    const p = validateStackConfig(withOverrides("us-east-1", {}));
    expect(p.edge.cdn).toMatchObject({
      secondaryOriginRegion: "eu-west-1",
      failoverStatusCodes: [500, 502, 503, 504],
      rateLimit: 2000,
    });
    expect(p.edge.healthCheck).toEqual({
      path: "/health",
      intervalSeconds: 10,
      failureThreshold: 3,
      invert: false,
    });
    const s = validateStackConfig(withOverrides("eu-west-1", {}));
    expect([s.edge.cdn, s.edge.failover]).toEqual([undefined, true]);
  });

  const cases: [string, string, Record<string, unknown>, string[]][] = [
    [
      "a failover code CloudFront does not accept (429)",
      "us-east-1",
      withCdn({ failoverStatusCodes: [500, 429] }),
      [
        "platform:edge.cdn.failoverStatusCodes[1] = 429 is not a status code CloudFront origin groups fail over on: expected one of 400, 403, 404, 416, 500, 502, 503, 504",
      ],
    ],
    [
      "a rate limit below AWS WAF's minimum",
      "us-east-1",
      withCdn({ rateLimit: 5 }),
      [
        "platform:edge.cdn.rateLimit = 5 is below AWS WAF's minimum: expected at least 10 requests per IP per 5 minutes",
      ],
    ],
    [
      "a rate limit on the regional web ACL, which sees only CloudFront's edges",
      "eu-west-1",
      { "platform:edge": { ...edge("eu-west-1"), regionalWaf: { rateLimit: 2000 } } },
      [
        "platform:edge.regionalWaf.rateLimit = 2000 is not a known key: expected none, platform:edge.regionalWaf takes no settings ({})",
      ],
    ],
    [
      "a domain outside its hosted zone",
      "us-east-1",
      {
        "platform:dns": {
          domain: "shop.example.org",
          zoneName: "example.com",
          hostedZoneId: "Z0123456789EXAMPLEZ1",
        },
      },
      [
        'platform:dns.domain = "shop.example.org" is outside platform:dns.zoneName = "example.com": expected the zone\'s name or a name under it, or records and certificate validation cannot be written in that zone',
      ],
    ],
    [
      "a domain that only ends like the zone",
      "us-east-1",
      {
        "platform:dns": {
          domain: "shopexample.com",
          zoneName: "example.com",
          hostedZoneId: "Z0123456789EXAMPLEZ1",
        },
      },
      [
        'platform:dns.domain = "shopexample.com" is outside platform:dns.zoneName = "example.com": expected the zone\'s name or a name under it, or records and certificate validation cannot be written in that zone',
      ],
    ],
    [
      "a primary without CDN settings",
      "us-east-1",
      { "platform:edge": { healthCheckPrefixListId: "pl-0a1b2c3d4e5f60718" } },
      [
        "platform:edge.cdn is missing: expected the CloudFront settings on the primary stack, which owns the distribution and its WAF",
      ],
    ],
    [
      "a fallback origin in the primary's own region",
      "us-east-1",
      withCdn({ secondaryOriginRegion: "us-east-1" }),
      [
        "platform:edge.cdn.secondaryOriginRegion = \"us-east-1\" is this stack's own region: expected another region's web tier as the fallback origin",
      ],
    ],
    [
      "a health check interval Route 53 does not offer",
      "eu-west-1",
      { "platform:edge": { ...edge("eu-west-1"), healthCheck: { intervalSeconds: 15 } } },
      ["platform:edge.healthCheck.intervalSeconds = 15 is not a Route 53 interval: expected 10 (fast) or 30"],
    ],
  ];
  test.each(cases)("%s", (_label, stack, overrides, expected) => {
    expect(problemsOf(stack, overrides)).toEqual(expected);
  });
});
