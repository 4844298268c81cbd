import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmSeverity } from "../../src/config/observability";
import { tagsFor, type Tags } from "../lib/tags";
import { isBasicStatistic, type AlarmSpec } from "./alarm-specs";
import type { MetricRef } from "./metrics";

/** Arguments of {@link Alarms}. */
export interface AlarmsArgs {
  /** The region of the alarms (and of their topics: an alarm notifies only a topic of its own region). */
  readonly region: string;
  /** The alarms, from {@link alarmSpecs}. */
  readonly specs: readonly AlarmSpec<pulumi.Input<string>>[];
  /** The topic each severity notifies, on ALARM and back to OK. */
  readonly topicArns: Readonly<Record<AlarmSeverity, pulumi.Input<string>>>;
  readonly tags?: Tags;
}

/** A metric as an alarm's metric query reads it (the statistic goes in `stat`, percentiles included). */
const queryMetric = (m: MetricRef<pulumi.Input<string>>, period: number) => ({
  namespace: m.namespace,
  metricName: m.metricName,
  dimensions: { ...m.dimensions },
  stat: m.stat,
  period,
});

/**
 * The region's metric alarms, one per spec, named `<name>-<key>` (names are what composite alarms
 * and Route 53 health checks refer to). Every alarm notifies its severity's topic when it goes to
 * ALARM and when it returns to OK.
 */
export class Alarms extends pulumi.ComponentResource {
  /** The alarms by key. */
  readonly alarms: Readonly<Record<string, aws.cloudwatch.MetricAlarm>>;

  constructor(name: string, args: AlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:Alarms", name, {}, opts);
    const alarms: Record<string, aws.cloudwatch.MetricAlarm> = {};
    for (const spec of args.specs) {
      const alarmName = `${name}-${spec.key}`;
      const topic = args.topicArns[spec.severity];
      const source = spec.metric
        ? {
            namespace: spec.metric.namespace,
            metricName: spec.metric.metricName,
            dimensions: { ...spec.metric.dimensions },
            period: spec.periodSeconds,
            ...(isBasicStatistic(spec.metric.stat)
              ? { statistic: spec.metric.stat }
              : {
                  extendedStatistic: spec.metric.stat,
                  // A percentile over a few requests (a standby region, a quiet night) is noise:
                  // below 10/(1-percentile) samples a period (200 for p95) the alarm keeps its
                  // state instead of paging (CloudWatch User Guide, "Percentile-based alarms and
                  // low data samples"; the API's default is to evaluate).
                  evaluateLowSampleCountPercentiles: "ignore",
                }),
          }
        : {
            metricQueries: [
              { id: "e", expression: spec.math!.expression, label: spec.math!.label, returnData: true },
              ...Object.entries(spec.math!.metrics).map(([id, m]) => ({
                id,
                metric: queryMetric(m, spec.periodSeconds),
                returnData: false,
              })),
            ],
          };
      alarms[spec.key] = new aws.cloudwatch.MetricAlarm(
        alarmName,
        {
          region: args.region,
          name: alarmName,
          alarmDescription: `[${spec.severity}] ${spec.description}. Missing data: ${spec.missingData.treat}, because ${spec.missingData.why}.`,
          comparisonOperator: spec.comparison,
          threshold: spec.threshold,
          evaluationPeriods: spec.evaluationPeriods,
          datapointsToAlarm: spec.datapointsToAlarm,
          treatMissingData: spec.missingData.treat,
          actionsEnabled: true,
          alarmActions: [topic],
          okActions: [topic],
          ...source,
          tags: tagsFor(args.tags, alarmName),
        },
        { parent: this },
      );
    }
    this.alarms = alarms;
    this.registerOutputs({});
  }
}
