/**
 * Logical names: every resource of a region stack is named from `<environment>-<region code>`,
 * so that names say where a resource lives when read in a plan, a console or a bill.
 */

const DIRECTIONS: Readonly<Record<string, string>> = {
  north: "n",
  south: "s",
  east: "e",
  west: "w",
  central: "c",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
};

/** A short region code: "us-east-1" -> "use1", "ap-southeast-2" -> "apse2". */
export function regionCode(region: string): string {
  const [area, direction, number] = region.split("-");
  const d = DIRECTIONS[direction ?? ""];
  if (!area || !d || !number) throw new Error(`regionCode: "${region}" is not an AWS region name`);
  return `${area}${d}${number}`;
}

/** The name prefix of a region stack's resources, e.g. "prod-use1". */
export function namePrefix(environment: string, region: string): string {
  return `${environment}-${regionCode(region)}`;
}

/**
 * Host names of the web tier. CloudFront reaches the web tier through `origin.<domain>` (a
 * Route 53 failover record) and `origin-<region>.<domain>` (one per region), so every web load
 * balancer's certificate covers both.
 */
export const failoverOriginHostname = (domain: string) => `origin.${domain}`;
/**
 * The failover pair headed by `region` below the top of a chain of three or more regions
 * (docs/failover.md, "Failover order"): the SECONDARY of the pair above aliases it.
 */
export const failoverChainHostname = (region: string, domain: string) => `origin-chain-${region}.${domain}`;
export const regionalOriginHostname = (region: string, domain: string) => `origin-${region}.${domain}`;
/** Host name of a region's internal app tier load balancer. */
export const appHostname = (region: string, domain: string) => `app-${region}.${domain}`;
