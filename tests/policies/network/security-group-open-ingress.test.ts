import { securityGroupOpenIngress } from "../../../policies/network/security-group-open-ingress";
import { check, res, urnOf } from "../../helpers/policy";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const IN = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const PL = "aws:ec2/managedPrefixList:ManagedPrefixList";
const originSg = res(SG, "alb", { tags: { "platform:exposure": "cloudfront-origin" } });
const plainSg = res(SG, "app", { tags: {} });
const rule = (
  name: string,
  sg: ReturnType<typeof res>,
  inputs: Record<string, unknown>,
  deps: Record<string, string[]> = {},
) =>
  res(
    IN,
    name,
    { securityGroupId: "sg-x", ipProtocol: "tcp", ...inputs },
    { propertyDependencies: { securityGroupId: [sg.urn], ...deps } },
  );
const lead = (v: { urn: string; message: string }[]) => v.map((x) => [x.urn, x.message.split(", which")[0]]);

describe("network-security-group-open-ingress", () => {
  test("compliant: AWS-managed prefix lists, groups, private CIDRs and a small public range", async () => {
    const v = await check(securityGroupOpenIngress, [
      originSg,
      plainSg,
      rule("cf", originSg, { fromPort: 443, toPort: 443, prefixListId: "pl-1" }),
      rule("from-sg", plainSg, { fromPort: 8080, toPort: 8080, referencedSecurityGroupId: "sg-alb" }),
      rule("office", plainSg, { fromPort: 443, toPort: 443, cidrIpv4: "203.0.113.0/24" }),
      rule("office-v6", plainSg, { fromPort: 443, toPort: 443, cidrIpv6: "2001:db8:1::/56" }),
      res(SG, "inline-ok", {
        ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8", "172.16.0.0/12"] }],
      }),
    ]);
    expect(v).toEqual([]);
  });

  test("non-compliant: the world however spelt, with no exemption for a group's own exposure tag", async () => {
    const list = res(PL, "partners", { entries: [{ cidr: "0.0.0.0/2" }, { cidr: "64.0.0.0/2" }] });
    const v = await check(securityGroupOpenIngress, [
      originSg,
      plainSg,
      list,
      rule("world-443", originSg, { fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
      rule("half-1", plainSg, { fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/1" }),
      rule("half-2", plainSg, { fromPort: 22, toPort: 22, cidrIpv4: "128.0.0.0/1" }),
      rule(
        "own-list",
        plainSg,
        { fromPort: 80, toPort: 80, prefixListId: "pl-own" },
        { prefixListId: [list.urn] },
      ),
      res(SG, "inline", {
        ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [], ipv6CidrBlocks: ["::/0"] }],
      }),
      res(RULE, "legacy", {
        type: "ingress",
        protocol: "tcp",
        fromPort: 3306,
        toPort: 3306,
        cidrBlocks: ["52.0.0.0/8"],
        securityGroupId: "sg-y",
      }),
    ]);
    expect(lead(v).sort()).toEqual(
      [
        [urnOf(IN, "world-443"), 'Ingress rule "world-443" admits 0.0.0.0/0 on ports 443-443/tcp'],
        [urnOf(IN, "half-1"), 'Ingress rule "half-1" admits 0.0.0.0/1 on ports 22-22/tcp'],
        [urnOf(IN, "half-2"), 'Ingress rule "half-2" admits 128.0.0.0/1 on ports 22-22/tcp'],
        [urnOf(IN, "own-list"), 'Ingress rule "own-list" admits 0.0.0.0/2 and 64.0.0.0/2 on ports 80-80/tcp'],
        [urnOf(SG, "inline"), 'Security group "inline" admits ::/0 on all ports'],
        [urnOf(RULE, "legacy"), 'Security group rule "legacy" admits 52.0.0.0/8 on ports 3306-3306/tcp'],
      ].sort(),
    );
  });
});
