/**
 * Cross-region reachability over offline plans: can every region's app tier open a TCP connection
 * to every region's data stores (the writer and the cache primary may be in any of them after a
 * switchover)? For a source stack S and a destination stack D it checks, from the planned
 * resources of all the stacks (a later stack creates rules in an earlier stack's region):
 *
 * 1. S's app security group has egress to D's CIDR on the store's port (S = D: the VPC's CIDR);
 * 2. D's data security group admits S's CIDR (or, in one region, S's app security group);
 * 3. every private route table of S routes D's CIDR through a peering connection between the two
 *    VPCs, and every isolated route table of D routes S's CIDR back through the same connection
 *    (the longest matching prefix wins; within one VPC the implicit local route serves);
 * 4. D's isolated network ACL admits S's CIDR on the port and lets the replies (ephemeral ports)
 *    out to S's CIDR; so does any managed ACL on S's private subnets, in the other direction
 *    (the private tier keeps the VPC's default ACL, which allows everything).
 *
 * Network ACL rules are evaluated in rule-number order, first match wins, default deny.
 */
import { cidrContains, cidrsOverlap, parseCidr } from "../../src/config/cidr";
import type { PlanResource, StackPlan } from "../../src/plan/types";

const T = {
  egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  route: "aws:ec2/route:Route",
  peering: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
  acl: "aws:ec2/networkAcl:NetworkAcl",
  aclRule: "aws:ec2/networkAclRule:NetworkAclRule",
} as const;

/** Ephemeral ports the replies go back to (the range AWS's NACL guidance opens). */
const EPHEMERAL: [number, number] = [1024, 65535];

interface Side {
  readonly stack: string;
  readonly region: string;
  readonly vpcId: string;
  readonly cidr: string;
  readonly appSg: string;
  readonly privateSubnets: string[];
  readonly privateRouteTables: string[];
  readonly isolatedRouteTables: string[];
  readonly isolatedAcl: string;
  readonly stores: { name: string; sg: string; port: number }[];
}

/** One source app tier, one destination data store, and what is missing on the way (empty: reachable). */
export interface Path {
  readonly from: string;
  readonly to: string;
  readonly store: string;
  readonly missing: string[];
}

type Outputs = {
  network: Record<string, unknown> & { cidr: string; vpcId: string; isolatedNetworkAclId: string };
  tiers: { app: { instanceSecurityGroupId: string } };
  data: Record<string, { securityGroupId: string; port: number }>;
};

function sideOf(plan: StackPlan): Side {
  const o = plan.outputs as unknown as Outputs;
  const n = o.network;
  return {
    stack: plan.stack,
    region: plan.region,
    vpcId: n.vpcId,
    cidr: n.cidr,
    appSg: o.tiers.app.instanceSecurityGroupId,
    privateSubnets: n.privateSubnetIds as string[],
    privateRouteTables: n.privateRouteTableIds as string[],
    isolatedRouteTables: n.isolatedRouteTableIds as string[],
    isolatedAcl: n.isolatedNetworkAclId,
    stores: (["aurora", "cache"] as const).map((name) => ({
      name,
      sg: o.data[name].securityGroupId,
      port: o.data[name].port,
    })),
  };
}

const cidr = (text: unknown) => (typeof text === "string" ? parseCidr(text) : undefined);
const contains = (outer: unknown, inner: string) => {
  const o = cidr(outer);
  return o !== undefined && cidrContains(o, parseCidr(inner)!);
};
const inRegion = (r: PlanResource, region: string) => r.region === region;

/** A security group rule's protocol and ports cover every port of [from, to]. */
function coversPorts(i: Record<string, unknown>, [from, to]: [number, number]): boolean {
  const protocol = String(i.ipProtocol ?? i.protocol);
  if (protocol === "-1" || protocol === "all") return true;
  if (protocol !== "tcp" && protocol !== "6") return false;
  return Number(i.fromPort) <= from && Number(i.toPort) >= to;
}

/** Whether a network ACL lets traffic between it and `peer` through, in one direction. */
function aclAllows(
  all: PlanResource[],
  acl: string,
  region: string,
  egress: boolean,
  peer: string,
  ports: [number, number],
): boolean {
  const rules = all
    .filter((r) => r.type === T.aclRule && inRegion(r, region) && r.inputs.networkAclId === acl)
    .filter((r) => Boolean(r.inputs.egress) === egress)
    .sort((a, b) => Number(a.inputs.ruleNumber) - Number(b.inputs.ruleNumber));
  for (const rule of rules) {
    const block = cidr(rule.inputs.cidrBlock);
    if (!block || !cidrsOverlap(block, parseCidr(peer)!)) continue;
    if (!coversPorts(rule.inputs, ports)) continue;
    return rule.inputs.ruleAction === "allow" && cidrContains(block, parseCidr(peer)!);
  }
  return false;
}

