/**
 * The validated, frozen config the rest of the program receives. Every type here is derived from
 * the zod schema (`z.output`), so a key added to the schema appears here with its type; only what
 * validation adds (stack, project, region, the posture by role, the environment tag) is written
 * by hand. Produced only by `validateStackConfig`; docs/config.md, generated from the same schema,
 * describes every key.
 */
import type { z } from "zod";
import type { networkSchema, peerSchema, stackConfigSchema } from "./schema";
import type { Posture } from "./tiers";
import type { FailoverConfig } from "./failover";

/** `T` read-only at every depth, lists included (the config is deep-frozen at run time). */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

type Parsed = z.output<typeof stackConfigSchema>;

/** One entry of `platform:peers`: a stack applied before this one, which this stack peers with. */
export type PeerConfig = DeepReadonly<z.output<typeof peerSchema>>;
/** `platform:network`, defaults applied. */
export type NetworkConfig = DeepReadonly<z.output<typeof networkSchema>>;
/** `platform:dns`: the platform's domain and its Route 53 public hosted zone. */
export type DnsConfig = DeepReadonly<Parsed["dns"]>;

/**
 * A stack's whole config. Top-level keys, network, peers and DNS are read-only in the type; the
 * tiers, data and edge keep their schema output types (`TiersConfig`, `DataConfig`, `EdgeConfig`)
 * so code that hands their lists to components compiles unchanged. All of it is frozen at run time.
 */
export interface StackConfig extends Readonly<
  Omit<Parsed, "network" | "peers" | "dns" | "tags" | "posture" | "failover">
> {
  /** The stack's name. A stack's role comes from `role`, never from this name. */
  readonly stack: string;
  /** The Pulumi project's name. */
  readonly project: string;
  /** The stack's AWS region (`aws:region`). */
  readonly region: string;
  readonly network: NetworkConfig;
  /** Stacks applied before this one; this stack owns its peering with each. */
  readonly peers: readonly PeerConfig[];
  readonly dns: DnsConfig;
  /** Tags for every taggable resource: owner, cost-center, `environment` (from `environment`) and free tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** How much capacity this region runs; when left out, `DEFAULT_POSTURE[role]`. */
  readonly posture: Posture;
  /** `platform:failover`, with `writerRegion` resolved (the primary stack's region when left out). */
  readonly failover: DeepReadonly<FailoverConfig> & { readonly writerRegion: string };
}
