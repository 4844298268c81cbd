import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { asObject } from "../lib/values";

/**
 * Every state machine sends traces to AWS X-Ray (`tracingConfiguration.enabled`): a failed order
 * is followed through the services its states call.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_284; cdk-nag SF2.
 */
export const stateMachineTracing: ResourceValidationPolicy = {
  name: "events-state-machine-tracing",
  description: "State machines must have X-Ray tracing enabled.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.sfn.StateMachine, (sm, args, reportViolation) => {
    if (asObject(args.props.tracingConfiguration).enabled !== true) {
      reportViolation(
        `State machine ${String(sm.name ?? args.name)} is not traced: set tracingConfiguration.enabled to true.`,
      );
    }
  }),
};
