/**
 * The platform's policy pack, as data: the CLI entry (index.ts) serves it to `pulumi preview
 * --policy-pack policies`, and the offline plan evaluates the same objects on its resources.
 */
import type { EnforcementLevel, Policies } from "@pulumi/policy";
import { applicationPolicies } from "./application";
import { costPolicies } from "./cost";
import { dataPolicies } from "./data";
import { edgePolicies } from "./edge";
import { eksPolicies } from "./eks";
import { eventsPolicies } from "./events";
import { preflightPolicies } from "./preflight";
import { networkPolicies } from "./network";
import { observabilityPolicies } from "./observability";
import packageJson from "./package.json";

export interface PolicyPackDefinition {
  readonly name: string;
  readonly version: string;
  /** Level of policies that set none. */
  readonly enforcementLevel: EnforcementLevel;
  readonly policies: Policies;
}

export const platformPack: PolicyPackDefinition = {
  name: "platform",
  version: packageJson.version,
  enforcementLevel: "mandatory",
  policies: [
    ...networkPolicies,
    ...applicationPolicies,
    ...dataPolicies,
    ...edgePolicies,
    ...eksPolicies,
    ...eventsPolicies,
    ...observabilityPolicies,
    ...costPolicies,
    ...preflightPolicies,
  ],
};
