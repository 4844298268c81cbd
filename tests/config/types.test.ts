/**
 * The config types are derived from the schema. These checks run at compile time (the suite's
 * type check): the derived StackConfig must still fit the hand-written interfaces it replaced,
 * so code written against them keeps compiling.
 */
import type { z } from "zod";
import { validateStackConfig } from "../../src/config";
import type {
  DataConfig,
  EdgeConfig,
  InterfaceEndpointService,
  NatStrategy,
  NetworkConfig,
  PeerConfig,
  Posture,
  Role,
  StackConfig,
  TiersConfig,
} from "../../src/config";
import type { stackConfigSchema } from "../../src/config/schema";
import { withOverrides } from "../helpers/config";

/** The interfaces src/config/types.ts wrote by hand before they were derived. */
interface LegacyPeerConfig {
  readonly stack: string;
  readonly region: string;
  readonly cidr: string;
  readonly role: Role;
}
interface LegacyNetworkConfig {
  readonly cidr: string;
  readonly availabilityZones: readonly string[];
  readonly natStrategy: NatStrategy;
  readonly interfaceEndpoints: readonly InterfaceEndpointService[];
  readonly flowLogRetentionDays: number;
}
interface LegacyStackConfig {
  readonly stack: string;
  readonly project: string;
  readonly region: string;
  readonly role: Role;
  readonly environment: string;
  readonly accountId: string;
  readonly protect: boolean;
  readonly network: LegacyNetworkConfig;
  readonly peers: readonly LegacyPeerConfig[];
  readonly tags: Readonly<Record<string, string>>;
  readonly dns: { readonly domain: string; readonly zoneName: string; readonly hostedZoneId: string };
  readonly cloudfrontPrefixListId: string;
  readonly posture: Posture;
  readonly tiers: TiersConfig;
  readonly data: DataConfig;
  readonly edge: EdgeConfig;
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(): T => true as T;

describe("config types derived from the schema", () => {
  test("StackConfig fits the interfaces it replaced", () => {
    const legacy = (c: StackConfig): LegacyStackConfig => c;
    const peer = (p: PeerConfig): LegacyPeerConfig => p;
    const network = (n: NetworkConfig): LegacyNetworkConfig => n;
    const cfg = validateStackConfig(withOverrides("eu-west-1", {}));
    expect(legacy(cfg).peers.map(peer)).toHaveLength(1);
    expect(network(cfg.network).cidr).toBe("10.20.0.0/16");
  });

  test("a schema key's type is the type of its StackConfig field", () => {
    type Parsed = z.output<typeof stackConfigSchema>;
    expect(assert<Equal<StackConfig["role"], Parsed["role"]>>()).toBe(true);
    expect(assert<Equal<StackConfig["tiers"], Parsed["tiers"]>>()).toBe(true);
    expect(assert<Equal<StackConfig["dns"]["zoneName"], string>>()).toBe(true);
    expect(assert<Equal<NetworkConfig["natStrategy"], NatStrategy>>()).toBe(true);
  });
});
