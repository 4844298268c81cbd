import { peerNaclRuleNumber, subnetLayout } from "../../components/network";
import { cidrsOverlap, formatCidr, parseCidr, subnetOf } from "../../src/config";

describe("CIDR arithmetic", () => {
  test("parses network CIDRs and rejects host bits and out-of-range parts", () => {
    expect(parseCidr("10.10.0.0/16")).toEqual({ base: 0x0a0a0000, prefix: 16 });
    expect(parseCidr("10.10.1.0/16")).toBeUndefined();
    expect(parseCidr("10.10.0.256/24")).toBeUndefined();
    expect(parseCidr("10.10.0.0/33")).toBeUndefined();
    expect(parseCidr("10.10.0.0")).toBeUndefined();
    for (const zeroed of [
      "010.10.0.0/16",
      "10.010.0.0/16",
      "10.10.00.0/16",
      "10.10.0.00/16",
      "10.10.0.0/016",
    ])
      expect(parseCidr(zeroed)).toBeUndefined();
    expect(parseCidr("0.0.0.0/0")).toEqual({ base: 0, prefix: 0 });
  });
  test("overlap and subnetting", () => {
    expect(cidrsOverlap(parseCidr("10.10.0.0/16")!, parseCidr("10.10.128.0/17")!)).toBe(true);
    expect(cidrsOverlap(parseCidr("10.10.0.0/16")!, parseCidr("10.20.0.0/16")!)).toBe(false);
    expect(formatCidr(subnetOf(parseCidr("10.10.0.0/16")!, 4, 3))).toBe("10.10.48.0/20");
    expect(() => subnetOf(parseCidr("10.10.0.0/16")!, 2, 4)).toThrow("index 4 does not fit in 2 bits");
  });
});

describe("subnetLayout", () => {
  const zones = ["us-east-1a", "us-east-1b", "us-east-1c"];

  test("a /16 gives /20 private, /21 isolated and /21 public subnets per zone", () => {
    expect(subnetLayout("10.10.0.0/16", zones)).toEqual([
      {
        availabilityZone: "us-east-1a",
        private: "10.10.0.0/20",
        isolated: "10.10.128.0/21",
        public: "10.10.192.0/21",
      },
      {
        availabilityZone: "us-east-1b",
        private: "10.10.16.0/20",
        isolated: "10.10.136.0/21",
        public: "10.10.200.0/21",
      },
      {
        availabilityZone: "us-east-1c",
        private: "10.10.32.0/20",
        isolated: "10.10.144.0/21",
        public: "10.10.208.0/21",
      },
    ]);
  });

  test("adding a zone at the end keeps every existing subnet's CIDR", () => {
    const three = subnetLayout("10.20.0.0/18", zones);
    const four = subnetLayout("10.20.0.0/18", [...zones, "us-east-1d"]);
    expect(four.slice(0, 3)).toEqual(three);
  });

  test("no two subnets overlap, for every supported VPC size and zone count", () => {
    for (const prefix of [16, 17, 18, 19, 20]) {
      const all = subnetLayout(`10.0.0.0/${prefix}`, ["a", "b", "c", "d", "e", "f"]).flatMap((z) => [
        z.private,
        z.isolated,
        z.public,
      ]);
      for (let i = 0; i < all.length; i++) {
        for (let j = i + 1; j < all.length; j++) {
          expect(cidrsOverlap(parseCidr(all[i])!, parseCidr(all[j])!)).toBe(false);
        }
      }
    }
  });

  test("more than 8 zones do not fit", () => {
    expect(() => subnetLayout("10.0.0.0/16", "abcdefghi".split(""))).toThrow("9 zones given, at most 8 fit");
  });
});

describe("peerNaclRuleNumber", () => {
  test("is unique per non-overlapping VPC CIDR and stays in range", () => {
    expect(peerNaclRuleNumber("10.0.0.0/16")).toBe(1000);
    expect(peerNaclRuleNumber("10.10.0.0/16")).toBe(1160);
    expect(peerNaclRuleNumber("10.20.0.0/16")).toBe(1320);
    expect(peerNaclRuleNumber("172.16.0.0/16")).toBe(5096);
    expect(peerNaclRuleNumber("192.168.240.0/20")).toBe(5367);
  });
  test("rejects CIDRs outside RFC 1918 or smaller than /20", () => {
    expect(() => peerNaclRuleNumber("8.8.0.0/16")).toThrow('"8.8.0.0/16" is not inside RFC 1918 space');
    expect(() => peerNaclRuleNumber("10.0.0.0/24")).toThrow("is not a /16 to /20 network CIDR");
  });
});
