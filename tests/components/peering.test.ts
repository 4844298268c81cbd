import { VpcPeering, type VpcPeeringArgs } from "../../components/network";
import { run, T, type Ran } from "../helpers/run";

const args: VpcPeeringArgs = {
  requester: {
    region: "eu-west-1",
    vpcId: "vpc-eu",
    cidr: "10.20.0.0/16",
    routeTables: [
      { key: "private-eu-west-1a", id: "rtb-eu-1", legacyIndex: 0 },
      { key: "isolated-eu-west-1a", id: "rtb-eu-2", legacyIndex: 1 },
    ],
    networkAclId: "acl-eu",
  },
  accepter: {
    region: "us-east-1",
    accountId: "111122223333",
    vpcId: "vpc-us",
    cidr: "10.10.0.0/16",
    routeTables: [
      { key: "private-us-east-1a", id: "rtb-us-1", legacyIndex: 0 },
      { key: "private-us-east-1b", id: "rtb-us-2", legacyIndex: 1 },
      { key: "isolated-us-east-1a", id: "rtb-us-3" },
    ],
    networkAclId: "acl-us",
  },
  tags: { owner: "team" },
};

describe("VpcPeering", () => {
  let ran: Ran;
  beforeAll(async () => {
    ran = await run(() => new VpcPeering("euw1-to-use1", args), { region: "eu-west-1" });
  });

  test("the requester connection is in this stack's region, names the peer region and is not auto-accepted", () => {
    const [pcx] = ran.ofType(T.peering);
    expect(ran.regionOf(pcx)).toBe("eu-west-1");
    expect(pcx.inputs).toMatchObject({
      vpcId: "vpc-eu",
      peerVpcId: "vpc-us",
      peerRegion: "us-east-1",
      peerOwnerId: "111122223333",
      autoAccept: false,
    });
    expect(pcx.inputs.region).toBe("eu-west-1");
  });

  test("the acceptance lives in the peer's region through its own region input", () => {
    const [acc] = ran.ofType(T.accepter);
    expect(acc.inputs).toMatchObject({
      region: "us-east-1",
      autoAccept: true,
      vpcPeeringConnectionId: ran.ofType(T.peering)[0].id,
    });
    expect(ran.regionOf(acc)).toBe("us-east-1");
  });

  test("DNS resolution is enabled on both sides, only after acceptance", () => {
    const acc = ran.ofType(T.accepter)[0];
    const req = ran.one(T.peeringOptions, "euw1-to-use1-requester-dns");
    const accOpt = ran.one(T.peeringOptions, "euw1-to-use1-accepter-dns");
    expect(req.inputs.requester).toEqual({ allowRemoteVpcDnsResolution: true });
    expect(accOpt.inputs.accepter).toEqual({ allowRemoteVpcDnsResolution: true });
    expect([ran.regionOf(req), ran.regionOf(accOpt)]).toEqual(["eu-west-1", "us-east-1"]);
    expect(req.options.dependsOn).toContain(acc.urn);
    expect(accOpt.options.dependsOn).toContain(acc.urn);
  });

  test("a duplicate route table key is refused", async () => {
    const dup = { key: "private-eu-west-1a", id: "rtb-eu-9" };
    await expect(
      run(
        () => new VpcPeering("dup", { ...args, requester: { ...args.requester, routeTables: [dup, dup] } }),
      ),
    ).rejects.toThrow("VpcPeering dup: the requester side's route table keys are not unique");
  });

  test("each side's route tables get one route to the other side's CIDR, and only that CIDR", () => {
    const routes = ran.ofType(T.route);
    expect(routes).toHaveLength(5);
    const local = routes.filter((r) => ran.regionOf(r) === "eu-west-1");
    const remote = routes.filter((r) => ran.regionOf(r) === "us-east-1");
    expect(local.map((r) => [r.inputs.routeTableId, r.inputs.destinationCidrBlock])).toEqual([
      ["rtb-eu-2", "10.10.0.0/16"],
      ["rtb-eu-1", "10.10.0.0/16"],
    ]);
    expect(
      remote.map((r) => [r.inputs.routeTableId, r.inputs.destinationCidrBlock, r.inputs.region]),
    ).toEqual([
      ["rtb-us-3", "10.20.0.0/16", "us-east-1"],
      ["rtb-us-1", "10.20.0.0/16", "us-east-1"],
      ["rtb-us-2", "10.20.0.0/16", "us-east-1"],
    ]);
    const acc = ran.ofType(T.accepter)[0];
    expect(routes.map((r) => [r.name, r.options.aliases.map((a) => a.split("::").pop())])).toEqual([
      ["euw1-to-use1-accepter-route-isolated-us-east-1a", []],
      ["euw1-to-use1-accepter-route-private-us-east-1a", ["euw1-to-use1-accepter-route-0"]],
      ["euw1-to-use1-accepter-route-private-us-east-1b", ["euw1-to-use1-accepter-route-1"]],
      ["euw1-to-use1-requester-route-isolated-eu-west-1a", ["euw1-to-use1-requester-route-1"]],
      ["euw1-to-use1-requester-route-private-eu-west-1a", ["euw1-to-use1-requester-route-0"]],
    ]);
    for (const r of routes) {
      expect(r.inputs.vpcPeeringConnectionId).toBe(ran.ofType(T.peering)[0].id);
      expect(r.options.propertyDependencies.vpcPeeringConnectionId).toEqual([acc.urn]);
    }
  });

  test("both isolated network ACLs admit the other side's CIDR, with a rule number unique to that CIDR", () => {
    const rules = ran
      .ofType(T.naclRule)
      .map((r) => [
        r.inputs.networkAclId,
        r.inputs.egress,
        r.inputs.cidrBlock,
        r.inputs.ruleNumber,
        ran.regionOf(r),
      ]);
    expect(rules).toEqual([
      ["acl-us", true, "10.20.0.0/16", 1320, "us-east-1"],
      ["acl-us", false, "10.20.0.0/16", 1320, "us-east-1"],
      ["acl-eu", true, "10.10.0.0/16", 1160, "eu-west-1"],
      ["acl-eu", false, "10.10.0.0/16", 1160, "eu-west-1"],
    ]);
  });

  test("the connection and acceptance carry both sides' regions and CIDRs as tags", () => {
    for (const r of [...ran.ofType(T.peering), ...ran.ofType(T.accepter)]) {
      expect(r.inputs.tags).toMatchObject({
        owner: "team",
        "platform:requester-region": "eu-west-1",
        "platform:requester-cidr": "10.20.0.0/16",
        "platform:accepter-region": "us-east-1",
        "platform:accepter-cidr": "10.10.0.0/16",
      });
    }
  });
});
