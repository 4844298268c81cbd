import type { Policies } from "@pulumi/policy";
import { globalIgnoreChanges } from "./global-ignore-changes";
import { globalInstanceClasses } from "./global-instance-classes";
import { globalSecondaryInherited } from "./global-secondary-inherited";
import { kmsKeyRegion } from "./kms-key-region";

/** AWS's own constraints, caught before `pulumi up` meets them. */
export const preflightPolicies: Policies = [
  globalSecondaryInherited,
  globalInstanceClasses,
  kmsKeyRegion,
  globalIgnoreChanges,
];
