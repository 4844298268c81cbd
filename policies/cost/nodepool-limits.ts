import type { ResourceValidationPolicy } from "@pulumi/policy";
import { NODE_POOL_TYPE, specOf } from "../lib/eks";
import { asObject } from "../lib/values";

export interface NodePoolLimitsConfig {
  /** The most vCPUs one NodePool may allow. */
  maxCpu: number;
  /** The most memory one NodePool may allow, in GiB. */
  maxMemoryGiB: number;
}

const UNITS: Record<string, number> = { Ki: 2 ** -20, Mi: 2 ** -10, Gi: 1, Ti: 2 ** 10, Pi: 2 ** 20 };

/** A Kubernetes quantity as a number: CPU cores (`"200"`, `"500m"`) or GiB (`"800Gi"`, `"1Ti"`). */
export function quantity(v: unknown, kind: "cpu" | "memory"): number | undefined {
  const text = typeof v === "number" ? String(v) : v;
  if (typeof text !== "string") return undefined;
  const m = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|Pi)?$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (kind === "cpu") return m[2] === "m" ? n / 1000 : m[2] === undefined ? n : undefined;
  return m[2] && m[2] !== "m" ? n * UNITS[m[2]] : n / 2 ** 30;
}

/**
 * Every Karpenter NodePool limits the CPU and memory of the nodes it may launch, within the
 * configured ceilings: a pool without limits scales the bill with whatever asks for capacity.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const nodePoolLimits: ResourceValidationPolicy = {
  name: "cost-nodepool-limits",
  description: "Karpenter NodePools must set CPU and memory limits, within the configured ceilings.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      maxCpu: { type: "number", minimum: 1, default: 1000 },
      maxMemoryGiB: { type: "number", minimum: 1, default: 4000 },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== NODE_POOL_TYPE) return;
    const { maxCpu, maxMemoryGiB } = args.getConfig<NodePoolLimitsConfig>();
    const limits = asObject(specOf(args).limits);
    const cpu = quantity(limits.cpu, "cpu");
    const memory = quantity(limits.memory, "memory");
    if (cpu === undefined || memory === undefined) {
      reportViolation(
        `NodePool "${args.name}" has no ${[cpu === undefined ? "cpu" : "", memory === undefined ? "memory" : ""].filter(Boolean).join(" and ")} limit: ` +
          `set spec.limits.cpu and spec.limits.memory (platform:eks.karpenter.pools.<pool>.limits), or Karpenter launches nodes without bound.`,
      );
      return;
    }
    if (cpu > maxCpu || memory > maxMemoryGiB) {
      reportViolation(
        `NodePool "${args.name}" allows ${cpu} vCPUs and ${memory} GiB: expected at most ${maxCpu} vCPUs and ${maxMemoryGiB} GiB (policy config maxCpu, maxMemoryGiB).`,
      );
    }
  },
};
