// Entry point for the Pulumi CLI: `pulumi preview --policy-pack policies`.
import { PolicyPack } from "@pulumi/policy";
import { platformPack } from "./pack";

new PolicyPack(platformPack.name, {
  enforcementLevel: platformPack.enforcementLevel,
  policies: platformPack.policies,
});
