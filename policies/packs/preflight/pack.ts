/** The `preflight` pack: what AWS would reject at apply time; mandatory. */
import packageJson from "./package.json";
import type { PolicyPackDefinition } from "../../pack-definition";
import { preflightPolicies } from "../../preflight";
import { withMetadata } from "../../metadata";

export const preflightPack: PolicyPackDefinition = {
  name: "preflight",
  version: packageJson.version,
  description: packageJson.description,
  enforcementLevel: "mandatory",
  policies: preflightPolicies.map(withMetadata),
};
