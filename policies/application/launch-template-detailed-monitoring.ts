import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asObject, isTrue } from "../lib/values";

/**
 * Launch templates turn on detailed (one-minute) monitoring: without `monitoring.enabled` true,
 * EC2 gives their instances basic five-minute monitoring (EC2 API reference,
 * LaunchTemplatesMonitoringRequest: "Specify true to enable detailed monitoring. Otherwise,
 * basic monitoring is enabled"), too coarse for the scaling and alarms that read their metrics.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov none; cdk-nag EC28.
 */
export const launchTemplateDetailedMonitoring: ResourceValidationPolicy = {
  name: "application-launch-template-detailed-monitoring",
  description: "Launch templates must enable detailed monitoring (monitoring.enabled = true).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!args.isType(aws.ec2.LaunchTemplate)) return;
    const enabled: unknown = asObject(args.props.monitoring).enabled;
    if (!isTrue(enabled)) {
      reportViolation(
        `Launch template leaves its instances on basic monitoring (monitoring.enabled = ${JSON.stringify(enabled)}): set monitoring = { enabled: true }.`,
      );
    }
  },
};
