import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Arguments of {@link GlobalDatastore}. */
export interface GlobalDatastoreArgs {
  /** The region of the primary replication group (the owning stack's region). */
  readonly region: string;
  /** The suffix AWS appends to its own prefix to make the global datastore's ID, e.g. "prod-platform". */
  readonly idSuffix: string;
  readonly description: string;
  /** The replication group that becomes the datastore's first primary. */
  readonly primaryReplicationGroupId: pulumi.Input<string>;
  /** Protect the global datastore from deletion by Pulumi. @default true */
  readonly protect?: boolean;
}

/**
 * The global object of an ElastiCache global datastore, owned by exactly one stack (the primary);
 * regional members join it with {@link CacheReplicationGroup}.
 *
 * The primary replication group is ignored after creation: promotion is an API call
 * (FailoverGlobalReplicationGroup), and the provider would replace the datastore on a changed
 * primary.
 */
export class GlobalDatastore extends pulumi.ComponentResource {
  readonly group: aws.elasticache.GlobalReplicationGroup;
  /** The global datastore's ID (AWS's prefix plus the suffix), for members to join. */
  readonly id: pulumi.Output<string>;

  constructor(name: string, args: GlobalDatastoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:GlobalDatastore", name, {}, opts);
    this.group = new aws.elasticache.GlobalReplicationGroup(
      name,
      {
        region: args.region,
        globalReplicationGroupIdSuffix: args.idSuffix,
        globalReplicationGroupDescription: args.description,
        primaryReplicationGroupId: args.primaryReplicationGroupId,
      },
      {
        parent: this,
        protect: args.protect ?? true,
        ignoreChanges: ["primaryReplicationGroupId"],
        // Created at the stack's root before this component existed.
        aliases: [{ parent: pulumi.rootStackResource }],
      },
    );
    this.id = this.group.globalReplicationGroupId;
    this.registerOutputs({ id: this.id });
  }
}
