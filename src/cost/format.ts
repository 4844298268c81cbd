/** Text and Markdown renderings of cost estimates, for the plan summary and the policy report. */
import type { CostEstimate, StandbyShare } from "./estimate";

export const money = (n: number, currency = "USD"): string =>
  `${currency === "USD" ? "$" : `${currency} `}${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const pct = (n: number | undefined) => (n === undefined ? "n/a" : `${(n * 100).toFixed(1)}%`);

const missingPrices = (e: CostEstimate) => e.notEstimated.filter((n) => n.kind === "no-price");

/** The estimate in a few lines: total, the top components, what is missing. */
export function estimateLines(e: CostEstimate, top = 5): string[] {
  const missing = missingPrices(e);
  const lines = [
    `cost estimate (${e.priceRegion} prices, snapshot ${e.snapshot.compiledOn}): ${money(e.monthly, e.currency)}/month at the floor` +
      (missing.length > 0
        ? `, incomplete: ${missing.length} item${missing.length === 1 ? "" : "s"} without a price`
        : ""),
  ];
  if (missing.length > 0)
    lines.push(
      `  missing prices: ${e.missingPrices.map((m) => `${m.priceKey} in ${m.region}`).join(", ")} (the total leaves them out; npm run prices:refresh)`,
    );
  if (e.derivedLines > 0)
    lines.push(
      `  ${e.derivedLines} line${e.derivedLines === 1 ? "" : "s"} priced from derived prices (not read from a price list: docs/cost.md)`,
    );
  for (const c of e.components.filter((x) => x.monthly > 0).slice(0, top)) {
    lines.push(
      `  ${money(c.monthly, e.currency).padStart(12)}  ${c.name} (${c.type})${c.incomplete ? " *incomplete" : ""}`,
    );
  }
  const unknown = new Set(e.notEstimated.filter((n) => n.kind === "unknown-type").map((n) => n.type));
  if (unknown.size > 0)
    lines.push(`  not estimated (no pricing function): ${[...unknown].sort().join(", ")}`);
  return lines;
}

/**
 * One line per standby stack: its cost as a share of the primary's at the primary's prices (a
 * comparison of capacity), and at its own region's prices when the snapshot prices every line.
 */
export function standbyShareLines(shares: readonly StandbyShare[]): string[] {
  return shares.map((s) => {
    const missing = Object.entries(s.missing).map(
      ([stack, n]) => `${stack} has ${n} item${n === 1 ? "" : "s"} without a price`,
    );
    const own = s.complete ? pct(s.share) : `n/a (${missing.join(", ")}; npm run prices:refresh)`;
    return `standby ${s.standby} costs ${pct(s.shareAtPrimaryPrices)} of primary ${s.primary} at ${s.primary} prices; at its own prices: ${own}`;
  });
}

/** A Markdown table of the components, most expensive first, and the missing prices. */
export function estimateMarkdown(e: CostEstimate, top = 8): string {
  const missing = missingPrices(e);
  const rows = e.components
    .filter((c) => c.monthly > 0 || c.incomplete)
    .slice(0, top)
    .map(
      (c) =>
        `| \`${c.name}\` | ${c.type} | ${money(c.monthly, e.currency)}${c.incomplete ? " (incomplete)" : ""} |`,
    );
  return [
    `**Estimated cost: ${money(e.monthly, e.currency)}/month** at the floor, ${e.priceRegion} prices (snapshot ${e.snapshot.compiledOn}; [how](docs/cost.md))` +
      (missing.length > 0
        ? `, incomplete: ${missing.length} item${missing.length === 1 ? "" : "s"} without a price (${e.missingPrices.map((m) => `\`${m.priceKey}\` in ${m.region}`).join(", ")}).`
        : ".") +
      (e.derivedLines > 0
        ? ` ${e.derivedLines} line${e.derivedLines === 1 ? "" : "s"} use derived prices.`
        : ""),
    "",
    "| Component | Type | Monthly |",
    "| --- | --- | ---: |",
    ...rows,
  ].join("\n");
}
