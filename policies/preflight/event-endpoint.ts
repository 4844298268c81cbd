import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { regionOf } from "../lib/aws";
import { asArray, asObject } from "../lib/values";

const BUS_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):event-bus\/(.+)$/;

/**
 * What EventBridge refuses in a global endpoint, or would route wrongly (EventBridge API
 * reference, CreateEndpoint; User Guide, "Making applications Regional-fault tolerant with global
 * endpoints"): exactly two buses, of the same name and account; one in the endpoint's own region
 * (the primary), the other in the failover region (`secondary.route`); the primary's health check
 * given as a Route 53 health check ARN; and, with replication on (the default), a role.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const eventEndpoint: ResourceValidationPolicy = {
  name: "preflight-event-endpoint",
  description:
    "An EventBridge global endpoint must pair two buses of one name, in its own region and its failover region, with a health check ARN and a replication role.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.cloudwatch.EventEndpoint, (_e, args, reportViolation) => {
    const here = regionOf(args.props, args.provider);
    const arns = asArray(args.props.eventBuses).map((b) => asObject(b).eventBusArn);
    const failover = asObject(asObject(args.props.routingConfig).failoverConfig);
    const secondary = asObject(failover.secondary).route;
    const healthCheck = asObject(failover.primary).healthCheck;
    if (arns.length !== 2) {
      reportViolation(`The endpoint names ${arns.length} event buses: a global endpoint pairs exactly two.`);
      return;
    }
    const parsed = arns.map((a) => (typeof a === "string" ? BUS_ARN.exec(a) : null));
    if (parsed.every((m) => m !== null)) {
      const [a, b] = parsed;
      if (a[3] !== b[3] || a[2] !== b[2]) {
        reportViolation(
          `The endpoint pairs buses "${a[3]}" (${a[2]}) and "${b[3]}" (${b[2]}): the buses must have the same name in the same account.`,
        );
      }
      const regions = [a[1], b[1]];
      if (here !== undefined && !regions.includes(here)) {
        reportViolation(
          `The endpoint is created in ${here}, but its buses are in ${regions.join(" and ")}: create it in the primary bus's region.`,
        );
      }
      if (typeof secondary === "string" && (secondary === here || !regions.includes(secondary))) {
        reportViolation(
          `The endpoint fails over to ${secondary}: expected the other bus's region (${regions.filter((r) => r !== here).join(", ")}).`,
        );
      }
    }
    if (typeof healthCheck === "string" && !/^arn:aws[\w-]*:route53:::healthcheck\/\S+$/.test(healthCheck)) {
      reportViolation(
        `The endpoint's health check is ${JSON.stringify(healthCheck)}: expected a Route 53 health check ARN (arn:aws:route53:::healthcheck/<id>).`,
      );
    }
    const replication = asObject(args.props.replicationConfig).state ?? "ENABLED";
    if (replication === "ENABLED" && args.props.roleArn === undefined) {
      reportViolation(
        `The endpoint replicates events but names no role: set roleArn to the replication role.`,
      );
    }
  }),
};
