import * as pulumi from "@pulumi/pulumi";
import { writerPlacementProvider } from "../../src/aws/global-switchover";
import { WRITER_PLACEMENT } from "../../src/conventions";

/** Arguments of {@link WriterPlacement}. */
export interface WriterPlacementArgs {
  /** The Aurora global cluster's identifier. */
  readonly globalClusterIdentifier: pulumi.Input<string>;
  /** The ElastiCache global datastore's full ID (`aws.elasticache.GlobalReplicationGroup` `id`). */
  readonly globalReplicationGroupId: pulumi.Input<string>;
  /** Where the Aurora writer and the cache primary should be. */
  readonly writerRegion: string;
  /** An unplanned failover (FailoverGlobalCluster with AllowDataLoss) instead of a switchover. @default false */
  readonly allowDataLoss?: boolean;
  /** Refuse to move the writer while the target lags more than this. */
  readonly maxReplicationLagSeconds: number;
  /** How long to wait for both stores. */
  readonly timeoutSeconds: number;
  /** Resources that must exist first (the writer instance, the global datastore). @default none */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** The dynamic resource behind {@link WriterPlacement}, typed `pulumi-nodejs:dynamic/failover:WriterPlacement`. */
class WriterPlacementResource extends pulumi.dynamic.Resource {
  declare readonly auroraWriterRegion: pulumi.Output<string>;
  declare readonly cachePrimaryRegion: pulumi.Output<string>;

  constructor(
    name: string,
    props: Record<string, pulumi.Input<unknown>>,
    opts: pulumi.CustomResourceOptions,
  ) {
    super(
      writerPlacementProvider,
      name,
      { ...props, auroraWriterRegion: undefined, cachePrimaryRegion: undefined },
      opts,
      WRITER_PLACEMENT.module,
      WRITER_PLACEMENT.type,
    );
  }
}

/**
 * Where the writer of the platform's global stores is: a resource with its own lifecycle, owned by
 * the stack that owns the global objects. Changing `writerRegion` switches the Aurora global
 * database over (or fails it over with data loss, when allowed) and fails the ElastiCache global
 * datastore over to that region, then waits for both (src/aws/global-switchover.ts). It reads the
 * writer's region first, so it does nothing where the writer already is, and its diff looks at
 * its inputs only, so an out-of-band failover is never undone. The members themselves ignore what
 * a switchover changes (`GLOBAL_MEMBER_IGNORE_CHANGES`, `GLOBAL_CACHE_PRIMARY_IGNORE_CHANGES`):
 * nothing is replaced. Deleting it leaves the writers where they are.
 */
export class WriterPlacement extends pulumi.ComponentResource {
  /** Where the Aurora writer was after the last apply. */
  readonly auroraWriterRegion: pulumi.Output<string>;
  /** Where the cache primary was after the last apply. */
  readonly cachePrimaryRegion: pulumi.Output<string>;

  constructor(name: string, args: WriterPlacementArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:WriterPlacement", name, {}, opts);
    const placement = new WriterPlacementResource(
      name,
      {
        globalClusterIdentifier: args.globalClusterIdentifier,
        globalReplicationGroupId: args.globalReplicationGroupId,
        writerRegion: args.writerRegion,
        allowDataLoss: args.allowDataLoss ?? false,
        maxReplicationLagSeconds: args.maxReplicationLagSeconds,
        timeoutSeconds: args.timeoutSeconds,
      },
      { parent: this, dependsOn: args.dependsOn ?? [] },
    );
    this.auroraWriterRegion = placement.auroraWriterRegion;
    this.cachePrimaryRegion = placement.cachePrimaryRegion;
    this.registerOutputs({
      auroraWriterRegion: this.auroraWriterRegion,
      cachePrimaryRegion: this.cachePrimaryRegion,
    });
  }
}
