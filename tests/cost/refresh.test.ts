import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  extractPrice,
  matchesFilter,
  offerFromJson,
  offersNeeded,
  readOffer,
  refreshSnapshot,
  type Offer,
} from "../../src/cost/refresh";
import { PRICE_SNAPSHOT, type PriceSnapshot } from "../../src/cost/snapshot";

const FIXTURES = join(__dirname, "..", "fixtures", "cost");
const EC2_URL =
  "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json";
const R53_URL = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonRoute53/current/index.json";
const fixture = (name: string, url: string): Offer =>
  offerFromJson(JSON.parse(readFileSync(join(FIXTURES, name), "utf8")), url);

const snapshot: PriceSnapshot = {
  ...PRICE_SNAPSHOT,
  regions: ["us-east-1", "eu-west-1"],
  prices: {
    m7i: PRICE_SNAPSHOT.prices["ec2.instance.m7i.xlarge"],
    nat: PRICE_SNAPSHOT.prices["ec2.natGateway.hour"],
    hc: PRICE_SNAPSHOT.prices["route53.healthCheck.awsEndpoint.month"],
    unmatched: {
      description: "no such instance",
      unit: "hour",
      offer: { service: "AmazonEC2", unit: "Hrs", filter: { instanceType: "z9.huge" } },
      regions: { "us-east-1": { price: 1.5, source: "https://example.com/old" } },
    },
    handFilled: {
      description: "no offer",
      unit: "month",
      allRegions: { price: 2, source: "https://example.com/page" },
    },
  },
};

describe("offer file extraction", () => {
  const ec2 = fixture("AmazonEC2-us-east-1.json", EC2_URL);

  test("a filter selects exactly the Linux, shared, used-capacity SKU of an instance type", () => {
    expect(extractPrice(ec2, snapshot.prices.m7i.offer!)).toEqual({
      ok: true,
      sku: "SKU1LINUX",
      price: 0.2111,
    });
  });

  test("a suffix filter (*NatGateway-Hours) picks the hourly NAT SKU, not the per-GB one", () => {
    expect(extractPrice(ec2, snapshot.prices.nat.offer!)).toEqual({
      ok: true,
      sku: "SKU4NATHOURS",
      price: 0.047,
    });
    expect(
      matchesFilter(
        ec2.products.find((p) => p.sku === "SKU5NATBYTES")!,
        { usagetype: "*NatGateway-Hours" },
      ),
    ).toBe(false);
  });

  test("no match, or more than one, is an error naming the SKUs; the Reserved terms are never read", () => {
    const none = extractPrice(ec2, {
      service: "AmazonEC2",
      unit: "Hrs",
      filter: { instanceType: "z9.huge" },
    });
    expect(none).toEqual({
      ok: false,
      reason: '0 SKUs match {"instanceType":"z9.huge"}: expected exactly 1',
    });
    const two = extractPrice(ec2, {
      service: "AmazonEC2",
      unit: "Hrs",
      filter: { instanceType: "m7i.xlarge", operatingSystem: "Linux" },
    });
    expect(two).toMatchObject({ ok: false, reason: expect.stringContaining("2 SKUs match") });
    expect(two).toMatchObject({ reason: expect.stringContaining("SKU1LINUX, SKU3RESERVATION") });
  });

  test("the streaming reader keeps only the products the filters select, with their on-demand terms", async () => {
    const streamed = await readOffer(join(FIXTURES, "AmazonEC2-us-east-1.json"), EC2_URL, [
      snapshot.prices.m7i.offer!.filter,
      snapshot.prices.nat.offer!.filter,
    ]);
    expect(streamed.publicationDate).toBe("2026-11-01T00:00:00Z");
    expect(streamed.products.map((p) => p.sku).sort()).toEqual(["SKU1LINUX", "SKU4NATHOURS"]);
    expect([...streamed.onDemand.keys()].sort()).toEqual(["SKU1LINUX", "SKU4NATHOURS"]);
    expect(extractPrice(streamed, snapshot.prices.m7i.offer!)).toEqual({
      ok: true,
      sku: "SKU1LINUX",
      price: 0.2111,
    });
  });
});

describe("refreshSnapshot", () => {
  test("lists the offer files to download: one per service and region, one for a global service", () => {
    const needed = offersNeeded(snapshot, snapshot.regions).map((n) => n.url);
    expect(needed).toEqual([
      EC2_URL,
      "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/eu-west-1/index.json",
      R53_URL,
    ]);
  });

  test("re-prices exactly the SKUs the snapshot uses, recording offer URL, SKU and publication date", () => {
    const offers = new Map([
      ["AmazonEC2/us-east-1", fixture("AmazonEC2-us-east-1.json", EC2_URL)],
      ["AmazonRoute53/global", fixture("AmazonRoute53-global.json", R53_URL)],
    ]);
    const { snapshot: next, report } = refreshSnapshot(snapshot, offers, snapshot.regions, "2026-11-30");
    expect(next.compiledOn).toBe("2026-11-30");
    expect(next.source.publicationDates).toMatchObject({
      "AmazonEC2/us-east-1": "2026-11-01T00:00:00Z",
      "AmazonRoute53/global": "2026-10-15T00:00:00Z",
    });
    expect(next.prices.m7i.regions!["us-east-1"]).toEqual({
      price: 0.2111,
      source: EC2_URL,
      sku: "SKU1LINUX",
      publicationDate: "2026-11-01T00:00:00Z",
    });
    // No eu-west-1 offer was given: that region keeps what it had.
    expect(next.prices.m7i.regions!["eu-west-1"]).toEqual(snapshot.prices.m7i.regions!["eu-west-1"]);
    expect(next.prices.nat.regions!["us-east-1"].price).toBe(0.047);
    expect(next.prices.hc.allRegions).toMatchObject({ price: 0.55, sku: "HC1", source: R53_URL });
    // A filter that matches nothing keeps the old price and says so; entries without an offer are untouched.
    expect(next.prices.unmatched.regions!["us-east-1"]).toEqual({
      price: 1.5,
      source: "https://example.com/old",
    });
    expect(report).toContain(
      'unmatched us-east-1: kept (0 SKUs match {"instanceType":"z9.huge"}: expected exactly 1)',
    );
    expect(report).toContain("m7i us-east-1: 0.2111 (SKU SKU1LINUX)");
    expect(next.prices.handFilled).toBe(snapshot.prices.handFilled);
  });
});
