import { dataEgressNotWorld } from "../../../policies/network/data-egress-not-world";
import { flowLogsAllTraffic } from "../../../policies/network/flow-logs-all-traffic";
import { isolatedNaclClosed } from "../../../policies/network/isolated-nacl-closed";
import { check, res, urnOf } from "../../helpers/policy";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const EG = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const SUBNET = "aws:ec2/subnet:Subnet";
const ACL = "aws:ec2/networkAcl:NetworkAcl";
const ACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";
const FLOW = "aws:ec2/flowLog:FlowLog";

describe("network-flow-logs-all-traffic", () => {
  test("compliant: ALL", async () => {
    expect(await check(flowLogsAllTraffic, [res(FLOW, "fl", { trafficType: "ALL" })])).toEqual([]);
  });
  test("non-compliant: only REJECT", async () => {
    const v = await check(flowLogsAllTraffic, [res(FLOW, "fl", { trafficType: "REJECT" })]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [urnOf(FLOW, "fl"), 'The flow log captures only "REJECT" traffic: set trafficType = "ALL".'],
    ]);
  });
});

describe("network-isolated-nacl-closed", () => {
  const isolated = res(SUBNET, "iso-a", { tags: { "platform:tier": "isolated" } });
  const publicSubnet = res(SUBNET, "pub-a", { tags: { "platform:tier": "public" } });
  const acl = res(ACL, "iso", {}, { propertyDependencies: { subnetIds: [isolated.urn] } });
  const publicAcl = res(ACL, "pub", {}, { propertyDependencies: { subnetIds: [publicSubnet.urn] } });
  const rule = (name: string, on: ReturnType<typeof res>, inputs: Record<string, unknown>) =>
    res(
      ACL_RULE,
      name,
      {
        networkAclId: "acl-1",
        ruleAction: "allow",
        protocol: "-1",
        egress: false,
        ruleNumber: 100,
        ...inputs,
      },
      { propertyDependencies: { networkAclId: [on.urn] } },
    );
  test("compliant: the VPC's CIDR on the isolated ACL; the world on the public tier's", async () => {
    const v = await check(isolatedNaclClosed, [
      isolated,
      publicSubnet,
      acl,
      publicAcl,
      rule("vpc", acl, { cidrBlock: "10.10.0.0/16" }),
      rule("deny-world", acl, { cidrBlock: "0.0.0.0/0", ruleAction: "deny" }),
      rule("pub-world", publicAcl, { cidrBlock: "0.0.0.0/0" }),
    ]);
    expect(v).toEqual([]);
  });
  test("non-compliant: the world (or half of it, or ::/0) allowed into the isolated tier", async () => {
    const v = await check(isolatedNaclClosed, [
      isolated,
      acl,
      rule("world", acl, { cidrBlock: "0.0.0.0/0" }),
      rule("half", acl, { cidrBlock: "128.0.0.0/1", egress: true }),
      rule("v6", acl, { ipv6CidrBlock: "::/0" }),
    ]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(ACL_RULE, "world"),
        'Rule "world" of isolated network ACL "iso" allows 0.0.0.0/0 in: allow only the VPC\'s and peered VPCs\' CIDRs.',
      ],
      [
        urnOf(ACL_RULE, "half"),
        'Rule "half" of isolated network ACL "iso" allows 128.0.0.0/1 out: allow only the VPC\'s and peered VPCs\' CIDRs.',
      ],
      [
        urnOf(ACL_RULE, "v6"),
        'Rule "v6" of isolated network ACL "iso" allows ::/0 in: allow only the VPC\'s and peered VPCs\' CIDRs.',
      ],
    ]);
  });
});

describe("network-data-egress-not-world", () => {
  const data = res(SG, "aurora", { tags: { "platform:data-store": "aurora-postgresql" } });
  const nodes = res(SG, "eks-nodes", { tags: {} });
  const egress = (name: string, sg: ReturnType<typeof res>, inputs: Record<string, unknown>) =>
    res(
      EG,
      name,
      { securityGroupId: "sg-1", ...inputs },
      { propertyDependencies: { securityGroupId: [sg.urn] } },
    );
  test("compliant: the VPC on all ports, 443 to the world, and other tiers' groups", async () => {
    const v = await check(dataEgressNotWorld, [
      data,
      nodes,
      egress("vpc", data, { ipProtocol: "-1", cidrIpv4: "10.10.0.0/16" }),
      egress("https", data, { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
      egress("nodes-all", nodes, { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }),
    ]);
    expect(v).toEqual([]);
  });
  test("non-compliant: all ports to the world from a data store, inline or as a rule", async () => {
    const inline = res(SG, "cache", {
      tags: { "platform:data-store": "elasticache" },
      egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const v = await check(dataEgressNotWorld, [
      data,
      inline,
      egress("all", data, { ipProtocol: "-1", cidrIpv6: "::/0" }),
    ]);
    expect(v.map((x) => x.urn)).toEqual([urnOf(SG, "cache"), urnOf(EG, "all")]);
    expect(v[1].message).toBe(
      'Egress rule "all" lets a data store send to ::/0 on all ports: allow only the ports and destinations it needs (none, for a database or cache).',
    );
  });
});
