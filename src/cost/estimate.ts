/**
 * The offline monthly cost estimate of a plan (any plan in the documented format): every managed
 * resource is priced by its type's pricing function (pricers.ts) from the price snapshot
 * (prices.json), at its floor, and grouped by its top-level component. Documented in docs/cost.md.
 */
import type { PlanResource, StackPlan } from "../plan/types";
import { NO_CHARGE_TYPES, PRICERS, type PricedItem, type PricingContext } from "./pricers";
import { lookupPrice, PRICE_SNAPSHOT, type PriceSnapshot } from "./snapshot";

/** One priced line: `quantity` x `unitPrice` (per hour for `per: "hour"`, x hours per month). */
export interface CostLine {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** The URN of the resource's top-level component (or of the root stack, outside components). */
  readonly component: string;
  /** The region whose price was used. */
  readonly region: string;
  readonly item: string;
  readonly priceKey: string | undefined;
  readonly quantity: number;
  readonly per: "hour" | "month";
  /** The snapshot's unit ("hour", "month", "GB-month", "LCU-hour"). */
  readonly unit: string;
  /** USD per unit, after any factor (Spot). */
  readonly unitPrice: number;
  /** USD per month. */
  readonly monthly: number;
  /** Where the unit price came from (and the factor applied, if any). */
  readonly source: string;
  /** True when the unit price was derived from other prices rather than read (docs/cost.md). */
  readonly derived: boolean;
  readonly note?: string;
}

/** A price the estimate needed and the snapshot lacks, with the resources that needed it. */
export interface MissingPrice {
  readonly priceKey: string;
  readonly region: string;
  /** How many estimate items asked for it. */
  readonly items: number;
}

/** A resource, or a part of its cost, the estimate leaves out, with the reason. */
export interface NotEstimated {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly component: string;
  readonly reason: string;
  /**
   * "no-price": the pricing function wants a price the snapshot lacks (the estimate is incomplete);
   * "usage": usage-based charges (traffic, requests, storage volume), never estimated;
   * "unknown-type": no pricing function for the resource type.
   */
  readonly kind: "no-price" | "usage" | "unknown-type";
}

export interface ComponentCost {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly monthly: number;
  /** True when a line of the component lacks a price in the snapshot. */
  readonly incomplete: boolean;
}

export interface CostEstimate {
  readonly stack: string;
  /** The stack's region. */
  readonly region: string;
  /** The region whose prices were used (the stack's own unless `priceRegion` was given). */
  readonly priceRegion: string;
  readonly currency: string;
  readonly hoursPerMonth: number;
  readonly snapshot: { readonly compiledOn: string; readonly publicationDates: Record<string, string> };
  /** USD per month, the sum of the lines. */
  readonly monthly: number;
  readonly lines: readonly CostLine[];
  /** Per top-level component, most expensive first. */
  readonly components: readonly ComponentCost[];
  readonly notEstimated: readonly NotEstimated[];
  /** True when every price the pricing functions asked for was in the snapshot. */
  readonly complete: boolean;
  /** Every price the snapshot lacked, by key and region (empty when `complete`). */
  readonly missingPrices: readonly MissingPrice[];
  /** How many lines were priced from a derived price (RegionPrice.derived). */
  readonly derivedLines: number;
}

/** Thrown by estimateStack with `requireComplete` when the snapshot lacks a price it needs. */
export class MissingPriceError extends Error {
  constructor(
    readonly stack: string,
    readonly missing: readonly MissingPrice[],
  ) {
    super(
      `cost estimate of ${stack}: the price snapshot (src/cost/prices.json) has no price for ` +
        missing
          .map((m) => `"${m.priceKey}" in ${m.region} (${m.items} item${m.items === 1 ? "" : "s"})`)
          .join(", ") +
        ": expected a price for every item the stack needs; add it with its source, or run npm run prices:refresh",
    );
    this.name = "MissingPriceError";
  }
}

