import { noPublicIpOutsidePublicTier } from "../../../policies/network/no-public-ip-outside-public-tier";
import { check, res, urnOf } from "../../helpers/policy";

const SUBNET = "aws:ec2/subnet:Subnet";
const subnet = (name: string, tier: string | undefined, map: boolean) =>
  res(SUBNET, name, {
    cidrBlock: "10.0.0.0/24",
    mapPublicIpOnLaunch: map,
    tags: tier ? { "platform:tier": tier } : {},
  });

describe("network-no-public-ip-outside-public-tier", () => {
  test("compliant: public-tier subnets may map public IPs; others do not", async () => {
    const v = await check(noPublicIpOutsidePublicTier, [
      subnet("pub", "public", true),
      subnet("priv", "private", false),
      subnet("iso", "isolated", false),
    ]);
    expect(v).toEqual([]);
  });

  test("non-compliant: private and untagged subnets that map public IPs", async () => {
    const v = await check(noPublicIpOutsidePublicTier, [
      subnet("priv", "private", true),
      subnet("anon", undefined, true),
    ]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(SUBNET, "priv"),
        'Subnet in tier "private" sets mapPublicIpOnLaunch: only public-tier subnets may; set it to false.',
      ],
      [
        urnOf(SUBNET, "anon"),
        'Subnet in tier "(untagged)" sets mapPublicIpOnLaunch: only public-tier subnets may; set it to false.',
      ],
    ]);
  });

  test("non-compliant: an isolated subnet that assigns IPv6 addresses on creation", async () => {
    const s = res(SUBNET, "iso6", {
      assignIpv6AddressOnCreation: true,
      tags: { "platform:tier": "isolated" },
    });
    const v = await check(noPublicIpOutsidePublicTier, [s]);
    expect(v.map((x) => x.message)).toEqual([
      'Subnet in tier "isolated" assigns globally routable IPv6 addresses on creation: set assignIpv6AddressOnCreation to false.',
    ]);
  });
});
