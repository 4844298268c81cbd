/**
 * The table of every check across a stack's keys, in the order problems are reported. Each rule
 * runs on the raw input (`RawStack`), so it reports even when other keys are invalid.
 */
import type { RawStack } from "../raw";
import type { RuleTable } from "../rule-table";
import { DATA_RULES } from "./data";
import { EDGE_RULES } from "./edge";
import { EKS_RULES } from "./eks";
import { FAILOVER_RULES } from "./failover";
import { NETWORK_RULES } from "./network";
import { PIPELINE_RULES } from "./pipeline";
import { OBSERVABILITY_RULES } from "./observability";
import { DNS_RULE, POSTURE_RULE, TAG_COUNT_RULE, TAG_RULES } from "./stack";
import { TIERS_RULES } from "./tiers";

export const STACK_RULES: RuleTable<RawStack> = [
  ...NETWORK_RULES,
  ...TAG_RULES,
  POSTURE_RULE,
  DNS_RULE,
  ...TIERS_RULES,
  ...DATA_RULES,
  ...EDGE_RULES,
  ...EKS_RULES,
  ...PIPELINE_RULES,
  ...OBSERVABILITY_RULES,
  ...FAILOVER_RULES,
  TAG_COUNT_RULE,
];
