/**
 * The shape of the outputs a region stack exports. Later stacks read them through
 * StackReference, so they are a contract: change them only together with their readers.
 */

/** Stack output `network`. */
export interface NetworkOutput {
  region: string;
  vpcId: string;
  cidr: string;
  publicSubnetIds: string[];
  privateSubnetIds: string[];
  isolatedSubnetIds: string[];
  privateRouteTableIds: string[];
  isolatedRouteTableIds: string[];
  isolatedNetworkAclId: string;
}

const STRING_FIELDS = ["region", "vpcId", "cidr", "isolatedNetworkAclId"] as const;
const LIST_FIELDS = [
  "publicSubnetIds",
  "privateSubnetIds",
  "isolatedSubnetIds",
  "privateRouteTableIds",
  "isolatedRouteTableIds",
] as const;

/** Checks a value read from another stack; throws naming the stack and the missing field. */
export function asNetworkOutput(stack: string, value: unknown): NetworkOutput {
  const v = value as Record<string, unknown> | undefined;
  if (typeof v !== "object" || v === null) {
    throw new Error(
      `Stack "${stack}" has no "network" output: apply it before the stacks that list it in platform:peers`,
    );
  }
  for (const f of STRING_FIELDS) {
    if (typeof v[f] !== "string")
      throw new Error(`Stack "${stack}": output network.${f} is missing or not a string`);
  }
  for (const f of LIST_FIELDS) {
    if (!Array.isArray(v[f]) || !v[f].every((x) => typeof x === "string")) {
      throw new Error(`Stack "${stack}": output network.${f} is missing or not a list of strings`);
    }
  }
  return v as unknown as NetworkOutput;
}

/** Stack output `data`: what other stacks and applications need of the data tier. */
export interface DataOutput {
  aurora: {
    globalClusterIdentifier: string;
    globalWriterEndpoint: string;
    readerEndpoint: string;
    securityGroupId: string;
    secretArn: string;
    port: number;
  };
  cache: {
    globalReplicationGroupId: string;
    primaryEndpoint: string;
    readerEndpoint: string;
    securityGroupId: string;
    secretArn: string;
    port: number;
  };
}

/** Checks a peer's `data` output; throws naming the stack and the field. */
export function asDataOutput(stack: string, value: unknown): DataOutput {
  const v = value as Record<string, Record<string, unknown>> | undefined;
  if (typeof v !== "object" || v === null) {
    throw new Error(
      `Stack "${stack}" has no "data" output: apply it before the stacks that list it in platform:peers`,
    );
  }
  const need: [string, string][] = [
    ["aurora", "globalClusterIdentifier"],
    ["aurora", "globalWriterEndpoint"],
    ["aurora", "securityGroupId"],
    ["cache", "globalReplicationGroupId"],
    ["cache", "securityGroupId"],
  ];
  for (const [store, field] of need) {
    if (typeof v[store]?.[field] !== "string" || v[store][field] === "") {
      throw new Error(
        `Stack "${stack}": output data.${store}.${field} is missing: apply that stack (its writer must exist) first`,
      );
    }
  }
  return v as unknown as DataOutput;
}
