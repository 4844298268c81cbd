// Entry point for the Pulumi CLI: `pulumi preview --policy-pack policies/packs/preflight`.
import { PolicyPack } from "@pulumi/policy";
import { preflightPack } from "./pack";

new PolicyPack(preflightPack.name, {
  enforcementLevel: preflightPack.enforcementLevel,
  policies: preflightPack.policies,
  ...(preflightPack.description ? { description: preflightPack.description } : {}),
});
