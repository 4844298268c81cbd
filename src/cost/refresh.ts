/**
 * `npm run prices:refresh [-- --regions us-east-1,eu-west-1,ap-south-1] [--cache DIR] [--offline]`
 *
 * Refreshes the price snapshot (src/cost/prices.json) from the AWS Price List bulk API: for each
 * service and region the snapshot uses, downloads the offer file
 * https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<service>/current/<region>/index.json
 * (global services: .../<service>/current/index.json) into the cache directory, finds for each
 * snapshot entry exactly the one SKU its `offer.filter` selects, takes that SKU's on-demand price
 * in the entry's unit, and writes the snapshot back with the offer file URLs, SKUs and publication
 * dates. Entries whose filter matches no SKU, or several, keep their price and are reported.
 * `--offline` uses the offer files already in the cache. Offer files are large (EC2's regional
 * file is several GB): they are streamed, keeping only the products the snapshot asks for.
 *
 * Offer file format: AWS Price List bulk API, "Reading the offer files"
 * (https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-an-offer.html): `products`
 * by SKU with `productFamily` and `attributes`; `terms.OnDemand[sku][offerTermCode].priceDimensions`
 * with `unit`, `beginRange` and `pricePerUnit.USD`.
 */
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { OfferRef, PriceEntry, PriceSnapshot, RegionPrice } from "./snapshot";
import { offerFileUrl } from "./snapshot";