/** The peering connection (ID) through which a route table sends `destination`, if any. */
function routeVia(
  all: PlanResource[],
  table: string,
  region: string,
  destination: string,
): string | undefined {
  const routes = all
    .filter((r) => r.type === T.route && inRegion(r, region) && r.inputs.routeTableId === table)
    .filter((r) => contains(r.inputs.destinationCidrBlock, destination))
    .sort(
      (a, b) => cidr(b.inputs.destinationCidrBlock)!.prefix - cidr(a.inputs.destinationCidrBlock)!.prefix,
    );
  const best = routes[0];
  return typeof best?.inputs.vpcPeeringConnectionId === "string"
    ? best.inputs.vpcPeeringConnectionId
    : undefined;
}

function check(all: PlanResource[], src: Side, dst: Side, store: Side["stores"][number]): string[] {
  const missing: string[] = [];
  const same = src.stack === dst.stack;
  const port: [number, number] = [store.port, store.port];

  const egress = all.some(
    (r) =>
      r.type === T.egress &&
      inRegion(r, src.region) &&
      r.inputs.securityGroupId === src.appSg &&
      contains(r.inputs.cidrIpv4, dst.cidr) &&
      coversPorts(r.inputs, port),
  );
  if (!egress) missing.push(`${src.stack} app security group egress to ${dst.cidr}:${store.port}`);

  const ingress = all.some(
    (r) =>
      r.type === T.ingress &&
      inRegion(r, dst.region) &&
      r.inputs.securityGroupId === store.sg &&
      coversPorts(r.inputs, port) &&
      (contains(r.inputs.cidrIpv4, src.cidr) || (same && r.inputs.referencedSecurityGroupId === src.appSg)),
  );
  if (!ingress)
    missing.push(`${dst.stack} ${store.name} security group ingress from ${src.cidr}:${store.port}`);

  if (!same) {
    const connections = new Set(
      all
        .filter((r) => r.type === T.peering)
        .filter((r) => {
          const ends = [r.inputs.vpcId, r.inputs.peerVpcId];
          return ends.includes(src.vpcId) && ends.includes(dst.vpcId);
        })
        .map((r) => r.id),
    );
    for (const table of src.privateRouteTables) {
      const via = routeVia(all, table, src.region, dst.cidr);
      if (!via || !connections.has(via))
        missing.push(`${src.stack} route ${table} to ${dst.cidr} via the peering`);
    }
    for (const table of dst.isolatedRouteTables) {
      const via = routeVia(all, table, dst.region, src.cidr);
      if (!via || !connections.has(via))
        missing.push(`${dst.stack} route ${table} to ${src.cidr} via the peering`);
    }
  }

  if (!aclAllows(all, dst.isolatedAcl, dst.region, false, src.cidr, port))
    missing.push(`${dst.stack} isolated network ACL ingress from ${src.cidr}:${store.port}`);
  if (!aclAllows(all, dst.isolatedAcl, dst.region, true, src.cidr, EPHEMERAL))
    missing.push(`${dst.stack} isolated network ACL egress to ${src.cidr} (replies)`);
  const srcAcls = all.filter(
    (r) =>
      r.type === T.acl &&
      inRegion(r, src.region) &&
      ((r.inputs.subnetIds as string[] | undefined) ?? []).some((s) => src.privateSubnets.includes(s)),
  );
  for (const acl of srcAcls) {
    if (!aclAllows(all, acl.id!, src.region, true, dst.cidr, port))
      missing.push(`${src.stack} private network ACL egress to ${dst.cidr}:${store.port}`);
    if (!aclAllows(all, acl.id!, src.region, false, dst.cidr, EPHEMERAL))
      missing.push(`${src.stack} private network ACL ingress from ${dst.cidr} (replies)`);
  }
  return missing;
}

/** Every (app tier, data store) pair across the plans, each with what its path lacks. */
export function reachability(plans: readonly StackPlan[]): Path[] {
  const all = plans.flatMap((p) => p.resources.filter((r) => r.operation === "register"));
  const sides = plans.map(sideOf);
  return sides.flatMap((src) =>
    sides.flatMap((dst) =>
      dst.stores.map((store) => ({
        from: src.stack,
        to: dst.stack,
        store: store.name,
        missing: check(all, src, dst, store),
      })),
    ),
  );
}
