import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";

/** A member of the region's health: an alarm, by name, and whether Route 53 can follow it. */
export interface RegionHealthMember {
  /** The alarm's key, e.g. "web-no-healthy-targets": names the member's health check. */
  readonly key: string;
  readonly alarmName: pulumi.Input<string>;
  /** A single-metric alarm with a basic statistic (see `routable` in alarm-specs.ts). */
  readonly routable: boolean;
}

/** How Route 53 counts an alarm health check while CloudWatch has too little data for its alarm. */
export type InsufficientDataHealthStatus = "Healthy" | "Unhealthy" | "LastKnownStatus";

/** Arguments of {@link RegionHealth}. */
export interface RegionHealthArgs {
  /** The region of the alarms (the composite alarm's, and what each health check names). */
  readonly region: string;
  /** The alarms whose ALARM means the region's request path is failing. */
  readonly members: readonly RegionHealthMember[];
  /** What the composite alarm notifies (the critical topic), on ALARM and back to OK. */
  readonly alarmActions: readonly pulumi.Input<string>[];
  /**
   * The region's HTTPS health check (the edge's): combined with the alarm health checks into one
   * CALCULATED check, healthy only when all of them are. @default none: no calculated check
   */
  readonly endpointHealthCheckId?: pulumi.Input<string>;
  /**
   * An alarm health check's status while its alarm has insufficient data. @default
   * "LastKnownStatus": a gap in CloudWatch data neither fails over a healthy region nor returns
   * traffic to a failing one, and a new check starts healthy (Route 53 API reference,
   * `HealthCheckConfig.InsufficientDataHealthStatus`); an unreachable region still fails the HTTPS
   * check, which needs no CloudWatch data.
   */
  readonly insufficientDataHealthStatus?: InsufficientDataHealthStatus;
  readonly tags?: Tags;
}

/**
 * Whether the region is healthy, for people and for Route 53:
 * - a composite alarm `<name>-region-unhealthy`, in ALARM when any member is, notifying the
 *   critical topic: one page that says "this region's request path is failing";
 * - for every member Route 53 can follow, a CLOUDWATCH_METRIC health check of that alarm
 *   (`<name>-<key>`). Route 53 documents support for alarms on one standard-resolution metric with
 *   a basic statistic, and describes a followed alarm by that metric (`CloudWatchAlarmConfiguration`):
 *   a composite or metric-math alarm has none, so Route 53 follows the composite's routable
 *   members rather than the composite itself;
 * - given the region's HTTPS health check, a CALCULATED health check `<name>-region-health` of it
 *   and the alarm checks, healthy only when every child is (`HealthThreshold` = the number of
 *   children): what a failover record should use to leave the region when it is unreachable or
 *   when its own alarms say the request path is down.
 */
export class RegionHealth extends pulumi.ComponentResource {
  readonly compositeAlarm: aws.cloudwatch.CompositeAlarm;
  /** The composite alarm's name (Route 53 and runbooks refer to alarms by name). */
  readonly compositeAlarmName: pulumi.Output<string>;
  /** The alarm health checks, by member key. */
  readonly alarmHealthChecks: Readonly<Record<string, aws.route53.HealthCheck>>;
  /** The calculated health check, when the HTTPS check was given. */
  readonly calculatedHealthCheck?: aws.route53.HealthCheck;

  constructor(name: string, args: RegionHealthArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:RegionHealth", name, {}, opts);
    const child = { parent: this };
    if (args.members.length === 0) throw new Error(`${name}: a region's health needs at least one alarm`);
    const compositeName = `${name}-region-unhealthy`;
    this.compositeAlarm = new aws.cloudwatch.CompositeAlarm(
      compositeName,
      {
        region: args.region,
        alarmName: compositeName,
        alarmDescription:
          "[critical] The region's request path is failing: a tier answers too many 5xx or has no healthy target. Route 53 moves the failover name away from a region whose calculated health check fails.",
        alarmRule: pulumi
          .all(args.members.map((m) => m.alarmName))
          .apply((names) => names.map((n) => `ALARM("${n}")`).join(" OR ")),
        actionsEnabled: true,
        alarmActions: [...args.alarmActions],
        okActions: [...args.alarmActions],
        tags: tagsFor(args.tags, compositeName),
      },
      child,
    );
    this.compositeAlarmName = this.compositeAlarm.alarmName;

    const checks: Record<string, aws.route53.HealthCheck> = {};
    for (const m of args.members.filter((x) => x.routable)) {
      const checkName = `${name}-${m.key}`;
      checks[m.key] = new aws.route53.HealthCheck(
        checkName,
        {
          type: "CLOUDWATCH_METRIC",
          cloudwatchAlarmName: m.alarmName,
          // The alarm's own region (Route 53 API reference, `AlarmIdentifier.Region`: "the region
          // that the alarm was created in", one of a fixed list of CloudWatch regions Route 53
          // supports, which holds us-east-1, eu-west-1 and ap-south-1); a check naming another
          // region finds no alarm (preflight-route53-alarm-health-check).
          cloudwatchAlarmRegion: args.region,
          insufficientDataHealthStatus: args.insufficientDataHealthStatus ?? "LastKnownStatus",
          tags: tagsFor(args.tags, checkName),
        },
        child,
      );
    }
    this.alarmHealthChecks = checks;

    if (args.endpointHealthCheckId !== undefined) {
      const children = [args.endpointHealthCheckId, ...Object.values(checks).map((c) => c.id)];
      const calculatedName = `${name}-region-health`;
      this.calculatedHealthCheck = new aws.route53.HealthCheck(
        calculatedName,
        {
          type: "CALCULATED",
          childHealthchecks: children,
          childHealthThreshold: children.length,
          tags: tagsFor(args.tags, calculatedName),
        },
        child,
      );
    }
    this.registerOutputs({ compositeAlarmName: this.compositeAlarmName });
  }
}
