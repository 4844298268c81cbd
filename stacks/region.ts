/**
 * Turns a validated StackConfig into the components of one region stack, and assembles the
 * stack's outputs from explicit names (every output is part of the contract in
 * stacks/contract.ts and documented in docs/architecture.md).
 */
import type { StackConfig } from "../src/config";
import { buildContext } from "./context";
import { buildCrossRegionAccess } from "./cross-region";
import type { Deferred, StackOutputs } from "./contract";
import { buildData } from "./data";
import { buildEdge } from "./edge";
import { buildEks } from "./eks";
import { buildFoundation } from "./foundation";
import { buildNetwork } from "./network";
import { buildPipeline } from "./pipeline";
import { buildObservability, monitoredPipeline } from "./observability";
import { buildTiers } from "./tiers";

/** Builds every resource of the region and returns the stack's outputs. */
export async function buildRegion(cfg: StackConfig): Promise<Deferred<StackOutputs>> {
  const ctx = await buildContext(cfg);
  const foundation = buildFoundation(ctx);
  const network = buildNetwork(ctx, foundation.handles);
  const tiers = buildTiers(ctx, network.handles);
  const eks = buildEks(ctx, { ...network.handles, ...foundation.handles });
  const data = buildData(ctx, {
    ...network.handles,
    ...tiers.handles,
    ...foundation.handles,
    ...eks.handles,
  });
  buildCrossRegionAccess(ctx);
  const edge = buildEdge(ctx, { ...tiers.handles, ...foundation.handles });
  const pipeline = buildPipeline(ctx, { ...foundation.handles, ...tiers.handles, ...eks.handles });
  const observability = buildObservability(ctx, {
    ...tiers.handles,
    ...data.handles,
    ...eks.handles,
    ...edge.handles,
    // What other areas ask CloudWatch to watch: the order pipeline's queues and state machine.
    monitored: monitoredPipeline(pipeline.handles),
  });

  return {
    role: cfg.role,
    region: cfg.region,
    posture: cfg.posture,
    network: network.outputs.network,
    tiers: tiers.outputs.tiers,
    data: data.outputs.data,
    edge: edge.outputs.edge,
    eks: eks.outputs.eks,
    observability: observability.outputs.observability,
    failover: {
      writerRegion: cfg.failover.writerRegion,
      drill: cfg.failover.drill,
      order: [...(cfg.failover.order ?? [])],
      readerAutoscaling: { ...cfg.data.aurora.readerAutoscaling },
    },
    kubeconfig: eks.outputs.kubeconfig,
    pipeline: pipeline.outputs.pipeline,
    // What the primary hands every later stack (secret outputs).
    ...(tiers.outputs.originVerifySecret ? { originVerifySecret: tiers.outputs.originVerifySecret } : {}),
  };
}
