import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { regionOf } from "../lib/aws";

/**
 * An alarm notifies only SNS topics of its own region: CloudWatch refuses any other in the alarm's
 * actions ("Invalid region ca-central-1 specified. Only us-west-2 is supported.", as
 * cds-snc/notification-terraform#128 met it). Each region therefore has its own alarm topics.
 * Judges metric and composite alarms' alarm, OK and insufficient-data actions whose SNS ARN is
 * known at preview.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const alarmActionsRegion: ResourceValidationPolicy = {
  name: "preflight-alarm-actions-region",
  description: "A CloudWatch alarm's SNS actions must be topics of the alarm's own region.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!args.isType(aws.cloudwatch.MetricAlarm) && !args.isType(aws.cloudwatch.CompositeAlarm)) return;
    const region = regionOf(args.props, args.provider);
    if (region === undefined) return;
    for (const field of ["alarmActions", "okActions", "insufficientDataActions"]) {
      const actions: unknown = args.props[field];
      for (const a of Array.isArray(actions) ? actions : []) {
        if (typeof a !== "string" || !a.startsWith("arn:")) continue;
        const [, , service, topicRegion] = a.split(":");
        if (service === "sns" && topicRegion !== region) {
          reportViolation(
            `${field} names the topic ${a} in ${topicRegion}, but the alarm is in ${region}: CloudWatch notifies only topics of the alarm's region; use that region's alarm topic.`,
          );
        }
      }
    }
  },
};
