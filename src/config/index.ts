export { loadStackConfig, type LoadOptions } from "./load";
export {
  validateStackConfig,
  findPlaceholders,
  ConfigError,
  type RawStackConfig,
  type ValidationOptions,
} from "./validate";
export { type Placeholder, placeholderProblem } from "./placeholders";
export type { StackConfig, NetworkConfig, PeerConfig, DnsConfig, DeepReadonly } from "./types";
export type { Role, NatStrategy, InterfaceEndpointService } from "./schema";
export type { Posture, TierConfig, TiersConfig } from "./tiers";
export type { AuroraConfig, CacheConfig, DataConfig } from "./data";
export type { EdgeConfig } from "./edge";
export type { ObservabilityConfig } from "./observability";
export type { FailoverConfig, Drill } from "./failover";
export * from "./cidr";
export { zonesOf, KNOWN_REGIONS } from "./regions";
export * from "./defaults";
