import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";

/** What `PutMetricAlarm` accepts in `Metrics` (CloudWatch API reference, `PutMetricAlarm`). */
export const METRIC_MATH_ALARM_LIMITS = { metrics: 10, expressions: 10, queries: 20 } as const;

/**
 * What CloudWatch refuses in an alarm on metric math: "Alarms based on metric math expressions can
 * reference a maximum of 10 metrics. This is a hard limit" (CloudWatch User Guide, alarm "Limits");
 * `PutMetricAlarm` takes "up to 20 MetricDataQuery structures ... as many as 10 structures that
 * contain a MetricStat parameter ... and as many as 10 structures that contain the Expression
 * parameter", of which exactly one returns the data the alarm watches. An alarm that sums a
 * metric over every node of a store grows with the store: this catches it before `pulumi up`.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const metricMathAlarmLimits: ResourceValidationPolicy = {
  name: "preflight-metric-math-alarm-limits",
  description:
    "A CloudWatch alarm on metric math may read at most 10 metrics and 10 expressions (20 queries), exactly one of them returning data.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!args.isType(aws.cloudwatch.MetricAlarm)) return;
    const queries: unknown = args.props.metricQueries;
    if (!Array.isArray(queries) || queries.length === 0) return;
    const items = queries.map((q) => (q && typeof q === "object" ? (q as Record<string, unknown>) : {}));
    const metrics = items.filter((q) => q.metric !== undefined).length;
    const expressions = items.filter((q) => q.expression !== undefined).length;
    const returning = items.filter((q) => q.returnData === true).length;
    const name = String(args.props.name ?? args.name);
    const L = METRIC_MATH_ALARM_LIMITS;
    if (metrics > L.metrics) {
      reportViolation(
        `Alarm "${name}" reads ${metrics} metrics: CloudWatch accepts at most ${L.metrics} in an alarm on metric math (a hard limit); watch fewer series or split the alarm and join the parts with a composite alarm.`,
      );
    }
    if (expressions > L.expressions) {
      reportViolation(
        `Alarm "${name}" has ${expressions} expressions: CloudWatch accepts at most ${L.expressions} in an alarm.`,
      );
    }
    if (items.length > L.queries) {
      reportViolation(
        `Alarm "${name}" has ${items.length} metric queries: CloudWatch accepts at most ${L.queries} in an alarm.`,
      );
    }
    if (returning !== 1) {
      reportViolation(
        `Alarm "${name}" has ${returning} metric queries with returnData: exactly one (the expression the alarm watches) must return data.`,
      );
    }
  },
};