export interface EstimateOptions {
  /** The price snapshot. @default the repository's (src/cost/prices.json) */
  readonly snapshot?: PriceSnapshot;
  /**
   * Plans of other stacks, for settings a resource inherits from another stack (a global
   * datastore's secondary inherits its node type from the primary). @default none
   */
  readonly peers?: readonly StackPlan[];
  /** Price every resource in this region instead of its own (to compare stacks). @default none */
  readonly priceRegion?: string;
  /**
   * Refuse (throw MissingPriceError) instead of returning an incomplete estimate when the snapshot
   * lacks a price an item needs. @default false: the estimate is returned with `complete: false`
   * and the missing prices listed
   */
  readonly requireComplete?: boolean;
}

const ROOT = "pulumi:pulumi:Stack";

/** The top-level component of each resource: its ancestor whose parent is the root stack. */
export function topLevelComponents(resources: readonly PlanResource[]): Map<string, string> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const root = resources.find((r) => r.type === ROOT)?.urn ?? "";
  const out = new Map<string, string>();
  for (const r of resources) {
    let cur = r;
    while (cur.parent && cur.parent !== root && byUrn.has(cur.parent)) cur = byUrn.get(cur.parent)!;
    // `cur` is a child of the root stack: a component groups its tree; a custom resource there
    // (or the root itself) belongs to the stack, outside any component.
    out.set(r.urn, cur.custom || cur.urn === root ? root : cur.urn);
  }
  return out;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Estimates a stack's monthly cost from its plan. */
export function estimateStack(plan: StackPlan, opts: EstimateOptions = {}): CostEstimate {
  const snapshot = opts.snapshot ?? PRICE_SNAPSHOT;
  const managed = plan.resources.filter((r) => r.operation === "register");
  const components = topLevelComponents(plan.resources);
  const byId = new Map<string, PlanResource>();
  for (const r of plan.resources) if (r.id) byId.set(r.id, r);
  const ctx: PricingContext = {
    snapshot,
    byId,
    all: [...plan.resources, ...(opts.peers ?? []).filter((p) => p !== plan).flatMap((p) => p.resources)],
  };

  const lines: CostLine[] = [];
  const notEstimated: NotEstimated[] = [];
  const missing = new Map<string, { priceKey: string; region: string; items: number }>();
  for (const r of managed) {
    if (!r.custom || NO_CHARGE_TYPES.has(r.type) || r.type.startsWith("pulumi:providers:")) continue;
    const component = components.get(r.urn) ?? "";
    const base = { urn: r.urn, type: r.type, name: r.name, component };
    const pricer = PRICERS[r.type];
    if (!pricer) {
      notEstimated.push({ ...base, reason: `no pricing function for ${r.type}`, kind: "unknown-type" });
      continue;
    }
    const region = opts.priceRegion ?? r.region ?? plan.region;
    for (const result of pricer(r, ctx)) {
      if ("reason" in result) {
        notEstimated.push({ ...base, reason: result.reason, kind: "usage" });
        continue;
      }
      const line = priceLine(result, region, snapshot);
      if ("reason" in line) {
        notEstimated.push({ ...base, reason: line.reason, kind: "no-price" });
        const key = `${result.priceKey ?? ""}@${region}`;
        const m = missing.get(key) ?? { priceKey: result.priceKey ?? "", region, items: 0 };
        m.items += 1;
        missing.set(key, m);
      } else lines.push({ ...base, ...line });
    }
  }

  const missingPrices = [...missing.values()].sort(
    (a, b) => a.region.localeCompare(b.region) || a.priceKey.localeCompare(b.priceKey),
  );
  if (opts.requireComplete && missingPrices.length > 0)
    throw new MissingPriceError(plan.stack, missingPrices);

  const byComponent = new Map<string, { monthly: number; incomplete: boolean }>();
  for (const l of lines) {
    const c = byComponent.get(l.component) ?? { monthly: 0, incomplete: false };
    c.monthly += l.monthly;
    byComponent.set(l.component, c);
  }
  for (const n of notEstimated) {
    const c = byComponent.get(n.component) ?? { monthly: 0, incomplete: false };
    if (n.kind === "no-price") c.incomplete = true;
    byComponent.set(n.component, c);
  }
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const componentCosts: ComponentCost[] = [...byComponent.entries()]
    .map(([urn, c]) => ({
      urn,
      type: byUrn.get(urn)?.type ?? ROOT,
      name: byUrn.get(urn)?.name ?? plan.stack,
      monthly: round(c.monthly),
      incomplete: c.incomplete,
    }))
    .sort((a, b) => b.monthly - a.monthly || a.name.localeCompare(b.name));

  return {
    stack: plan.stack,
    region: plan.region,
    priceRegion: opts.priceRegion ?? plan.region,
    currency: snapshot.currency,
    hoursPerMonth: snapshot.hoursPerMonth,
    snapshot: { compiledOn: snapshot.compiledOn, publicationDates: { ...snapshot.source.publicationDates } },
    monthly: round(lines.reduce((a, l) => a + l.monthly, 0)),
    lines,
    components: componentCosts,
    notEstimated,
    complete: !notEstimated.some((n) => n.kind === "no-price"),
    missingPrices,
    derivedLines: lines.filter((l) => l.derived).length,
  };
}

