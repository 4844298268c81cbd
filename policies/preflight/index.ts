import type { Policies } from "@pulumi/policy";
import { auroraAutoscalingSecondary } from "./aurora-autoscaling-secondary";
import { globalDatastoreMemberDrift } from "./global-datastore-member-drift";
import { globalIgnoreChanges } from "./global-ignore-changes";
import { globalInstanceClasses } from "./global-instance-classes";
import { globalSecondaryInherited } from "./global-secondary-inherited";
import { kmsKeyRegion } from "./kms-key-region";
import { cloudfrontUsEast1 } from "./cloudfront-us-east-1";
import { originFailoverCodes } from "./origin-failover-codes";
import { serviceRoleConfusedDeputy } from "./service-role-confused-deputy";
import { proxyEgressToTarget } from "./proxy-egress-to-target";
import { proxyReadOnlyEndpoint } from "./proxy-read-only-endpoint";
import { proxyReaderInstances } from "./proxy-reader-instances";
import { auroraSecondaryCredentials } from "./aurora-secondary-credentials";
import { securityGroupDescriptions } from "./security-group-descriptions";
import { keyPolicyServiceLinkedRoles } from "./key-policy-service-linked-roles";
import { cloudfrontLoggingAcls } from "./cloudfront-logging-acls";
import { stepScalingAboveTarget } from "./step-scaling-above-target";
import { iamPolicySize } from "./iam-policy-size";
import { fifoMessaging } from "./fifo-messaging";
import { eventEndpoint } from "./event-endpoint";
import { karpenterCompatibility } from "./karpenter-compatibility";
import { karpenterCrdsFirst } from "./karpenter-crds-first";
import { karpenterBoundedTeardown } from "./karpenter-bounded-teardown";
import { karpenterNodeAccessEntry } from "./karpenter-node-access-entry";
import { karpenterPassNodeRole } from "./karpenter-pass-node-role";
import { secretReplicaLocal } from "./secret-replica-local";
import { alarmActionsRegion } from "./alarm-actions-region";
import { metricMathAlarmLimits } from "./metric-math-alarm-limits";
import { encryptedTopicPublishers } from "./encrypted-topic-publishers";
import { route53AlarmHealthCheck } from "./route53-alarm-health-check";
import { eksPrivateEndpointReachable } from "./eks-private-endpoint-reachable";

/** AWS's own constraints, caught before `pulumi up` meets them. */
export const preflightPolicies: Policies = [
  globalSecondaryInherited,
  globalInstanceClasses,
  kmsKeyRegion,
  globalIgnoreChanges,
  cloudfrontUsEast1,
  originFailoverCodes,
  serviceRoleConfusedDeputy,
  globalDatastoreMemberDrift,
  auroraAutoscalingSecondary,
  auroraSecondaryCredentials,
  proxyReadOnlyEndpoint,
  proxyReaderInstances,
  proxyEgressToTarget,
  securityGroupDescriptions,
  keyPolicyServiceLinkedRoles,
  cloudfrontLoggingAcls,
  stepScalingAboveTarget,
  karpenterCompatibility,
  karpenterNodeAccessEntry,
  karpenterPassNodeRole,
  karpenterCrdsFirst,
  karpenterBoundedTeardown,
  iamPolicySize,
  secretReplicaLocal,
  fifoMessaging,
  eventEndpoint,
  alarmActionsRegion,
  metricMathAlarmLimits,
  route53AlarmHealthCheck,
  encryptedTopicPublishers,
  eksPrivateEndpointReachable,
];
