// Entry point for the Pulumi CLI: `pulumi preview --policy-pack policies/packs/security`.
import { PolicyPack } from "@pulumi/policy";
import { securityPack } from "./pack";

new PolicyPack(securityPack.name, {
  enforcementLevel: securityPack.enforcementLevel,
  policies: securityPack.policies,
  ...(securityPack.description ? { description: securityPack.description } : {}),
});
