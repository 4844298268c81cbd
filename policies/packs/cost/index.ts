// Entry point for the Pulumi CLI: `pulumi preview --policy-pack policies/packs/cost`.
import { PolicyPack } from "@pulumi/policy";
import { costPack } from "./pack";

new PolicyPack(costPack.name, {
  enforcementLevel: costPack.enforcementLevel,
  policies: costPack.policies,
  ...(costPack.description ? { description: costPack.description } : {}),
});
