import { securityGroupOpenIngress } from "../../../policies/network/security-group-open-ingress";
import { check, res, urnOf } from "../../helpers/policy";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const IN = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const originSg = res(SG, "alb", { tags: { "platform:exposure": "cloudfront-origin" } });
const plainSg = res(SG, "app", { tags: {} });
const rule = (name: string, sg: ReturnType<typeof res>, inputs: Record<string, unknown>) =>
  res(
    IN,
    name,
    { securityGroupId: "sg-x", ipProtocol: "tcp", ...inputs },
    { propertyDependencies: { securityGroupId: [sg.urn] } },
  );

describe("network-security-group-open-ingress", () => {
  test("compliant: prefix lists and groups as sources; 443/80 from anywhere on a CloudFront-origin load balancer", async () => {
    const v = await check(securityGroupOpenIngress, [
      originSg,
      plainSg,
      rule("cf", originSg, { fromPort: 443, toPort: 443, prefixListId: "pl-1" }),
      rule("world-443", originSg, { fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
      rule("world-80-v6", originSg, { fromPort: 80, toPort: 80, cidrIpv6: "::/0" }),
      rule("from-sg", plainSg, { fromPort: 8080, toPort: 8080, referencedSecurityGroupId: "sg-alb" }),
      res(SG, "inline-ok", {
        ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"] }],
      }),
    ]);
    expect(v).toEqual([]);
  });

  test("non-compliant: the world on other ports, on other groups, inline and as legacy rules", async () => {
    const v = await check(securityGroupOpenIngress, [
      originSg,
      plainSg,
      rule("ssh", originSg, { fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }),
      rule("app-443", plainSg, { fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
      res(SG, "inline", {
        ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [], ipv6CidrBlocks: ["::/0"] }],
      }),
      res(RULE, "legacy", {
        type: "ingress",
        protocol: "tcp",
        fromPort: 3306,
        toPort: 3306,
        cidrBlocks: ["0.0.0.0/0"],
        securityGroupId: "sg-y",
      }),
    ]);
    expect(v.map((x) => [x.urn, x.message.split(": expected")[0]])).toEqual([
      [urnOf(SG, "inline"), 'Security group "inline" admits ::/0 on all ports'],
      [urnOf(RULE, "legacy"), 'Security group rule "legacy" admits 0.0.0.0/0 on ports 3306-3306/tcp'],
      [urnOf(IN, "ssh"), 'Ingress rule "ssh" admits 0.0.0.0/0 on ports 22-22/tcp'],
      [urnOf(IN, "app-443"), 'Ingress rule "app-443" admits 0.0.0.0/0 on ports 443-443/tcp'],
    ]);
  });
});