function priceLine(
  item: PricedItem,
  region: string,
  snapshot: PriceSnapshot,
): Omit<CostLine, "urn" | "type" | "name" | "component"> | { reason: string } {
  const common = { region, item: item.item, priceKey: item.priceKey, quantity: item.quantity, per: item.per };
  const note = item.note ? { note: item.note } : {};
  if (!item.priceKey) {
    return {
      ...common,
      unit: item.per,
      unitPrice: 0,
      monthly: 0,
      source: "no charge at the floor",
      derived: false,
      ...note,
    };
  }
  const found = lookupPrice(snapshot, item.priceKey, region);
  if (!found.found) return { reason: `${item.item}: ${found.reason}` };
  const factor = item.priceFactor ?? 1;
  const unitPrice = found.price * factor;
  const hours = item.per === "hour" ? snapshot.hoursPerMonth : 1;
  return {
    ...common,
    unit: found.unit,
    unitPrice,
    monthly: round(item.quantity * unitPrice * hours),
    source: factor === 1 ? found.source : `${found.source}; ${item.factorNote ?? `x ${factor}`}`,
    derived: found.derived,
    ...note,
  };
}

/** A standby (non-primary) stack's cost as a share of the primary's. */
export interface StandbyShare {
  readonly primary: string;
  readonly standby: string;
  /** Standby / primary, each at its own region's prices, over the lines the snapshot prices. */
  readonly share: number | undefined;
  /**
   * Standby / primary, both priced in the primary's region: compares capacity, not regional
   * prices, and leaves out the same unpriced items on both sides.
   */
  readonly shareAtPrimaryPrices: number | undefined;
  /** True when every line of both stacks had a price (at their own regions' prices). */
  readonly complete: boolean;
  /** Lines without a price, per stack (own-region prices), when not complete. */
  readonly missing: Readonly<Record<string, number>>;
}

const roleOf = (p: StackPlan) => p.config["platform:role"];

/**
 * For each planned stack that is not the primary (`platform:role`), its estimate as a share of
 * the primary's; nothing when the primary is not among the plans.
 */
export function standbyShares(plans: readonly StackPlan[], opts: EstimateOptions = {}): StandbyShare[] {
  const primary = plans.find((p) => roleOf(p) === "primary");
  if (!primary) return [];
  const own = estimateStack(primary, { ...opts, peers: plans });
  const missingOf = (e: CostEstimate) => e.notEstimated.filter((n) => n.kind === "no-price").length;
  const ratio = (a: CostEstimate, b: CostEstimate) => (b.monthly > 0 ? a.monthly / b.monthly : undefined);
  return plans
    .filter((p) => p !== primary)
    .map((p) => {
      const standby = estimateStack(p, { ...opts, peers: plans });
      const atPrimary = estimateStack(p, { ...opts, peers: plans, priceRegion: primary.region });
      const missing: Record<string, number> = {};
      for (const e of [own, standby]) if (missingOf(e) > 0) missing[e.stack] = missingOf(e);
      return {
        primary: primary.stack,
        standby: p.stack,
        share: ratio(standby, own),
        shareAtPrimaryPrices: ratio(atPrimary, own),
        complete: own.complete && standby.complete,
        missing,
      };
    });
}
