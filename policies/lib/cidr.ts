/**
 * How much of the internet a CIDR opens, judged by its address space rather than by its spelling:
 * `0.0.0.0/1` plus `128.0.0.0/1` opens as much as `0.0.0.0/0`, and so does `::/1` plus `8000::/1`.
 * Private and other non-routable space (RFC 1918, RFC 6598 shared space, loopback, link-local,
 * IPv6 unique-local and link-local) does not count: it cannot come from the internet.
 */

/** Public addresses above which a set of IPv4 CIDRs counts as open to the world: a /16 (65,536). */
export const IPV4_PUBLIC_LIMIT = 2 ** 16;
/** Public addresses above which a set of IPv6 CIDRs counts as open to the world: a /48, a site. */
export const IPV6_PUBLIC_LIMIT = 2n ** 80n;

const V4_PRIVATE = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.168.0.0/16",
];
const V6_PRIVATE = ["fc00::/7", "fe80::/10", "::1/128"];

interface Range {
  family: 4 | 6;
  start: bigint;
  bits: number;
}

function v4(addr: string): bigint | undefined {
  const parts = addr.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256n + BigInt(p);
  }
  return n;
}

function v6(addr: string): bigint | undefined {
  const halves = addr.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    n = n * 65536n + BigInt(parseInt(g, 16));
  }
  return n;
}

/** A CIDR as a range, or undefined when it is not one (a malformed string judges nothing). */
export function parseCidr(cidr: string): Range | undefined {
  const [addr, len, ...rest] = cidr.trim().split("/");
  if (rest.length > 0 || len === undefined || !/^\d{1,3}$/.test(len)) return undefined;
  const family = addr.includes(":") ? 6 : 4;
  const width = family === 4 ? 32 : 128;
  const bits = Number(len);
  const start = family === 4 ? v4(addr) : v6(addr);
  if (start === undefined || bits > width) return undefined;
  const host = BigInt(width - bits);
  return { family, start: (start >> host) << host, bits };
}

const size = (r: Range) => 2n ** BigInt((r.family === 4 ? 32 : 128) - r.bits);
const contains = (outer: Range, inner: Range) =>
  outer.family === inner.family &&
  outer.bits <= inner.bits &&
  inner.start >= outer.start &&
  inner.start < outer.start + size(outer);

const PRIVATE = [...V4_PRIVATE, ...V6_PRIVATE].map((c) => parseCidr(c) as Range);

/** The public addresses of one CIDR: its size less the non-routable ranges it holds or sits in. */
export function publicAddresses(cidr: string): bigint {
  const r = parseCidr(cidr);
  if (!r) return 0n;
  if (PRIVATE.some((p) => contains(p, r))) return 0n;
  return PRIVATE.filter((p) => contains(r, p)).reduce((n, p) => n - size(p), size(r));
}

/**
 * The public addresses a set of CIDRs opens, per family, counting overlapping CIDRs once (a CIDR
 * inside another of the set adds nothing).
 */
export function openSpace(cidrs: readonly string[]): { v4: bigint; v6: bigint } {
  const ranges = cidrs
    .map((c) => ({ c, r: parseCidr(c) }))
    .filter((x): x is { c: string; r: Range } => !!x.r);
  const kept = ranges.filter(
    (x, i) => !ranges.some((y, j) => j !== i && contains(y.r, x.r) && (y.r.bits < x.r.bits || j < i)),
  );
  let four = 0n;
  let six = 0n;
  for (const { c, r } of kept) {
    if (r.family === 4) four += publicAddresses(c);
    else six += publicAddresses(c);
  }
  return { v4: four, v6: six };
}

/** True when the CIDRs together open more of the internet than the limits allow. */
export function opensTheWorld(cidrs: readonly string[]): boolean {
  const { v4: four, v6: six } = openSpace(cidrs);
  return four > BigInt(IPV4_PUBLIC_LIMIT) || six > IPV6_PUBLIC_LIMIT;
}
