import type { Policies } from "@pulumi/policy";
import { asgMaxSize } from "./asg-max-size";
import { instanceTypeAllowlist } from "./instance-type-allowlist";
import { nodePoolLimits } from "./nodepool-limits";
import { spotShare } from "./spot-share";

/** Cost rules; thresholds come from policy config (see docs/policies.md). */
export const costPolicies: Policies = [instanceTypeAllowlist, asgMaxSize, spotShare, nodePoolLimits];
