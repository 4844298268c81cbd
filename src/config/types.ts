/**
 * The validated, frozen config that the rest of the program receives.
 * Produced only by `validateStackConfig`; see docs/config.md for every key.
 */
import type { InterfaceEndpointService, NatStrategy, Role } from "./schema";
import type { Posture, TiersConfig } from "./tiers";
import type { DataConfig } from "./data";
import type { EdgeConfig } from "./edge";

export interface PeerConfig {
  /** The peer's stack name (resolved to `<org>/<project>/<stack>` for StackReference). */
  readonly stack: string;
  /** The peer stack's AWS region. */
  readonly region: string;
  /** The peer VPC's CIDR, checked against the peer stack's own output at deploy time. */
  readonly cidr: string;
  /** The peer stack's role. */
  readonly role: Role;
}

export interface NetworkConfig {
  readonly cidr: string;
  readonly availabilityZones: readonly string[];
  readonly natStrategy: NatStrategy;
  readonly interfaceEndpoints: readonly InterfaceEndpointService[];
  readonly flowLogRetentionDays: number;
}

export interface StackConfig {
  /** The stack's name. A stack's role comes from `role`, never from this name. */
  readonly stack: string;
  readonly project: string;
  /** The stack's AWS region (`aws:region`). */
  readonly region: string;
  /** `primary` owns the global objects; `secondary` stacks join them. */
  readonly role: Role;
  readonly environment: string;
  readonly accountId: string;
  /** Protect stateful resources (keys, databases, caches, secrets) from deletion. */
  readonly protect: boolean;
  readonly network: NetworkConfig;
  /** Stacks applied before this one; this stack owns its peering with each. */
  readonly peers: readonly PeerConfig[];
  /** Tags for every taggable resource: owner, cost-center, environment and free tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** The platform's DNS domain and its Route 53 public hosted zone. */
  readonly dns: { readonly domain: string; readonly zoneName: string; readonly hostedZoneId: string };
  /** The region's ID of the CloudFront origin-facing managed prefix list. */
  readonly cloudfrontPrefixListId: string;
  /** How much capacity this region runs: the primary is always `active`. */
  readonly posture: Posture;
  /** The web and app tiers, defaults applied. */
  readonly tiers: TiersConfig;
  /** The Aurora global database and the ElastiCache global datastore. */
  readonly data: DataConfig;
  /** Route 53 health checks and failover; CloudFront and WAF on the primary. */
  readonly edge: EdgeConfig;
}
