import type { Policies } from "@pulumi/policy";
import { asgMaxSize } from "./asg-max-size";
import { instanceTypeAllowlist } from "./instance-type-allowlist";
import { nodePoolLimits } from "./nodepool-limits";
import { natGatewaysByPosture } from "./nat-gateways-by-posture";
import { scheduledActionCeiling } from "./scheduled-action-ceiling";
import { spotShare } from "./spot-share";
import { stackBudget } from "./stack-budget";
import { standbyShare } from "./standby-share";

/** Cost rules; thresholds come from policy config (see docs/policies.md). */
export const costPolicies: Policies = [
  instanceTypeAllowlist,
  asgMaxSize,
  spotShare,
  nodePoolLimits,
  stackBudget,
  standbyShare,
  natGatewaysByPosture,
  scheduledActionCeiling,
];
