import type { Policies } from "@pulumi/policy";
import { globalIgnoreChanges } from "./global-ignore-changes";
import { globalInstanceClasses } from "./global-instance-classes";
import { globalSecondaryInherited } from "./global-secondary-inherited";
import { kmsKeyRegion } from "./kms-key-region";
import { cloudfrontUsEast1 } from "./cloudfront-us-east-1";
import { originFailoverCodes } from "./origin-failover-codes";
import { iamPolicySize } from "./iam-policy-size";
import { karpenterCompatibility } from "./karpenter-compatibility";
import { karpenterCrdsFirst } from "./karpenter-crds-first";
import { karpenterNodeAccessEntry } from "./karpenter-node-access-entry";
import { karpenterPassNodeRole } from "./karpenter-pass-node-role";

/** AWS's own constraints, caught before `pulumi up` meets them. */
export const preflightPolicies: Policies = [
  globalSecondaryInherited,
  globalInstanceClasses,
  kmsKeyRegion,
  globalIgnoreChanges,
  cloudfrontUsEast1,
  originFailoverCodes,
  karpenterCompatibility,
  karpenterNodeAccessEntry,
  karpenterPassNodeRole,
  karpenterCrdsFirst,
  iamPolicySize,
];
