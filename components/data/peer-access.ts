import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DATA_STORE_PORT, TAG, type DataStoreName } from "../../src/conventions";
import { tagsFor, type Tags } from "../lib/tags";

/** Arguments of {@link PeerDataAccess}. */
export interface PeerDataAccessArgs {
  /** The earlier stack's region, where its data stores live and every rule is created. */
  readonly region: string;
  /** Its data stores' security groups, by store. */
  readonly stores: readonly {
    readonly name: DataStoreName;
    readonly securityGroupId: pulumi.Input<string>;
  }[];
  /** This (later) stack's VPC CIDR, admitted on each store's port. */
  readonly cidr: string;
  /** @default {} */
  readonly tags?: Tags;
}

/**
 * Opens an earlier stack's data stores to this stack's VPC CIDR, through each rule's own `region`
 * input, so the later stack owns both sides of cross-region data access (as it owns the peering)
 * and no stack waits on a later one. Security groups cannot reference groups across regions, so
 * the rule names the CIDR.
 */
export class PeerDataAccess extends pulumi.ComponentResource {
  constructor(name: string, args: PeerDataAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:PeerDataAccess", name, {}, opts);
    for (const store of args.stores) {
      const n = `${name}-${store.name}`;
      const port = DATA_STORE_PORT[store.name];
      new aws.vpc.SecurityGroupIngressRule(
        n,
        {
          region: args.region,
          securityGroupId: store.securityGroupId,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          cidrIpv4: args.cidr,
          description: `peer VPC ${args.cidr}`,
          tags: tagsFor(args.tags, n, { [TAG.dataStore]: store.name }),
        },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}
