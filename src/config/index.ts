export { loadStackConfig } from "./load";
export { validateStackConfig, ConfigError, type RawStackConfig } from "./validate";
export type { StackConfig, NetworkConfig, PeerConfig } from "./types";
export * from "./cidr";
export { zonesOf, KNOWN_REGIONS } from "./regions";
export * from "./defaults";
