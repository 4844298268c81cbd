import type { StackValidationPolicy } from "@pulumi/policy";
import { estimateOfStack, missingPricesText, stackNameOf, usd } from "../lib/cost";

export interface StackBudgetConfig {
  /** USD per month for a stack without its own entry in `monthlyBudgetUsd`. */
  defaultMonthlyBudgetUsd: number;
  /** USD per month by stack name (the `<stack>` of the stack's URN). */
  monthlyBudgetUsd: Record<string, number>;
}

/**
 * A monthly budget per stack (configurable): the stack's offline cost estimate at the floor
 * (src/cost/, the figure the plan summary shows, at the stack's region's prices) must not exceed
 * it. An estimate the price snapshot cannot complete is a violation too, naming the missing
 * prices: a budget check that leaves items out would pass what it cannot see.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const stackBudget: StackValidationPolicy = {
  name: "cost-stack-budget",
  description:
    "A stack's estimated monthly cost at the floor (docs/cost.md) must stay within its budget from policy config.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      defaultMonthlyBudgetUsd: { type: "number", minimum: 0, default: 2500 },
      monthlyBudgetUsd: { type: "object", additionalProperties: { type: "number", minimum: 0 }, default: {} },
    },
  },
  validateStack: (args, reportViolation) => {
    const { defaultMonthlyBudgetUsd, monthlyBudgetUsd } = args.getConfig<StackBudgetConfig>();
    const stack = stackNameOf(args.resources);
    const own = monthlyBudgetUsd[stack];
    const budget = own ?? defaultMonthlyBudgetUsd;
    const from = own === undefined ? "defaultMonthlyBudgetUsd" : `monthlyBudgetUsd["${stack}"]`;
    const e = estimateOfStack(args.resources);
    if (!e.complete) {
      reportViolation(
        `Stack ${stack} cannot be checked against its budget of ${usd(budget)}/month: the price snapshot has no price for ${missingPricesText(e)}; add the prices (src/cost/prices.json, with their source) or run npm run prices:refresh.`,
      );
      return;
    }
    if (e.monthly > budget) {
      const top = e.components
        .slice(0, 3)
        .map((c) => `${c.name} ${usd(c.monthly)}`)
        .join(", ");
      reportViolation(
        `Stack ${stack} is estimated at ${usd(e.monthly)}/month at the floor (${e.priceRegion} prices), over its budget of ${usd(budget)} (policy config ${from}); dearest components: ${top}.`,
      );
    }
  },
};
