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
  /**
   * Engine of every member. Set explicitly: with a version and no engine, the provider assumes
   * `redis` (@pulumi/aws 7.48.0 `elasticache/globalReplicationGroup.d.ts`: "Default is `redis` if
   * `engineVersion` is specified").
   */
  readonly engine: "valkey" | "redis";
  /** Engine version of every member: changing it upgrades them all (ModifyGlobalReplicationGroup). */
  readonly engineVersion: string;
  /** Node type of every member: changing it resizes them all. */
  readonly cacheNodeType: string;
  /** Protect the global datastore from deletion by Pulumi. @default true */
  readonly protect?: boolean;
}

/**
 * The global object of an ElastiCache global datastore, owned by exactly one stack (the primary);
 * regional members join it with {@link CacheReplicationGroup}.
 *
 * The primary replication group is ignored after creation: promotion is an API call
 * (FailoverGlobalReplicationGroup), and the provider would replace the datastore on a changed
 * primary. Engine, version and node type are set here and not on the members: ElastiCache
 * rejects ModifyReplicationGroup on a member, and the provider applies these through
 * ModifyGlobalReplicationGroup, after creation only where they differ from the primary's
 * (terraform-provider-aws `global_replication_group.go`).
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
        engine: args.engine,
        engineVersion: args.engineVersion,
        cacheNodeType: args.cacheNodeType,
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
