import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";
import {
  integrationStatements,
  ORDER_FULFILMENT_TEMPLATE,
  renderDefinition,
  type AslDefinition,
  type Statement,
} from "./asl";
import { ORDER_EVENT_SOURCE } from "./order-bus";
import { denyWithoutTls } from "../lib/statements";

/**
 * Step Functions sends logs to CloudWatch Logs as vended logs; a log group under
 * `/aws/vendedlogs/` is covered by the log delivery's own resource policy, while any other name
 * adds a statement to the account's CloudWatch Logs resource policy (5,120 characters per
 * policy), which eventually fails with "The state machine IAM Role is not authorized to access the
 * Log Destination" (Step Functions Developer Guide, "Logging using CloudWatch Logs"; CloudWatch
 * Logs User Guide, "Enabling logging from AWS services").
 */
export const STATE_MACHINE_LOG_PREFIX = "/aws/vendedlogs/states/";

/**
 * What the execution role needs to deliver logs and traces, on `*`: these log-delivery and X-Ray
 * actions have no resource-level permissions (Step Functions Developer Guide, "IAM policies for
 * logging to CloudWatch Logs"; "IAM policies for using AWS X-Ray in Step Functions").
 */
export const LOG_DELIVERY_ACTIONS = [
  "logs:CreateLogDelivery",
  "logs:DeleteLogDelivery",
  "logs:DescribeLogGroups",
  "logs:DescribeResourcePolicies",
  "logs:GetLogDelivery",
  "logs:ListLogDeliveries",
  "logs:PutResourcePolicy",
  "logs:UpdateLogDelivery",
] as const;
export const TRACING_ACTIONS = [
  "xray:GetSamplingRules",
  "xray:GetSamplingTargets",
  "xray:PutTelemetryRecords",
  "xray:PutTraceSegments",
] as const;

/** Arguments of {@link OrderWorkflow}. */
export interface OrderWorkflowArgs {
  readonly region: string;
  readonly accountId: string;
  /** The state machine's name (its log group is `/aws/vendedlogs/states/<name>`). */
  readonly name: string;
  /** The order bus: the rules that start the workflow live on it, and the workflow records outcomes there. */
  readonly bus: { readonly name: pulumi.Input<string>; readonly arn: pulumi.Input<string> };
  /** The fan-out topic the workflow publishes requests to, and the key that encrypts it. */
  readonly topic: { readonly arn: pulumi.Input<string>; readonly kmsKeyArn: pulumi.Input<string> };
  /** The key of the EventBridge dead-letter queue (its policy must let `events.amazonaws.com` use it). */
  readonly queueKmsKeyArn: pulumi.Input<string>;
  readonly deadLetterRetentionSeconds: number;
  /** The region's logs key (its policy lets CloudWatch Logs use it). */
  readonly logsKmsKeyArn: pulumi.Input<string>;
  readonly logRetentionDays: number;
  /** @default "ERROR" */
  readonly logLevel?: "ALL" | "ERROR";
  /** Log each state's input and output (order data). @default false */
  readonly includeExecutionData?: boolean;
  /** The definition, placeholders `${OrdersTopicArn}` and `${OrderBusArn}` included. @default the repository's order-fulfilment.asl.json */
  readonly definition?: AslDefinition;
  /** @default {} */
  readonly tags?: Tags;
}

/** Event patterns of the two rules that start the workflow, for a region. */
export function startPatterns(region: string): { start: object; replay: object } {
  const orderPlaced = { source: [ORDER_EVENT_SOURCE], "detail-type": ["OrderPlaced"] };
  return {
    // Orders that entered the bus in this region: put here, or routed here by the global
    // endpoint. A copy replicated from the other region keeps that region in `region`
    // (EventBridge User Guide, "Replicated event payload"), so each order starts one workflow.
    // Replays carry `replay-name` and go to the replay rule only.
    start: { ...orderPlaced, region: [region], "replay-name": [{ exists: false }] },
    // An operator's replay (StartReplay with this rule in Destination.FilterArns), from whichever
    // region the archived copy came.
    replay: { ...orderPlaced, "replay-name": [{ exists: true }] },
  };
}

/**
 * The order-fulfilment workflow: a Standard state machine from the repository's ASL definition,
 * its execution role derived from the definition (only the actions its Tasks call, only on the
 * resources they name, plus log delivery and tracing), logging to a KMS-encrypted log group with
 * retention, X-Ray tracing, and the two rules on the order bus that start it, whose failed
 * deliveries land in an encrypted dead-letter queue.
 */
