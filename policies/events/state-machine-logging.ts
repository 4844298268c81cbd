import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { asObject } from "../lib/values";

export interface StateMachineLoggingConfig {
  /** Allow logging each state's input and output (`includeExecutionData`). */
  allowExecutionData: boolean;
}

/** The log levels that record failures (`OFF` records nothing, `FATAL` only aborted executions). */
export const LOGGED_LEVELS = ["ALL", "ERROR"] as const;

/**
 * Every state machine logs to CloudWatch Logs at level `ALL` or `ERROR`, without execution data
 * (each state's input and output: order payloads, personal data) unless the policy config allows
 * it (`allowExecutionData`, the deliberate second key to `platform:pipeline.workflow.includeExecutionData`).
 *
 * Catalogue counterparts (policies/catalog.ts): cdk-nag SF1.
 */
export const stateMachineLogging: ResourceValidationPolicy = {
  name: "events-state-machine-logging",
  description:
    "State machines must log at level ALL or ERROR, without execution data unless the policy config allows it.",
  enforcementLevel: "mandatory",
  configSchema: { properties: { allowExecutionData: { type: "boolean", default: false } } },
  validateResource: validateResourceOfType(aws.sfn.StateMachine, (sm, args, reportViolation) => {
    const { allowExecutionData } = args.getConfig<StateMachineLoggingConfig>();
    const logging = asObject(args.props.loggingConfiguration);
    const level = logging.level;
    if (typeof level !== "string" || !(LOGGED_LEVELS as readonly string[]).includes(level)) {
      reportViolation(
        `State machine ${String(sm.name ?? args.name)} logs at level ${JSON.stringify(level ?? "OFF")}: set loggingConfiguration.level to "ALL" or "ERROR".`,
      );
    }
    if (typeof logging.logDestination !== "string" || logging.logDestination === "") {
      reportViolation(
        `State machine ${String(sm.name ?? args.name)} has no log destination: set loggingConfiguration.logDestination to its log group's ARN with ":*".`,
      );
    }
    if (logging.includeExecutionData === true && !allowExecutionData) {
      reportViolation(
        `State machine ${String(sm.name ?? args.name)} logs execution data (every state's input and output): set includeExecutionData to false, or allow it in the policy config (allowExecutionData).`,
      );
    }
  }),
};
