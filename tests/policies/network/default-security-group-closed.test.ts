import { defaultSecurityGroupClosed } from "../../../policies/network/default-security-group-closed";
import { check, res, urnOf } from "../../helpers/policy";

const VPC = "aws:ec2/vpc:Vpc";
const DSG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const vpc = res(VPC, "net", { cidrBlock: "10.0.0.0/16" });
const adopt = (inputs: Record<string, unknown>) =>
  res(DSG, "net-default-sg", { vpcId: "vpc-1", ...inputs }, { propertyDependencies: { vpcId: [vpc.urn] } });

describe("network-default-security-group-closed", () => {
  test("compliant: the default group is adopted with no rules", async () => {
    expect(await check(defaultSecurityGroupClosed, [vpc, adopt({ ingress: [], egress: [] })])).toEqual([]);
  });

  test("non-compliant: the adopted default group keeps rules", async () => {
    const v = await check(defaultSecurityGroupClosed, [
      vpc,
      adopt({ ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }], egress: [] }),
    ]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(DSG, "net-default-sg"),
        'Default security group "net-default-sg" has 1 ingress and 0 egress rules: expected none (use dedicated security groups).',
      ],
    ]);
  });

  test("non-compliant: a VPC whose default group is never adopted", async () => {
    const v = await check(defaultSecurityGroupClosed, [vpc]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        vpc.urn,
        `VPC "net" leaves its default security group with AWS's allow rules: adopt it with an aws.ec2.DefaultSecurityGroup that has no ingress and no egress.`,
      ],
    ]);
  });
});
