import { peeringRoutesPeerCidrOnly } from "../../../policies/network/peering-routes-peer-cidr-only";
import { check, res, urnOf } from "../../helpers/policy";

const PCX = "aws:ec2/vpcPeeringConnection:VpcPeeringConnection";
const ACC = "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter";
const ROUTE = "aws:ec2/route:Route";
const sides = {
  "platform:requester-region": "eu-west-1",
  "platform:requester-cidr": "10.20.0.0/16",
  "platform:accepter-region": "us-east-1",
  "platform:accepter-cidr": "10.10.0.0/16",
};
const pcx = res(PCX, "p", { peerRegion: "us-east-1", tags: sides }, { region: "eu-west-1" });
const acc = res(
  ACC,
  "p-accepter",
  { region: "us-east-1", vpcPeeringConnectionId: "pcx-1", tags: sides },
  { region: "us-east-1" },
);
const route = (name: string, inputs: Record<string, unknown>) =>
  res(
    ROUTE,
    name,
    { vpcPeeringConnectionId: "pcx-1", routeTableId: "rtb-1", ...inputs },
    { propertyDependencies: { vpcPeeringConnectionId: [acc.urn] } },
  );

// The stack under test is eu-west-1 (the requester, which owns the peering).
const checkEu = (...routes: ReturnType<typeof route>[]) =>
  check(peeringRoutesPeerCidrOnly, [pcx, acc, ...routes], "eu-west-1");

describe("network-peering-routes-peer-cidr-only", () => {
  test("compliant: local routes name the accepter's CIDR, remote routes (region input) the requester's", async () => {
    const v = await checkEu(
      route("local", { destinationCidrBlock: "10.10.0.0/16" }),
      route("remote", { region: "us-east-1", destinationCidrBlock: "10.20.0.0/16" }),
      res(ROUTE, "nat-default", {
        routeTableId: "rtb-1",
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: "nat-1",
      }),
    );
    expect(v).toEqual([]);
  });

  test("non-compliant: a default route, a supernet and the wrong side's CIDR through the peering", async () => {
    const v = await checkEu(
      route("everything", { destinationCidrBlock: "0.0.0.0/0" }),
      route("supernet", { destinationCidrBlock: "10.0.0.0/8" }),
      route("own-cidr", { region: "us-east-1", destinationCidrBlock: "10.10.0.0/16" }),
    );
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(ROUTE, "everything"),
        'Route "everything" through a peering connection targets "0.0.0.0/0": expected exactly the peer VPC\'s CIDR "10.10.0.0/16".',
      ],
      [
        urnOf(ROUTE, "supernet"),
        'Route "supernet" through a peering connection targets "10.0.0.0/8": expected exactly the peer VPC\'s CIDR "10.10.0.0/16".',
      ],
      [
        urnOf(ROUTE, "own-cidr"),
        'Route "own-cidr" through a peering connection targets "10.10.0.0/16": expected exactly the peer VPC\'s CIDR "10.20.0.0/16".',
      ],
    ]);
  });

  test("non-compliant: IPv6 destinations and connections the stack does not declare", async () => {
    const v = await check(
      peeringRoutesPeerCidrOnly,
      [
        route("v6", { destinationIpv6CidrBlock: "::/0" }),
        res(ROUTE, "foreign", {
          vpcPeeringConnectionId: "pcx-elsewhere",
          routeTableId: "rtb-2",
          destinationCidrBlock: "10.99.0.0/16",
        }),
      ],
      "eu-west-1",
    );
    expect(v.map((x) => x.message)).toEqual([
      'Route "v6" through a peering connection uses an IPv6 or prefix-list destination: expected only the peer VPC\'s IPv4 CIDR.',
      'Route "foreign" through a peering connection uses a connection this stack does not declare with its sides\' regions and CIDRs (platform:requester-*/accepter-* tags): cannot tell the peer CIDR.',
    ]);
  });

  test("non-compliant: a route in a third region", async () => {
    const v = await checkEu(route("lost", { region: "ap-south-1", destinationCidrBlock: "10.10.0.0/16" }));
    expect(v.map((x) => x.message)).toEqual([
      'Route "lost" through a peering connection is in region "ap-south-1", on neither side of the connection.',
    ]);
  });
});
