/** The `cost` pack: the cost rules; each sets its own level (policies/metadata.ts), a rule without one is advisory. */
import packageJson from "./package.json";
import type { PolicyPackDefinition } from "../../pack-definition";
import { costPolicies } from "../../cost";
import { withMetadata } from "../../metadata";

export const costPack: PolicyPackDefinition = {
  name: "cost",
  version: packageJson.version,
  description: packageJson.description,
  enforcementLevel: "advisory",
  policies: costPolicies.map(withMetadata),
};