export class OrderWorkflow extends pulumi.ComponentResource {
  readonly stateMachine: aws.sfn.StateMachine;
  readonly stateMachineArn: pulumi.Output<string>;
  readonly role: aws.iam.Role;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly rules: { readonly start: aws.cloudwatch.EventRule; readonly replay: aws.cloudwatch.EventRule };
  /** Where EventBridge puts events it could not deliver to the state machine. */
  readonly eventsDeadLetterQueue: aws.sqs.Queue;
  /** The rendered definition (placeholders replaced), as JSON. */
  readonly definition: pulumi.Output<string>;

  constructor(name: string, args: OrderWorkflowArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:events:OrderWorkflow", name, {}, opts);
    const child = { parent: this };
    const { region, accountId } = args;
    const tags = (n: string) => tagsFor(args.tags, n);
    const stateMachineArn = `arn:aws:states:${region}:${accountId}:stateMachine:${args.name}`;

    this.logGroup = new aws.cloudwatch.LogGroup(
      name,
      {
        region,
        name: `${STATE_MACHINE_LOG_PREFIX}${args.name}`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.logsKmsKeyArn,
        tags: tags(name),
      },
      child,
    );

    const rendered = pulumi
      .all([args.topic.arn, args.bus.arn])
      .apply(([OrdersTopicArn, OrderBusArn]) =>
        renderDefinition(args.definition ?? ORDER_FULFILMENT_TEMPLATE, { OrdersTopicArn, OrderBusArn }),
      );
    this.definition = rendered.apply((d) => JSON.stringify(d));

    this.role = new aws.iam.Role(
      name,
      {
        description: `Execution role of the ${args.name} state machine`,
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              // Step Functions Developer Guide, "Cross-service confused deputy prevention".
              Effect: "Allow",
              Principal: { Service: "states.amazonaws.com" },
              Action: "sts:AssumeRole",
              Condition: {
                StringEquals: { "aws:SourceAccount": accountId },
                ArnLike: { "aws:SourceArn": stateMachineArn },
              },
            },
          ],
        }),
        tags: tags(name),
      },
      child,
    );
    const policy = new aws.iam.RolePolicy(
      name,
      {
        role: this.role.id,
        policy: pulumi
          .all([rendered, args.topic.arn, args.topic.kmsKeyArn])
          .apply(([definition, topicArn, keyArn]) =>
            JSON.stringify({
              Version: "2012-10-17",
              Statement: executionRoleStatements(definition, region, { [topicArn]: keyArn }),
            }),
          ),
      },
      child,
    );

    this.stateMachine = new aws.sfn.StateMachine(
      name,
      {
        region,
        name: args.name,
        type: "STANDARD",
        roleArn: this.role.arn,
        definition: this.definition,
        loggingConfiguration: {
          level: args.logLevel ?? "ERROR",
          includeExecutionData: args.includeExecutionData ?? false,
          // The API takes the log group ARN with ":*" (Step Functions API reference,
          // CloudWatchLogsLogGroup.LogGroupArn).
          logDestination: pulumi.interpolate`${this.logGroup.arn}:*`,
        },
        tracingConfiguration: { enabled: true },
        tags: tags(name),
      },
      { ...child, dependsOn: [policy] },
    );
    this.stateMachineArn = this.stateMachine.arn;

    // The rules that start the workflow, and what EventBridge does with an event it cannot deliver.
    const patterns = startPatterns(region);
    const ruleName = (key: string) => `${args.name}-${key}`;
    const ruleArn = (key: string) =>
      pulumi.interpolate`arn:aws:events:${region}:${accountId}:rule/${args.bus.name}/${ruleName(key)}`;
    this.rules = {
      start: new aws.cloudwatch.EventRule(
        `${name}-start`,
        {
          region,
          name: ruleName("start"),
          eventBusName: args.bus.name,
          description: "OrderPlaced events that entered this region: start order fulfilment",
          eventPattern: JSON.stringify(patterns.start),
          tags: tags(`${name}-start`),
        },
        child,
      ),
      replay: new aws.cloudwatch.EventRule(
        `${name}-replay`,
        {
          region,
          name: ruleName("replay"),
          eventBusName: args.bus.name,
          description: "Replayed OrderPlaced events (StartReplay naming this rule): start order fulfilment",
          eventPattern: JSON.stringify(patterns.replay),
          tags: tags(`${name}-replay`),
        },
        child,
      ),
    };

    this.eventsDeadLetterQueue = new aws.sqs.Queue(
      `${name}-events-dlq`,
      {
        region,
        name: `${args.name}-events-dlq`,
        messageRetentionSeconds: args.deadLetterRetentionSeconds,
        kmsMasterKeyId: args.queueKmsKeyArn,
        kmsDataKeyReusePeriodSeconds: 300,
        // EventBridge's dead-letter queue, not an SQS queue's: no SQS queue may redrive into it.
        redriveAllowPolicy: JSON.stringify({ redrivePermission: "denyAll" }),
        tags: tags(`${name}-events-dlq`),
      },
      child,
    );
    const dlqPolicy = new aws.sqs.QueuePolicy(
      `${name}-events-dlq`,
      {
        region,
        queueUrl: this.eventsDeadLetterQueue.url,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            denyWithoutTls("sqs:*", this.eventsDeadLetterQueue.arn),
            {
              // EventBridge User Guide, "Using dead-letter queues to process undelivered events":
              // events.amazonaws.com may send, for the rules' ARNs only.
              Sid: "OnlyTheRulesSend",
              Effect: "Allow",
              Principal: { Service: "events.amazonaws.com" },
              Action: "sqs:SendMessage",
              Resource: this.eventsDeadLetterQueue.arn,
              Condition: { ArnEquals: { "aws:SourceArn": [ruleArn("start"), ruleArn("replay")] } },
            },
          ],
        }),
      },
      child,
    );

    const invokeRole = new aws.iam.Role(
      `${name}-invoke`,
      {
        description: `EventBridge starts the ${args.name} state machine`,
        assumeRolePolicy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              // EventBridge User Guide, "Cross-service confused deputy prevention".
              Effect: "Allow",
              Principal: { Service: "events.amazonaws.com" },
              Action: "sts:AssumeRole",
              Condition: {
                StringEquals: { "aws:SourceAccount": accountId },
                ArnEquals: { "aws:SourceArn": [ruleArn("start"), ruleArn("replay")] },
              },
            },
          ],
        }),
        tags: tags(`${name}-invoke`),
      },
      child,
    );
    const invokePolicy = new aws.iam.RolePolicy(
      `${name}-invoke`,
      {
        role: invokeRole.id,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "StartOrderFulfilment",
              Effect: "Allow",
              Action: "states:StartExecution",
              Resource: stateMachineArn,
            },
          ],
        }),
      },
      child,
    );
    for (const key of ["start", "replay"] as const) {
      new aws.cloudwatch.EventTarget(
        `${name}-${key}`,
        {
          region,
          rule: this.rules[key].name,
          eventBusName: args.bus.name,
          targetId: "OrderFulfilment",
          arn: this.stateMachine.arn,
          roleArn: invokeRole.arn,
          // EventBridge retries a failed delivery for up to 24 hours (185 attempts), then
          // dead-letters it.
          retryPolicy: { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 },
          deadLetterConfig: { arn: this.eventsDeadLetterQueue.arn },
        },
        { ...child, dependsOn: [invokePolicy, dlqPolicy] },
      );
    }
    this.registerOutputs({ stateMachineArn: this.stateMachineArn });
  }
}

