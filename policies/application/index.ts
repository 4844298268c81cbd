import type { Policies } from "@pulumi/policy";
import { albAccessLogs } from "./alb-access-logs";
import { albDropInvalidHeaders } from "./alb-drop-invalid-headers";
import { albListenerTls } from "./alb-listener-tls";
import { asgElbHealthCheck } from "./asg-elb-health-check";
import { asgLaunchTemplate } from "./asg-launch-template";
import { launchTemplateEncryptedVolumes } from "./launch-template-encrypted-volumes";
import { launchTemplateImdsv2 } from "./launch-template-imdsv2";
import { launchTemplateNoPublicIp } from "./launch-template-no-public-ip";

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
];
