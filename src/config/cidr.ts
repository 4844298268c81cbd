/**
 * IPv4 CIDR arithmetic used by config validation and by the VPC subnet layout.
 * Pure functions, no dependencies: they run before anything is registered.
 */

export interface Ipv4Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly base: number;
  /** Prefix length, 0 to 32. */
  readonly prefix: number;
}

/**
 * Decimal octets and prefix without leading zeros: "010.10.0.0/16" is refused. Parsers disagree on
 * it (inet_aton reads "010" as octal 8); Go's net.ParseCIDR, which the AWS provider's CIDR
 * validation uses, rejects it since Go 1.17 (golang/go#30999, CVE-2021-29923).
 */
const NUMBER = "(0|[1-9]\\d{0,2})";
const CIDR_RE = new RegExp(`^${NUMBER}\\.${NUMBER}\\.${NUMBER}\\.${NUMBER}\\/(0|[1-9]\\d?)$`);

/**
 * Parses "a.b.c.d/n". Returns undefined when the text is not a CIDR in canonical form (no leading
 * zeros) or has host bits set.
 */
export function parseCidr(text: string): Ipv4Cidr | undefined {
  const m = CIDR_RE.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const base = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  if ((base & mask(prefix)) >>> 0 !== base) return undefined;
  return { base, prefix };
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function formatCidr(c: Ipv4Cidr): string {
  const b = c.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${c.prefix}`;
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  const p = Math.min(a.prefix, b.prefix);
  return (a.base & mask(p)) >>> 0 === (b.base & mask(p)) >>> 0;
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && cidrsOverlap(outer, inner);
}

/**
 * The `index`-th block of prefix `outer.prefix + newBits` inside `outer`
 * (the same arithmetic as Terraform's `cidrsubnet`).
 */
export function subnetOf(outer: Ipv4Cidr, newBits: number, index: number): Ipv4Cidr {
  const prefix = outer.prefix + newBits;
  if (prefix > 32) throw new RangeError(`cannot add ${newBits} bits to /${outer.prefix}`);
  if (index < 0 || index >= 2 ** newBits) {
    throw new RangeError(`index ${index} does not fit in ${newBits} bits`);
  }
  return { base: (outer.base + index * 2 ** (32 - prefix)) >>> 0, prefix };
}

/** The private address ranges of RFC 1918. */
export const RFC1918: readonly Ipv4Cidr[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) =>
  parseCidr(c)!,
);

export function isRfc1918(c: Ipv4Cidr): boolean {
  return RFC1918.some((r) => cidrContains(r, c));
}
