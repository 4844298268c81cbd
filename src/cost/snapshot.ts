/**
 * The price snapshot (src/cost/prices.json): its types, and price look-ups by key and region.
 * Format and sources: docs/cost.md. `npm run prices:refresh` (src/cost/refresh.ts) rewrites it
 * from the AWS Price List bulk offer files.
 */
import snapshotJson from "./prices.json";

/** A price in one region (or in every region, `allRegions`). `price: null` = not known. */
export interface RegionPrice {
  /** USD per the entry's unit; null when the snapshot has no price (say why in `note`). */
  readonly price: number | null;
  /** Where the price came from: a page URL, or the offer file's URL after a refresh. */
  readonly source?: string;
  readonly note?: string;
  /** The offer file's SKU (written by `npm run prices:refresh`). */
  readonly sku?: string;
  /**
   * When the source published the price: the offer file's publication date after a refresh, the
   * date of the page, bill or Price List read a hand-filled price came from.
   */
  readonly publicationDate?: string;
  /**
   * True when the price was not read from a source but derived from sourced prices (a regional
   * ratio, a size rule); `note` says how. Estimates count the lines priced this way.
   */
  readonly derived?: boolean;
}

/** How `npm run prices:refresh` finds the entry in the AWS Price List bulk offer files. */
export interface OfferRef {
  /** The offer code, e.g. "AmazonEC2" (the `<service>` of the offer file URL). */
  readonly service: string;
  /** The on-demand price dimension's `unit`, e.g. "Hrs". */
  readonly unit: string;
  /** Global services (Route 53) have one offer file, not one per region. @default false */
  readonly global?: boolean;
  /** Product attributes that identify exactly one SKU; a value starting with "*" matches a suffix. */
  readonly filter: Readonly<Record<string, string>>;
}

export interface PriceEntry {
  readonly description: string;
  /** What the price is per: "hour", "month", "GB-month", "LCU-hour". */
  readonly unit: string;
  readonly offer?: OfferRef;
  readonly regions?: Readonly<Record<string, RegionPrice>>;
  /** One price for every region (services whose price does not vary by region). */
  readonly allRegions?: RegionPrice;
}

export interface Assumption<T> {
  readonly value: T;
  readonly note: string;
}

export interface PriceSnapshot {
  readonly snapshotVersion: number;
  readonly currency: string;
  /** The day the snapshot was compiled or last refreshed (YYYY-MM-DD). */
  readonly compiledOn: string;
  readonly source: {
    readonly description: string;
    readonly offerFileUrl: string;
    readonly globalOfferFileUrl: string;
    /** Offer code (and region) to the offer file's `publicationDate`, after a refresh. */
    readonly publicationDates: Readonly<Record<string, string>>;
  };
  readonly regions: readonly string[];
  readonly hoursPerMonth: number;
  readonly assumptions: {
    readonly spotPriceFactor: Assumption<number>;
    readonly albBaselineLcu: Assumption<number>;
    readonly auroraStorageGb: Assumption<number>;
    readonly [key: string]: Assumption<unknown>;
  };
  readonly prices: Readonly<Record<string, PriceEntry>>;
}

/** The snapshot kept in the repository. */
export const PRICE_SNAPSHOT: PriceSnapshot = snapshotJson;

export type PriceLookup =
  | {
      readonly found: true;
      readonly price: number;
      readonly source: string;
      readonly unit: string;
      /** The price was derived from other prices, not read from a source (RegionPrice.derived). */
      readonly derived: boolean;
    }
  | { readonly found: false; readonly reason: string };

/** The price of `key` in `region`: the region's own entry first, then `allRegions`. */
export function lookupPrice(snapshot: PriceSnapshot, key: string, region: string): PriceLookup {
  const entry = snapshot.prices[key];
  if (!entry) return { found: false, reason: `no entry "${key}" in the price snapshot` };
  const regional = entry.regions?.[region];
  const chosen = regional?.price != null ? regional : (entry.allRegions ?? regional);
  if (chosen?.price == null) {
    const why = chosen?.note ?? `the snapshot has no ${region} price`;
    return { found: false, reason: `no ${region} price for "${key}" in the snapshot: ${why}` };
  }
  return {
    found: true,
    price: chosen.price,
    source: chosen.source ?? "price snapshot (no source recorded)",
    unit: entry.unit,
    derived: chosen.derived === true,
  };
}

/** The URL of the offer file that holds `offer` in `region`. */
export function offerFileUrl(snapshot: PriceSnapshot, offer: OfferRef, region: string): string {
  const template = offer.global ? snapshot.source.globalOfferFileUrl : snapshot.source.offerFileUrl;
  return template.replace("{service}", offer.service).replace("{region}", region);
}
