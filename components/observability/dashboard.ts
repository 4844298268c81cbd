import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { dashboardBody, type DashboardOptions } from "./dashboard-body";
import type { Monitored } from "./metrics";

/** Arguments of {@link Dashboard}. */
export interface DashboardArgs {
  /** The region of the dashboard and of every widget's metrics. */
  readonly region: string;
  /** The heading, e.g. "prod-use1 (us-east-1, primary, active)". */
  readonly title: string;
  /** What the region has: a widget for each, nothing else. */
  readonly monitored: Monitored<pulumi.Input<string>>;
  /** The alarm thresholds, drawn on their graphs. */
  readonly thresholds: DashboardOptions["thresholds"];
}

/**
 * The region's CloudWatch dashboard, named like the component (letters, digits, `-` and `_`:
 * CloudWatch API reference, `PutDashboard`). Its body is {@link dashboardBody} of the monitored
 * resources once their names and ARNs are known.
 */
export class Dashboard extends pulumi.ComponentResource {
  readonly dashboard: aws.cloudwatch.Dashboard;
  readonly dashboardName: pulumi.Output<string>;

  constructor(name: string, args: DashboardArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:Dashboard", name, {}, opts);
    const options: DashboardOptions = { region: args.region, title: args.title, thresholds: args.thresholds };
    this.dashboard = new aws.cloudwatch.Dashboard(
      name,
      {
        region: args.region,
        dashboardName: name,
        dashboardBody: pulumi
          .output(args.monitored)
          .apply((m) => JSON.stringify(dashboardBody(options, m as Monitored))),
      },
      { parent: this },
    );
    this.dashboardName = this.dashboard.dashboardName;
    this.registerOutputs({ dashboardName: this.dashboardName });
  }
}
