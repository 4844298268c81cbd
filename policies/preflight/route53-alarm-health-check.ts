import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { regionOf } from "../lib/aws";
import { asObject } from "../lib/values";

const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const COMPOSITE_ALARM = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
const BASIC_STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];

/** Why Route 53 cannot follow this metric alarm, or undefined when it can. */
function unfollowable(alarm: PolicyResource): string | undefined {
  const a = alarm.props;
  if (Array.isArray(a.metricQueries) && a.metricQueries.length > 0)
    return "it is a metric-math alarm (metricQueries), which has no single metric for Route 53 to describe";
  if (typeof a.extendedStatistic === "string")
    return `it uses the extended statistic ${a.extendedStatistic}; Route 53 supports Average, Minimum, Maximum, Sum and SampleCount`;
  if (typeof a.statistic === "string" && !BASIC_STATISTICS.includes(a.statistic))
    return `it uses the statistic ${a.statistic}; Route 53 supports Average, Minimum, Maximum, Sum and SampleCount`;
  if (typeof a.period === "number" && a.period < 60)
    return `its period is ${a.period} s, a high-resolution alarm; Route 53 supports standard-resolution metrics only`;
  return undefined;
}

/**
 * A CLOUDWATCH_METRIC health check follows an alarm Route 53 can read: an alarm of this stack,
 * named by `cloudwatchAlarmName` in the region `cloudwatchAlarmRegion` names, on one
 * standard-resolution metric with a basic statistic. Route 53 API reference, `AlarmIdentifier`:
 * "Route 53 supports CloudWatch alarms with the following features: Standard-resolution metrics.
 * High-resolution metrics aren't supported... Statistics: Average, Minimum, Maximum, Sum, and
 * SampleCount. Extended statistics aren't supported"; `CloudWatchAlarmConfiguration` describes the
 * followed alarm by one metric's namespace, name, dimensions and statistic, which a composite or
 * metric-math alarm does not have. A check that names an alarm in another region finds nothing.
 * Health checks naming alarms outside the stack (not planned here) are not judged.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const route53AlarmHealthCheck: StackValidationPolicy = {
  name: "preflight-route53-alarm-health-check",
  description:
    "A Route 53 CLOUDWATCH_METRIC health check must follow a single-metric, standard-resolution alarm with a basic statistic, in the region it names.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const alarms = args.resources.filter((r) => r.type === METRIC_ALARM || r.type === COMPOSITE_ALARM);
    const nameOf = (r: PolicyResource): unknown =>
      r.type === COMPOSITE_ALARM ? r.props.alarmName : r.props.name;
    for (const check of args.resources.filter((r) => r.type === HEALTH_CHECK)) {
      const c = check.props;
      if (c.type !== "CLOUDWATCH_METRIC") continue;
      const deps = new Set((check.propertyDependencies.cloudwatchAlarmName ?? []).map((r) => r.urn));
      const alarm = alarms.find(
        (a) =>
          deps.has(a.urn) ||
          (typeof c.cloudwatchAlarmName === "string" && nameOf(a) === c.cloudwatchAlarmName),
      );
      if (!alarm) continue;
      const label = `Health check "${check.name}" follows alarm "${alarm.name}"`;
      if (alarm.type === COMPOSITE_ALARM) {
        reportViolation(
          `${label}, a composite alarm: Route 53 follows only alarms on one metric. Follow the composite's single-metric members, and combine their health checks in a CALCULATED health check.`,
          check.urn,
        );
        continue;
      }
      const why = unfollowable(alarm);
      if (why) reportViolation(`${label}, which Route 53 cannot follow: ${why}.`, check.urn);
      const alarmRegion = regionOf(alarm.props, alarm.provider);
      if (
        typeof c.cloudwatchAlarmRegion === "string" &&
        alarmRegion &&
        c.cloudwatchAlarmRegion !== alarmRegion
      ) {
        reportViolation(
          `${label} in ${c.cloudwatchAlarmRegion}, but the alarm is in ${alarmRegion}: set cloudwatchAlarmRegion to ${alarmRegion}.`,
          check.urn,
        );
      }
      if (asObject(c).insufficientDataHealthStatus === undefined) {
        reportViolation(
          `${label} without insufficientDataHealthStatus: say how a gap in the alarm's data counts (Healthy, Unhealthy or LastKnownStatus) rather than leave it to the default.`,
          check.urn,
        );
      }
    }
  },
};
