import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";

/** Arguments of {@link CostAnomalyAlerts}. */
export interface CostAnomalyAlertsArgs {
  /** The SNS topic anomalies go to (its policy must let `costalerts.amazonaws.com` publish). */
  readonly topicArn: pulumi.Input<string>;
  /** Alert on anomalies whose total impact reaches this many US dollars. */
  readonly thresholdUsd: number;
  /**
   * An existing monitor to subscribe to. @default none: a new AWS-services monitor
   * (`DIMENSIONAL`, `SERVICE`), of which an account can hold only one
   */
  readonly monitorArn?: string;
  /** Resources the subscription waits for (the topic's policy and key). @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
  readonly tags?: Tags;
}

/**
 * AWS Cost Anomaly Detection for the account: a monitor of its spend per AWS service (unless an
 * existing one is given) and an alert subscription that sends every anomaly whose total impact
 * reaches the threshold to an SNS topic at once (`IMMEDIATE`: the only frequency SNS subscribers
 * get; DAILY and WEEKLY go to email; Cost Explorer API reference, `AnomalySubscription.Frequency`).
 * The threshold is a `ThresholdExpression` on `ANOMALY_TOTAL_IMPACT_ABSOLUTE` with
 * `GREATER_THAN_OR_EQUAL`, the match option the API requires.
 *
 * Cost Explorer is one service per account with its API in us-east-1: these resources take no
 * `region` input (the provider calls Cost Explorer's endpoint; CloudFormation offers the
 * `AWS::CE::*` types only in us-east-1, cloudformation-coverage-roadmap#1375). One stack per
 * account owns them: the primary.
 */
export class CostAnomalyAlerts extends pulumi.ComponentResource {
  /** The monitor's ARN (created here or given). */
  readonly monitorArn: pulumi.Output<string>;
  readonly monitor?: aws.costexplorer.AnomalyMonitor;
  readonly subscription: aws.costexplorer.AnomalySubscription;

  constructor(name: string, args: CostAnomalyAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:CostAnomalyAlerts", name, {}, opts);
    const child = { parent: this };
    if (args.monitorArn === undefined) {
      this.monitor = new aws.costexplorer.AnomalyMonitor(
        `${name}-services`,
        {
          name: `${name}-services`,
          monitorType: "DIMENSIONAL",
          monitorDimension: "SERVICE",
          tags: tagsFor(args.tags, `${name}-services`),
        },
        child,
      );
    }
    this.monitorArn = this.monitor ? this.monitor.arn : pulumi.output(args.monitorArn!);
    this.subscription = new aws.costexplorer.AnomalySubscription(
      name,
      {
        name,
        frequency: "IMMEDIATE",
        monitorArnLists: [this.monitorArn],
        subscribers: [{ type: "SNS", address: args.topicArn }],
        thresholdExpression: {
          dimension: {
            key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
            matchOptions: ["GREATER_THAN_OR_EQUAL"],
            values: [String(args.thresholdUsd)],
          },
        },
        tags: tagsFor(args.tags, name),
      },
      { ...child, dependsOn: [...(args.dependsOn ?? [])] },
    );
    this.registerOutputs({ monitorArn: this.monitorArn });
  }
}
