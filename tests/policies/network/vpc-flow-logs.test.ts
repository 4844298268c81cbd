import { vpcFlowLogs } from "../../../policies/network/vpc-flow-logs";
import { check, res, urnOf } from "../../helpers/policy";

const VPC = "aws:ec2/vpc:Vpc";
const FLOW = "aws:ec2/flowLog:FlowLog";

describe("network-vpc-flow-logs", () => {
  test("compliant: the VPC's flow log takes its vpcId from it", async () => {
    const v = await check(vpcFlowLogs, [
      res(VPC, "net", { cidrBlock: "10.0.0.0/16" }),
      res(
        FLOW,
        "net-fl",
        { vpcId: "vpc-1", trafficType: "ALL" },
        { propertyDependencies: { vpcId: [urnOf(VPC, "net")] } },
      ),
    ]);
    expect(v).toEqual([]);
  });

  test("non-compliant: a VPC with no flow log, reported on that VPC", async () => {
    const v = await check(vpcFlowLogs, [
      res(VPC, "logged", { cidrBlock: "10.0.0.0/16" }),
      res(VPC, "dark", { cidrBlock: "10.1.0.0/16" }),
      res(FLOW, "fl", { vpcId: "vpc-1" }, { propertyDependencies: { vpcId: [urnOf(VPC, "logged")] } }),
    ]);
    expect(v).toEqual([
      {
        pack: "test",
        policy: "network-vpc-flow-logs",
        enforcement: "mandatory",
        urn: urnOf(VPC, "dark"),
        message: 'VPC "dark" has no flow log: add an aws.ec2.FlowLog with vpcId set to it.',
      },
    ]);
  });
});
