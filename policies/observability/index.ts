import type { Policies } from "@pulumi/policy";
import { observabilityAlarmActions } from "./alarm-actions";
import { observabilityLogGroupKms } from "./log-group-kms";
import { observabilityLogGroupRetention } from "./log-group-retention";
import { logGroupRetentionFloor } from "./log-group-retention-floor";
import { requiredTags } from "./required-tags";

/** The observability layer: log groups that expire and are encrypted, alarms that notify. */
export const observabilityPolicies: Policies = [
  observabilityLogGroupRetention,
  observabilityLogGroupKms,
  observabilityAlarmActions,
  logGroupRetentionFloor,
  requiredTags,
];
