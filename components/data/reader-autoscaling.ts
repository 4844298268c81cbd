import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TAG } from "../../src/conventions";
import { tagsFor, type Tags } from "../lib/tags";
import type { AuroraCluster } from "./aurora-cluster";

/** Arguments of {@link ReaderAutoscaling}. */
export interface ReaderAutoscalingArgs {
  /** The cluster's region: the target and its policy live there. */
  readonly region: string;
  /**
   * The cluster whose readers scale: the one in `writerRegion`. "Aurora global databases currently
   * don't support Aurora Auto Scaling for secondary DB clusters" (Aurora User Guide, "Using Amazon
   * Aurora Auto Scaling with Aurora replicas", Before you begin). The target waits for its
   * instances, and its children keep the URNs they had as children of the cluster (aliases).
   */
  readonly cluster: AuroraCluster;
  /** The fewest reader replicas. */
  readonly min: number;
  /** The most reader replicas. */
  readonly max: number;
  /** The readers' average CPU target, in percent. */
  readonly cpuTarget: number;
  /**
   * Where the writer of the global database should be (`platform:failover.writerRegion`): the
   * scalable target carries it as a tag ({@link TAG.writerRegion}), so that
   * preflight-aurora-autoscaling-secondary can tell the writer's cluster from a secondary.
   */
  readonly writerRegion: string;
  /**
   * What must have happened before the target is registered: in the stack that owns the
   * `WriterPlacement`, the placement, so that a move of the writer back to this cluster's region
   * registers the target only once the cluster holds the writer again. @default none
   */
  readonly after?: pulumi.Input<pulumi.Resource>[];
  /** Tags of the target (plus its Name and {@link TAG.writerRegion}). @default only those two */
  readonly tags?: Tags;
}

/**
 * Application Auto Scaling of an Aurora cluster's readers on their average CPU: the scalable
 * target (`rds:cluster:ReadReplicaCount`) and a target-tracking policy on
 * `RDSReaderAverageCPUUtilization`. Built by the stack in `platform:failover.writerRegion` only
 * (stacks/data.ts `readerScaling`). The children were children of {@link AuroraCluster} before
 * (`<cluster>-readers`, `<cluster>-readers-cpu`); the aliases keep them from being replaced.
 */
export class ReaderAutoscaling extends pulumi.ComponentResource {
  /** The scalable target's resource ID, `cluster:<identifier>`. */
  readonly resourceId: pulumi.Output<string>;

  constructor(name: string, args: ReaderAutoscalingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:ReaderAutoscaling", name, {}, opts);
    const region = args.region;
    // The URNs they had as children of the AuroraCluster.
    const child = { parent: this, aliases: [{ parent: args.cluster }] };
    const target = new aws.appautoscaling.Target(
      name,
      {
        region,
        serviceNamespace: "rds",
        scalableDimension: "rds:cluster:ReadReplicaCount",
        resourceId: pulumi.interpolate`cluster:${args.cluster.clusterIdentifier}`,
        minCapacity: args.min,
        maxCapacity: args.max,
        tags: tagsFor(args.tags, name, { [TAG.writerRegion]: args.writerRegion }),
      },
      { ...child, dependsOn: [...args.cluster.instances, ...(args.after ?? [])] },
    );
    new aws.appautoscaling.Policy(
      `${name}-cpu`,
      {
        region,
        policyType: "TargetTrackingScaling",
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: "RDSReaderAverageCPUUtilization" },
          targetValue: args.cpuTarget,
          scaleInCooldown: 300,
          scaleOutCooldown: 120,
        },
      },
      // After the target (and so after `after`): PutScalingPolicy needs the registered target.
      { ...child, dependsOn: [target] },
    );
    this.resourceId = target.resourceId;
    this.registerOutputs({ resourceId: this.resourceId });
  }
}
