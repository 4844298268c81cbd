import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { tagValue } from "../lib/values";
import { TAG } from "../../src/conventions";

export interface SpotShareConfig {
  /** The least share of capacity above the on-demand base that stateless tiers run on Spot, percent. */
  minSpotPercentage: number;
}

/**
 * Stateless tiers (tag `platform:stateless=true`) run at least the configured share of their
 * capacity above the on-demand base on Spot. A tier that needs a warm pool (which AWS forbids with
 * Spot) is the exception to configure: lower minSpotPercentage, or tag the tier stateful.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const spotShare: ResourceValidationPolicy = {
  name: "cost-spot-share",
  description:
    "Stateless Auto Scaling groups must run at least the configured Spot share above their on-demand base.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: { minSpotPercentage: { type: "number", minimum: 0, maximum: 100, default: 20 } },
  },
  validateResource: validateResourceOfType(aws.autoscaling.Group, (group, args, reportViolation) => {
    if (tagValue(args.props, TAG.stateless) !== "true")
      args.notApplicable("the group is not tagged stateless");
    const { minSpotPercentage } = args.getConfig<SpotShareConfig>();
    const onDemand =
      group.mixedInstancesPolicy?.instancesDistribution?.onDemandPercentageAboveBaseCapacity ?? 100;
    const spot = 100 - onDemand;
    if (spot < minSpotPercentage) {
      reportViolation(
        `Stateless Auto Scaling group runs ${spot}% Spot above its on-demand base: expected at least ${minSpotPercentage}% ` +
          `(mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity at most ${100 - minSpotPercentage}).`,
      );
    }
  }),
};
