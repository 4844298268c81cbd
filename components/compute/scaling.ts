import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";
import { SCHEDULED_ACTION_DEFAULTS } from "../../src/config/defaults";

/** A scheduled change of a group's bounds: repeating (`recurrence`) or one-off (`startTime`). */
export interface ScheduledAction {
  readonly name: string;
  /** Cron, five fields, in `timeZone`. */
  readonly recurrence?: string;
  /** ISO 8601 UTC start of a one-off action. */
  readonly startTime?: string;
  /** ISO 8601 UTC end of the action. @default none */
  readonly endTime?: string;
  /**
   * IANA time zone of `recurrence`; sent only with it (the API applies TimeZone to the cron
   * expression alone: a one-off start time is UTC). @default "UTC"
   */
  readonly timeZone?: string;
  /** @default unchanged */
  readonly minSize?: number;
  /** @default unchanged */
  readonly maxSize?: number;
  /** @default unchanged */
  readonly desiredCapacity?: number;
}

/** Arguments of {@link ScalingPolicies}. */
export interface ScalingPoliciesArgs {
  /** The region of the group, its policies, alarms and scheduled actions. */
  readonly region: string;
  /** The Auto Scaling group to scale. */
  readonly groupName: pulumi.Input<string>;
  /** Seconds a new instance needs before its metrics count. */
  readonly instanceWarmupSeconds: number;
  /** Target tracking on average CPU, percent. */
  readonly cpuTarget: number;
  /**
   * Target tracking on ALB requests per target: the target and the metric's resource label
   * (`<alb arn suffix>/<target group arn suffix>`). @default none (0 also disables it)
   */
  readonly requestsPerTarget?: { readonly target: number; readonly resourceLabel: pulumi.Input<string> };
  /**
   * Step scaling out from a CloudWatch alarm on average CPU: add 1 instance from `scaleOutAt`, 2
   * from `scaleOutFastAt`. Both above `cpuTarget`: below it, step scaling and target tracking
   * fight. No step scale-in: target tracking scales in (AWS: a step scale-in is not blocked by a
   * target tracking policy, which may then scale out again). @default none
   */
  readonly step?: { readonly scaleOutAt: number; readonly scaleOutFastAt: number };
  /**
   * Predictive scaling on CPU. `ForecastOnly` only forecasts (it needs 24 hours of history to be
   * useful); `ForecastAndScale` also scales out ahead of the forecast but never scales in, which
   * the target tracking policies do. @default none
   */
  readonly predictive?: { readonly mode: "ForecastOnly" | "ForecastAndScale"; readonly cpuTarget: number };
  /** Scheduled actions. @default [] */
  readonly scheduled?: readonly ScheduledAction[];
  /** Tags for the alarms. @default {} */
  readonly tags?: Tags;
}

/**
 * The four kinds of scaling policy on one Auto Scaling group: target tracking (CPU, requests per
 * target), step scaling from CPU alarms, predictive scaling and scheduled actions.
 */
export class ScalingPolicies extends pulumi.ComponentResource {
  constructor(name: string, args: ScalingPoliciesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:compute:ScalingPolicies", name, {}, opts);
    const child = { parent: this };
    const region = args.region;
    const group = args.groupName;
    const warmup = args.instanceWarmupSeconds;

    new aws.autoscaling.Policy(
      `${name}-cpu`,
      {
        region,
        autoscalingGroupName: group,
        policyType: "TargetTrackingScaling",
        estimatedInstanceWarmup: warmup,
        targetTrackingConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
          targetValue: args.cpuTarget,
        },
      },
      child,
    );
    if (args.requestsPerTarget && args.requestsPerTarget.target > 0) {
      new aws.autoscaling.Policy(
        `${name}-requests`,
        {
          region,
          autoscalingGroupName: group,
          policyType: "TargetTrackingScaling",
          estimatedInstanceWarmup: warmup,
          targetTrackingConfiguration: {
            predefinedMetricSpecification: {
              predefinedMetricType: "ALBRequestCountPerTarget",
              resourceLabel: args.requestsPerTarget.resourceLabel,
            },
            targetValue: args.requestsPerTarget.target,
          },
        },
        child,
      );
    }

