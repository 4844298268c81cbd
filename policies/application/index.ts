import type { Policies } from "@pulumi/policy";
import { albAccessLogs } from "./alb-access-logs";
import { albDeletionProtection } from "./alb-deletion-protection";
import { albDropInvalidHeaders } from "./alb-drop-invalid-headers";
import { albListenerTls } from "./alb-listener-tls";
import { asgElbHealthCheck } from "./asg-elb-health-check";
import { asgLaunchTemplate } from "./asg-launch-template";
import { launchTemplateDetailedMonitoring } from "./launch-template-detailed-monitoring";
import { launchTemplateEncryptedVolumes } from "./launch-template-encrypted-volumes";
import { launchTemplateImdsv2 } from "./launch-template-imdsv2";
import { launchTemplateNoPublicIp } from "./launch-template-no-public-ip";
import { iamNoWildcardWrite } from "./iam-no-wildcard-write";
import { iamNoAdminPolicies } from "./iam-no-admin-policies";
import { iamTrustNotOpen } from "./iam-trust-not-open";
import { asgIgnoreDesiredCapacity } from "./asg-ignore-desired-capacity";
import { noPlaintextCredentials } from "./no-plaintext-credentials";

/** The application security layer. */
export const applicationPolicies: Policies = [
  launchTemplateImdsv2,
  launchTemplateEncryptedVolumes,
  launchTemplateNoPublicIp,
  albAccessLogs,
  albDropInvalidHeaders,
  albListenerTls,
  asgLaunchTemplate,
  asgElbHealthCheck,
  iamNoWildcardWrite,
  iamNoAdminPolicies,
  iamTrustNotOpen,
  asgIgnoreDesiredCapacity,
  noPlaintextCredentials,
  albDeletionProtection,
  launchTemplateDetailedMonitoring,
];
