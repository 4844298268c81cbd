import * as aws from "@pulumi/aws";
import type { StackValidationPolicy } from "@pulumi/policy";
import { stackNameOf } from "../lib/cost";

export interface NatGatewaysByPostureConfig {
  /** The stack's posture (`platform:posture`; the offline plan passes the stack file's). */
  posture?: string;
  /** The most NAT gateways a stack of each posture may run. */
  maxNatGateways: Record<string, number>;
}

/**
 * NAT gateway count by posture (configurable): each NAT gateway bills every hour it exists
 * ($0.045-$0.056 an hour in the regions in use, src/cost/prices.json), so a pilot-light region runs
 * one, not one per AZ. The posture comes through policy config: the offline plan passes the stack
 * file's `platform:posture` (src/plan/cost-facts.ts); with the Pulumi CLI, the stack's policy
 * config file sets it. Without a posture the policy does not apply.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const natGatewaysByPosture: StackValidationPolicy = {
  name: "cost-nat-gateways-by-posture",
  description: "A stack may run no more NAT gateways than its posture allows (policy config maxNatGateways).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      posture: { type: "string", enum: ["active", "warm-standby", "pilot-light"] },
      maxNatGateways: {
        type: "object",
        additionalProperties: { type: "integer", minimum: 0 },
        default: { active: 3, "warm-standby": 3, "pilot-light": 1 },
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const { posture, maxNatGateways } = args.getConfig<NatGatewaysByPostureConfig>();
    if (posture === undefined) {
      args.notApplicable("no posture in policy config");
      return;
    }
    const ceiling = maxNatGateways[posture];
    if (ceiling === undefined) return;
    const nats = args.resources.filter((r) => r.isType(aws.ec2.NatGateway));
    if (nats.length > ceiling) {
      reportViolation(
        `Stack ${stackNameOf(args.resources)} (posture ${posture}) runs ${nats.length} NAT gateways (${nats.map((n) => n.name).join(", ")}): at most ${ceiling} for that posture (policy config maxNatGateways["${posture}"]); use natStrategy single.`,
      );
    }
  },
};