/**
 * Everything the execution role may do: the integrations the definition's Tasks call (derived by
 * {@link integrationStatements}), the keys of the resources they write to (through that service
 * only), log delivery and tracing.
 *
 * @param keysByResource The customer-managed key of each resource the definition names that is
 *   encrypted (publishing to an encrypted topic needs kms:GenerateDataKey and kms:Decrypt on its key,
 *   SNS Developer Guide, "Enabling compatibility between event sources and encrypted topics").
 */
export function executionRoleStatements(
  definition: AslDefinition,
  region: string,
  keysByResource: Readonly<Record<string, string>>,
): Statement[] {
  const integrations = integrationStatements(definition);
  const named = new Set(integrations.flatMap((s) => s.Resource));
  const keys = [...new Set([...named].flatMap((r) => (keysByResource[r] ? [keysByResource[r]] : [])))].sort();
  const viaServices = [
    ...new Set([...named].filter((r) => keysByResource[r]).map((r) => r.split(":")[2])),
  ].sort();
  return [
    ...integrations,
    ...(keys.length > 0
      ? [
          {
            Sid: "UseKeysOfNamedResources",
            Effect: "Allow" as const,
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: keys,
            Condition: {
              StringEquals: { "kms:ViaService": viaServices.map((s) => `${s}.${region}.amazonaws.com`) },
            },
          },
        ]
      : []),
    { Sid: "DeliverLogs", Effect: "Allow", Action: [...LOG_DELIVERY_ACTIONS], Resource: ["*"] },
    { Sid: "SendTraces", Effect: "Allow", Action: [...TRACING_ACTIONS], Resource: ["*"] },
  ];
}
