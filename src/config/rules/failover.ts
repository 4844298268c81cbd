/** Rules of failover and drills (`platform:failover`) within one stack file; across files: src/plan/stack-set.ts. */
import { estimate } from "../../failover/model";
import { DEFAULT_RPO_SECONDS, FAILOVER_DEFAULTS, HEALTH_CHECK_DEFAULTS } from "../defaults";
import { show } from "../messages";
import { list, numberOr, record, type RawStack } from "../raw";
import type { RuleTable } from "../rule-table";

const failover = (s: RawStack) => record(s.input.failover);
const order = (s: RawStack) => list(failover(s).order);

/**
 * The writer's region as the stack file resolves it: `writerRegion`, or the primary stack's region
 * (this stack's on the primary, its `primary` peer's on a secondary).
 */
export function writerRegionOf(s: Pick<RawStack, "region" | "input">): unknown {
  const given = record(s.input.failover).writerRegion;
  if (given !== undefined) return given;
  if (s.input.role === "primary") return s.region;
  return list(s.input.peers)
    .map(record)
    .find((p) => p.role === "primary")?.region;
}

/** What the RTO model gives for a stack file's raw values (defaults where keys are left out). */
export function estimatesOf(s: RawStack) {
  const hc = record(record(s.input.edge).healthCheck);
  const f = failover(s);
  return estimate({
    intervalSeconds: numberOr(hc.intervalSeconds, HEALTH_CHECK_DEFAULTS.intervalSeconds),
    failureThreshold: numberOr(hc.failureThreshold, HEALTH_CHECK_DEFAULTS.failureThreshold),
    switchoverEstimateSeconds: numberOr(
      f.switchoverEstimateSeconds,
      FAILOVER_DEFAULTS.switchoverEstimateSeconds,
    ),
    allowDataLoss: f.allowDataLoss === true,
    // The Aurora RPO alarm's threshold: an unplanned failover's RPO is the lag at the failure,
    // which no config bounds (src/failover/model.ts).
    rpoAlarmSeconds: numberOr(record(s.input.observability).rpoSeconds, DEFAULT_RPO_SECONDS),
  });
}

export const FAILOVER_RULES: RuleTable<RawStack> = [
  {
    name: "a region drill moves the writer away from the drilled region",
    reads: ["platform:failover.drill", "platform:failover.writerRegion", "aws:region"],
    when: (s) => failover(s).drill === "region",
    fails: (s) => writerRegionOf(s) === s.region,
    message: (s) =>
      `platform:failover.drill = "region" but platform:failover.writerRegion = ${show(writerRegionOf(s))} is this stack's own region` +
      `${failover(s).writerRegion === undefined ? " (its default: the primary stack's region)" : ""}: ` +
      `expected writerRegion set to the region that takes over (the next of platform:failover.order), in every stack file`,
  },
  {
    name: "the failover order lists this stack's region",
    reads: ["platform:failover.order", "aws:region"],
    when: (s) => Array.isArray(failover(s).order) && typeof s.region === "string",
    fails: (s) => !order(s).includes(s.region),
    message: (s) =>
      `platform:failover.order = ${show(order(s))} does not list this stack's region ${show(s.region)}: ` +
      `expected every region of the platform, each once, in the same order in every stack file`,
  },
  {
    name: "the failover order names each region once",
    reads: ["platform:failover.order"],
    fails: (s) => new Set(order(s)).size !== order(s).length,
    message: (s) =>
      `platform:failover.order = ${show(order(s))} names a region more than once: expected each region once`,
  },
  {
    name: "the DNS failover can meet the RTO target",
    reads: [
      "platform:failover.rtoTargetSeconds",
      "platform:edge.healthCheck.intervalSeconds",
      "platform:edge.healthCheck.failureThreshold",
    ],
    when: (s) => typeof failover(s).rtoTargetSeconds === "number",
    fails: (s) => estimatesOf(s)[0].recoverySeconds > (failover(s).rtoTargetSeconds as number),
    message: (s) => {
      const dns = estimatesOf(s)[0];
      return (
        `platform:failover.rtoTargetSeconds = ${show(failover(s).rtoTargetSeconds)} cannot be met: the DNS failover takes ` +
        `${dns.recoverySeconds} s (${dns.explanation}): expected a target of at least ${dns.recoverySeconds}, or a shorter ` +
        `platform:edge.healthCheck (intervalSeconds 10, a lower failureThreshold)`
      );
    },
  },
];
