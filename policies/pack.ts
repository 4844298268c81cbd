/**
 * The platform's three policy packs: `security` (network, application, data, edge, eks, events and
 * observability layers), `cost` and `preflight` (what AWS would reject at apply time). Each has its
 * own directory under policies/packs/ (PulumiPolicy.yaml, package.json, pack.ts, and the index.ts
 * entry the Pulumi CLI runs: `pulumi preview --policy-pack policies/packs/security`), and the
 * offline plan evaluates the same objects. The metadata of policies/metadata.ts (severity,
 * remediation, default level, config schema) is applied when each pack is assembled.
 */
import type { PolicyPackDefinition } from "./pack-definition";
import { costPack } from "./packs/cost/pack";
import { preflightPack } from "./packs/preflight/pack";
import { securityPack } from "./packs/security/pack";

export type { PolicyPackDefinition } from "./pack-definition";
export { costPack, preflightPack, securityPack };

/** The three packs, in the order the offline plan evaluates and reports them. */
export const PLATFORM_PACKS: readonly PolicyPackDefinition[] = [securityPack, costPack, preflightPack];

/**
 * Every policy of the three packs in one list, for code that looks policies up by name (tests,
 * the docs generator). Not a pack of its own: nothing serves it, and the offline plan evaluates
 * PLATFORM_PACKS.
 */
export const platformPack: PolicyPackDefinition = {
  name: "platform",
  version: securityPack.version,
  enforcementLevel: "mandatory",
  policies: PLATFORM_PACKS.flatMap((p) => p.policies),
};