export interface OfferProduct {
  readonly sku: string;
  readonly productFamily?: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface PriceDimension {
  readonly unit: string;
  readonly beginRange?: string;
  readonly pricePerUnit: Readonly<Record<string, string>>;
  readonly description?: string;
}

/** The on-demand terms of a SKU: offer term code to its price dimensions. */
export type OnDemandTerms = Readonly<
  Record<string, { readonly priceDimensions: Readonly<Record<string, PriceDimension>> }>
>;

/** The parts of an offer file the refresh reads (the whole file parsed, or a streamed subset). */
export interface Offer {
  readonly url: string;
  readonly publicationDate: string;
  readonly products: readonly OfferProduct[];
  readonly onDemand: ReadonlyMap<string, OnDemandTerms>;
}

/** Whether a product has every attribute of the filter ("*suffix" matches a suffix; productFamily is top-level). */
export function matchesFilter(product: OfferProduct, filter: Readonly<Record<string, string>>): boolean {
  return Object.entries(filter).every(([k, want]) => {
    const have = k === "productFamily" ? product.productFamily : product.attributes[k];
    if (have === undefined) return false;
    return want.startsWith("*") ? have.endsWith(want.slice(1)) : have === want;
  });
}

export type Extracted =
  | { readonly ok: true; readonly sku: string; readonly price: number }
  | { readonly ok: false; readonly reason: string };

/** The on-demand price, in the entry's unit, of the one SKU the filter selects. */
export function extractPrice(offer: Offer, ref: OfferRef): Extracted {
  const matching = offer.products.filter((p) => matchesFilter(p, ref.filter));
  if (matching.length !== 1) {
    const skus = matching.map((p) => p.sku).join(", ");
    return {
      ok: false,
      reason: `${matching.length} SKUs match ${JSON.stringify(ref.filter)}${skus ? ` (${skus})` : ""}: expected exactly 1`,
    };
  }
  const sku = matching[0].sku;
  const dims = Object.values(offer.onDemand.get(sku) ?? {}).flatMap((t) => Object.values(t.priceDimensions));
  const dim = dims.find((d) => d.unit === ref.unit && (d.beginRange === undefined || d.beginRange === "0"));
  const usd = dim?.pricePerUnit.USD;
  if (usd === undefined)
    return { ok: false, reason: `SKU ${sku} has no on-demand USD price per ${ref.unit}` };
  return { ok: true, sku, price: Number(usd) };
}

/** An offer from a parsed offer file (small files and tests). */
export function offerFromJson(json: unknown, url: string): Offer {
  const d = json as {
    publicationDate?: string;
    products?: Record<string, OfferProduct>;
    terms?: { OnDemand?: Record<string, OnDemandTerms> };
  };
  return {
    url,
    publicationDate: d.publicationDate ?? "",
    products: Object.values(d.products ?? {}),
    onDemand: new Map(Object.entries(d.terms?.OnDemand ?? {})),
  };
}

/** The offers (service and region) a snapshot's entries need, with the entries each serves. */
export function offersNeeded(snapshot: PriceSnapshot, regions: readonly string[]) {
  const needed = new Map<
    string,
    { service: string; region: string | undefined; url: string; keys: string[] }
  >();
  for (const [key, entry] of Object.entries(snapshot.prices)) {
    if (!entry.offer) continue;
    for (const region of entry.offer.global ? [undefined] : regions) {
      const url = offerFileUrl(snapshot, entry.offer, region ?? "");
      const id = `${entry.offer.service}/${region ?? "global"}`;
      const n = needed.get(id) ?? { service: entry.offer.service, region, url, keys: [] };
      n.keys.push(key);
      needed.set(id, n);
    }
  }
  return [...needed.values()];
}

/**
 * The snapshot with every entry that has an `offer` re-priced from the offers given (by
 * "<service>/<region or global>"), and a line per entry saying what happened.
 */
export function refreshSnapshot(
  snapshot: PriceSnapshot,
  offers: ReadonlyMap<string, Offer>,
  regions: readonly string[],
  today: string,
): { snapshot: PriceSnapshot; report: string[] } {
  const report: string[] = [];
  const publicationDates: Record<string, string> = { ...snapshot.source.publicationDates };
  const prices: Record<string, PriceEntry> = {};
  for (const [key, entry] of Object.entries(snapshot.prices)) {
    if (!entry.offer) {
      prices[key] = entry;
      continue;
    }
    const ref = entry.offer;
    const update = (region: string | undefined, old: RegionPrice | undefined): RegionPrice | undefined => {
      const id = `${ref.service}/${region ?? "global"}`;
      const offer = offers.get(id);
      if (!offer) return old;
      publicationDates[id] = offer.publicationDate;
      const got = extractPrice(offer, ref);
      if (!got.ok) {
        report.push(`${key} ${region ?? "(global)"}: kept (${got.reason})`);
        return old;
      }
      report.push(`${key} ${region ?? "(global)"}: ${got.price} (SKU ${got.sku})`);
      return { price: got.price, source: offer.url, sku: got.sku, publicationDate: offer.publicationDate };
    };
    if (ref.global) {
      const updated = update(undefined, entry.allRegions);
      prices[key] = { ...entry, ...(updated ? { allRegions: updated } : {}) };
      continue;
    }
    const regional: Record<string, RegionPrice> = { ...(entry.regions ?? {}) };
    for (const region of regions) {
      const fallback = regional[region] ?? entry.allRegions;
      const updated = update(region, fallback);
      if (updated && updated !== fallback) regional[region] = updated;
    }
    prices[key] = {
      ...entry,
      ...(entry.regions || Object.keys(regional).length > 0 ? { regions: regional } : {}),
    };
  }
  return {
    snapshot: {
      ...snapshot,
      compiledOn: today,
      source: {
        ...snapshot.source,
        description:
          "AWS Price List bulk offer files (on-demand prices), refreshed by npm run prices:refresh; entries the offer files did not match keep their earlier source.",
        publicationDates,
      },
      prices,
    },
    report,
  };
}

/* ---------------------------------------------------------------- I/O (not run by the tests) */

interface StreamJson {
  parser: () => NodeJS.ReadWriteStream;
}
interface StreamPick {
  pick: (o: { filter: string }) => NodeJS.ReadWriteStream;
}
interface StreamObjectModule {
  streamObject: () => NodeJS.ReadWriteStream;
}

/** Streams one top-level path of a JSON file ("products", "terms.OnDemand") key by key. */
async function* streamEntries(file: string, path: string): AsyncGenerator<{ key: string; value: unknown }> {
  /* eslint-disable @typescript-eslint/no-require-imports -- stream-json 1.x is CommonJS without types */
  const { parser } = require("stream-json") as StreamJson;
  const { pick } = require("stream-json/filters/Pick") as StreamPick;
  const { streamObject } = require("stream-json/streamers/StreamObject") as StreamObjectModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const stream = createReadStream(file)
    .pipe(parser())
    .pipe(pick({ filter: path }))
    .pipe(streamObject());
  for await (const item of stream as AsyncIterable<{ key: string; value: unknown }>) yield item;
}

/** Reads the offer file, keeping only products some filter selects and their on-demand terms. */
export async function readOffer(
  file: string,
  url: string,
  filters: readonly OfferRef["filter"][],
): Promise<Offer> {
  // publicationDate is near the top of every offer file.
  let publicationDate = "";
  const probe = createReadStream(file, { start: 0, end: 4095, encoding: "utf8" });
  for await (const chunk of probe)
    publicationDate = /"publicationDate"\s*:\s*"([^"]+)"/.exec(String(chunk))?.[1] ?? "";
  const products: OfferProduct[] = [];
  for await (const { value } of streamEntries(file, "products")) {
    const p = value as OfferProduct;
    if (filters.some((f) => matchesFilter(p, f))) products.push(p);
  }
  const wanted = new Set(products.map((p) => p.sku));
  const onDemand = new Map<string, OnDemandTerms>();
  for await (const { key, value } of streamEntries(file, "terms.OnDemand")) {
    if (wanted.has(key)) onDemand.set(key, value as OnDemandTerms);
  }
  return { url, publicationDate, products, onDemand };
}

