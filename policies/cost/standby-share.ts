import type { StackValidationPolicy } from "@pulumi/policy";
import { estimateOfStack, missingPricesText, stackNameOf, usd } from "../lib/cost";

export interface StandbyShareConfig {
  /** The largest standby/primary ratio of monthly estimates allowed (1 = as dear as the primary). */
  maxShare: number;
  /** The primary stack's name; the policy does not apply to the primary itself. */
  primaryStack?: string;
  /** The primary stack's monthly estimate in USD at its own prices (written by the offline plan). */
  primaryMonthlyUsd?: number;
}

/**
 * The standby region's cost as a share of the primary's (configurable ceiling). A stack policy sees
 * one stack, so the primary's estimate comes through policy config: the offline plan plans the
 * primary first and passes `primaryStack` and `primaryMonthlyUsd` to this policy when it evaluates
 * every other stack (src/plan/cost-facts.ts); with the Pulumi CLI, the standby stack's policy config
 * file carries the figures `npm run plan` printed. Without them the policy does not apply. The
 * standby's own estimate must be complete: a share computed over the items that happen to have a
 * price would understate it.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const standbyShare: StackValidationPolicy = {
  name: "cost-standby-share",
  description:
    "A standby stack's estimated monthly cost must stay within the configured share of the primary's (docs/cost.md).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      maxShare: { type: "number", exclusiveMinimum: 0, default: 1 },
      primaryStack: { type: "string" },
      primaryMonthlyUsd: { type: "number", minimum: 0 },
    },
  },
  validateStack: (args, reportViolation) => {
    const { maxShare, primaryStack, primaryMonthlyUsd } = args.getConfig<StandbyShareConfig>();
    const stack = stackNameOf(args.resources);
    if (primaryStack === undefined || primaryMonthlyUsd === undefined || primaryStack === stack) {
      args.notApplicable("no primary estimate in policy config, or this is the primary");
      return;
    }
    const e = estimateOfStack(args.resources);
    if (!e.complete) {
      reportViolation(
        `Standby stack ${stack} cannot be compared with primary ${primaryStack}: the price snapshot has no price for ${missingPricesText(e)}; add the prices (src/cost/prices.json, with their source) or run npm run prices:refresh.`,
      );
      return;
    }
    const share = primaryMonthlyUsd > 0 ? e.monthly / primaryMonthlyUsd : Infinity;
    if (share > maxShare) {
      reportViolation(
        `Standby stack ${stack} is estimated at ${usd(e.monthly)}/month, ${(share * 100).toFixed(1)}% of primary ${primaryStack} (${usd(primaryMonthlyUsd)}): the ceiling is ${(maxShare * 100).toFixed(1)}% (policy config maxShare).`,
      );
    }
  },
};
