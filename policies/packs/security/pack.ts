/** The `security` pack: the security layers (network, application, data, edge, eks, events, observability); mandatory. */
import packageJson from "./package.json";
import type { PolicyPackDefinition } from "../../pack-definition";
import { applicationPolicies } from "../../application";
import { dataPolicies } from "../../data";
import { edgePolicies } from "../../edge";
import { eksPolicies } from "../../eks";
import { eventsPolicies } from "../../events";
import { networkPolicies } from "../../network";
import { observabilityPolicies } from "../../observability";
import { withMetadata } from "../../metadata";

export const securityPack: PolicyPackDefinition = {
  name: "security",
  version: packageJson.version,
  description: packageJson.description,
  enforcementLevel: "mandatory",
  policies: [
    ...networkPolicies,
    ...applicationPolicies,
    ...dataPolicies,
    ...edgePolicies,
    ...eksPolicies,
    ...eventsPolicies,
    ...observabilityPolicies,
  ].map(withMetadata),
};