async function download(url: string, file: string): Promise<void> {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`GET ${url}: HTTP ${res.status}`);
  await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), createWriteStream(file));
}

export async function main(argv: readonly string[]): Promise<number> {
  const snapshotPath = resolve(__dirname, "..", "..", "..", "src", "cost", "prices.json");
  const path = existsSync(snapshotPath) ? snapshotPath : resolve("src", "cost", "prices.json");
  const snapshot = JSON.parse(readFileSync(path, "utf8")) as PriceSnapshot;
  let regions = [...snapshot.regions];
  let cache = resolve("node_modules", ".cache", "prices");
  let offline = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--regions") regions = (argv[++i] ?? "").split(",").filter(Boolean);
    else if (argv[i] === "--cache") cache = resolve(argv[++i] ?? cache);
    else if (argv[i] === "--offline") offline = true;
    else {
      console.error(
        `prices:refresh: unknown argument "${argv[i]}": expected --regions A,B, --cache DIR or --offline`,
      );
      return 2;
    }
  }
  mkdirSync(cache, { recursive: true });
  const offers = new Map<string, Offer>();
  for (const need of offersNeeded(snapshot, regions)) {
    const file = join(cache, `${need.service}-${need.region ?? "global"}.json`);
    try {
      if (!offline) {
        console.error(`downloading ${need.url}`);
        await download(need.url, file);
      }
      const filters = need.keys.map((k) => snapshot.prices[k].offer!.filter);
      offers.set(`${need.service}/${need.region ?? "global"}`, await readOffer(file, need.url, filters));
    } catch (e) {
      console.error(`prices:refresh: ${need.url}: ${(e as Error).message}; its entries keep their prices`);
    }
  }
  if (offers.size === 0) {
    console.error("prices:refresh: no offer file could be read; the snapshot is unchanged");
    return 1;
  }
  const today = new Date().toISOString().slice(0, 10);
  const { snapshot: next, report } = refreshSnapshot(snapshot, offers, regions, today);
  for (const line of report) console.log(line);
  // Prettier's layout, so that `npm run lint` stays green on the rewritten file.
  const prettier = (await import("prettier")) as typeof import("prettier");
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(JSON.stringify(next, null, 2), { ...options, filepath: path }));
  console.log(`wrote ${path}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
