import * as aws from "@pulumi/aws";
import type { StackValidationPolicy } from "@pulumi/policy";
import { TAG } from "../../src/conventions";
import { lastPart } from "../lib/events";
import { tagValue } from "../lib/values";

/**
 * Every EventBridge bus that carries orders (tag `platform:carries=orders`) has an archive of its
 * events (`aws.cloudwatch.EventArchive` whose source is the bus), so that orders lost downstream
 * can be replayed.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const busArchive: StackValidationPolicy = {
  name: "events-bus-archive",
  description: "EventBridge buses that carry orders must have an archive.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const archives = args.resources.filter((r) => r.isType(aws.cloudwatch.EventArchive));
    for (const bus of args.resources.filter((r) => r.isType(aws.cloudwatch.EventBus))) {
      if (tagValue(bus.props, TAG.carries) !== "orders") continue;
      const archived = archives.some(
        (a) =>
          (a.propertyDependencies.eventSourceArn ?? []).some((d) => d.urn === bus.urn) ||
          (typeof a.props.eventSourceArn === "string" &&
            a.props.eventSourceArn.includes(":event-bus/") &&
            lastPart(a.props.eventSourceArn) === bus.props.name),
      );
      if (!archived) {
        reportViolation(
          `Bus ${String(bus.props.name ?? bus.name)} carries orders but has no archive: add an aws.cloudwatch.EventArchive with eventSourceArn set to it.`,
          bus.urn,
        );
      }
    }
  },
};
