import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";

/** Arguments of {@link GlobalDatabase}. */
export interface GlobalDatabaseArgs {
  /** The region whose RDS API creates the global cluster (the owning stack's region). */
  readonly region: string;
  /** The global cluster's identifier, e.g. "prod-platform". */
  readonly identifier: string;
  /** Aurora PostgreSQL version of the global cluster, e.g. "16.4". */
  readonly engineVersion: string;
  /** The database created in the cluster. */
  readonly databaseName: string;
  /** Protect the global cluster from deletion by Pulumi. @default true */
  readonly protect?: boolean;
  /** Tags of the global cluster (plus its Name). @default only the Name tag */
  readonly tags?: Tags;
}

/**
 * The global object of an Aurora PostgreSQL global database, owned by exactly one stack (the
 * primary); regional members join it with {@link AuroraCluster}. Encrypted, with deletion
 * protection, and `protect` so that `pulumi destroy` stops before it.
 *
 * Engine upgrades go through the global cluster's `engineVersion`: the provider upgrades every
 * member from here (ModifyGlobalCluster with AllowMajorVersionUpgrade for a major version, each
 * member for a minor one), and the members ignore their own `engineVersion` (@pulumi/aws 7.48.0
 * `rds/globalCluster.d.ts`, "Upgrading Engine Versions"). See docs/architecture.md for the
 * procedure of a major upgrade.
 */
export class GlobalDatabase extends pulumi.ComponentResource {
  readonly cluster: aws.rds.GlobalCluster;
  /** The global cluster's identifier, for members to join. */
  readonly identifier: pulumi.Output<string>;
  /** The writer endpoint that follows the writer across regions after a switchover. */
  readonly writerEndpoint: pulumi.Output<string>;

  constructor(name: string, args: GlobalDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:GlobalDatabase", name, {}, opts);
    this.cluster = new aws.rds.GlobalCluster(
      name,
      {
        region: args.region,
        globalClusterIdentifier: args.identifier,
        engine: "aurora-postgresql",
        engineVersion: args.engineVersion,
        databaseName: args.databaseName,
        storageEncrypted: true,
        deletionProtection: true,
        tags: tagsFor(args.tags, name),
      },
      {
        parent: this,
        protect: args.protect ?? true,
        // Created at the stack's root before this component existed.
        aliases: [{ parent: pulumi.rootStackResource }],
      },
    );
    this.identifier = this.cluster.globalClusterIdentifier;
    this.writerEndpoint = this.cluster.endpoint;
    this.registerOutputs({ identifier: this.identifier, writerEndpoint: this.writerEndpoint });
  }
}