    if (args.step) {
      const { scaleOutAt, scaleOutFastAt } = args.step;
      if (!(args.cpuTarget < scaleOutAt && scaleOutAt < scaleOutFastAt)) {
        throw new Error(
          `ScalingPolicies ${name}: expected cpuTarget < step.scaleOutAt < step.scaleOutFastAt, got ${args.cpuTarget}, ${scaleOutAt}, ${scaleOutFastAt} (step scaling at or below the target fights target tracking)`,
        );
      }
      const out = new aws.autoscaling.Policy(
        `${name}-step-out`,
        {
          region,
          autoscalingGroupName: group,
          policyType: "StepScaling",
          adjustmentType: "ChangeInCapacity",
          metricAggregationType: "Average",
          estimatedInstanceWarmup: warmup,
          // Bounds are relative to the alarm's threshold (scaleOutAt).
          stepAdjustments: [
            {
              metricIntervalLowerBound: "0",
              metricIntervalUpperBound: String(scaleOutFastAt - scaleOutAt),
              scalingAdjustment: 1,
            },
            { metricIntervalLowerBound: String(scaleOutFastAt - scaleOutAt), scalingAdjustment: 2 },
          ],
        },
        child,
      );
      const alarm = (
        suffix: string,
        comparisonOperator: string,
        threshold: number,
        periods: number,
        action: aws.autoscaling.Policy,
      ) =>
        new aws.cloudwatch.MetricAlarm(
          `${name}-${suffix}`,
          {
            region,
            namespace: "AWS/EC2",
            metricName: "CPUUtilization",
            dimensions: { AutoScalingGroupName: group },
            statistic: "Average",
            period: 60,
            evaluationPeriods: periods,
            comparisonOperator,
            threshold,
            treatMissingData: "notBreaching",
            alarmDescription: `Step scaling of ${name}: CPU ${comparisonOperator} ${threshold}%`,
            alarmActions: [action.arn],
            tags: tagsFor(args.tags, `${name}-${suffix}`),
          },
          child,
        );
      // Scale out after 2 minutes above the threshold.
      alarm("cpu-high", "GreaterThanOrEqualToThreshold", scaleOutAt, 2, out);
    }

    if (args.predictive) {
      new aws.autoscaling.Policy(
        `${name}-predictive`,
        {
          region,
          autoscalingGroupName: group,
          policyType: "PredictiveScaling",
          predictiveScalingConfiguration: {
            mode: args.predictive.mode,
            schedulingBufferTime: String(warmup),
            maxCapacityBreachBehavior: "HonorMaxCapacity",
            metricSpecification: {
              targetValue: args.predictive.cpuTarget,
              predefinedMetricPairSpecification: { predefinedMetricType: "ASGCPUUtilization" },
            },
          },
        },
        child,
      );
    }

    // An edit replaces the action instead of updating it: on update the provider resends the start
    // time AWS computed at creation, which is in the past once the action first ran ("Given start
    // time is in the past": pulumi/pulumi-aws#2473, hashicorp/terraform-provider-aws#38983). The AWS
    // name carries a digest of the settings, and the provider replaces an action whose name
    // changes (scheduled_action_name is ForceNew); the new one is created without a start time, so
    // AWS computes the next occurrence. Deleted first: PutScheduledUpdateGroupAction creates or
    // updates by name, and the old and new actions never need to coexist.
    for (const a of args.scheduled ?? []) {
      new aws.autoscaling.Schedule(
        `${name}-${a.name}`,
        {
          region,
          autoscalingGroupName: group,
          scheduledActionName: scheduledActionName(a),
          recurrence: a.recurrence,
          startTime: a.startTime,
          endTime: a.endTime,
          timeZone: timeZoneSent(a),
          // The provider defaults an omitted size to 0, which would empty the group: -1 keeps it.
          minSize: a.minSize ?? -1,
          maxSize: a.maxSize ?? -1,
          desiredCapacity: a.desiredCapacity ?? -1,
        },
        { ...child, deleteBeforeReplace: true },
      );
    }
    this.registerOutputs({});
  }
}

/**
 * The time zone sent with an action: a recurring action's, and none with a one-off action.
 * PutScheduledUpdateGroupAction's TimeZone "specifies the time zone for a cron expression"
 * (Recurrence); StartTime and EndTime are UTC whatever it says. The provider keeps `time_zone`
 * Optional and Computed (terraform-provider-aws internal/service/autoscaling/schedule.go), so
 * leaving it out of a one-off action shows no difference.
 */
function timeZoneSent(a: ScheduledAction): string | undefined {
  return a.recurrence !== undefined ? (a.timeZone ?? SCHEDULED_ACTION_DEFAULTS.timeZone) : undefined;
}

/**
 * The action's name in AWS: its config name and a digest of every setting it sends, so that any
 * edit renames it, which the provider turns into a replacement (see {@link ScalingPolicies}).
 */
export function scheduledActionName(a: ScheduledAction): string {
  const settings = [
    a.recurrence,
    a.startTime,
    a.endTime,
    timeZoneSent(a),
    a.minSize ?? -1,
    a.maxSize ?? -1,
    a.desiredCapacity ?? -1,
  ];
  return `${a.name}-${createHash("sha256").update(JSON.stringify(settings)).digest("hex").slice(0, 8)}`;
}
