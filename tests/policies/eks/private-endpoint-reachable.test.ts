/** preflight-eks-private-endpoint-reachable: a compliant and a non-compliant case. */
import { eksPrivateEndpointReachable } from "../../../policies/preflight/eks-private-endpoint-reachable";
import { check, res, urnOf } from "../../helpers/policy";

const CLUSTER = "aws:eks/cluster:Cluster";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

const api = res(SG, "api", { vpcId: "vpc-1", description: "api" });
const cluster = (publicAccess: boolean) =>
  res(
    CLUSTER,
    "c",
    { vpcConfig: { subnetIds: ["s-1"], securityGroupIds: ["sg-api"], endpointPublicAccess: publicAccess } },
    { propertyDependencies: { vpcConfig: [api.urn] } },
  );
const rule = (name: string, on: string, port: number, protocol = "tcp") =>
  res(
    INGRESS,
    name,
    { ipProtocol: protocol, fromPort: port, toPort: port, cidrIpv4: "10.10.0.0/16" },
    { propertyDependencies: { securityGroupId: [on] } },
  );
const msgs = async (r: Parameters<typeof check>[1]) =>
  (await check(eksPrivateEndpointReachable, r)).map((v) => [v.urn, v.message]);

describe("preflight-eks-private-endpoint-reachable", () => {
  test("compliant: 443 admitted on the control plane's group or on the cluster security group; a public endpoint is not judged", async () => {
    expect(await msgs([api, cluster(false), rule("https", api.urn, 443)])).toEqual([]);
    expect(await msgs([api, cluster(false), rule("all", api.urn, 0, "-1")])).toEqual([]);
    expect(await msgs([api, cluster(false), rule("on-cluster-sg", urnOf(CLUSTER, "c"), 443)])).toEqual([]);
    expect(await msgs([api, cluster(true)])).toEqual([]);
  });

  test("non-compliant: a private-only cluster whose groups admit nothing on 443", async () => {
    const message =
      "EKS cluster \"c\" has only a private API endpoint and no security group rule admits HTTPS (443) to it: the cluster security group admits only itself, so no runner reaches the API and every Kubernetes resource of the stack times out. Add an ingress rule on 443 from the runners' network to a group in vpcConfig.securityGroupIds (platform:eks.endpoint.privateAccessCidrs), or open the public endpoint to the runners' CIDRs.";
    expect(await msgs([api, cluster(false)])).toEqual([[urnOf(CLUSTER, "c"), message]]);
    // A rule on another port, or on a group the cluster does not use, does not count.
    const other = res(SG, "other", { vpcId: "vpc-1", description: "other" });
    expect(
      await msgs([api, other, cluster(false), rule("ssh", api.urn, 22), rule("elsewhere", other.urn, 443)]),
    ).toEqual([[urnOf(CLUSTER, "c"), message]]);
  });
});
