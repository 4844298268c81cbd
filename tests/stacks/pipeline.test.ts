/**
 * The order pipeline on both real stacks' plans: the bus, its archive and rules, the topic and its
 * subscriptions with filter policies, each consumer's queue with its dead-letter queue and their
 * policies, the key policy, the state machine (definition, role, logging, tracing), who may use
 * what, and the global endpoint owned by the secondary.
 */
import { ORDER_FULFILMENT_TEMPLATE, renderDefinition } from "../../components/events/asl";
import { CONSUMER_MESSAGE_TYPES } from "../../components/events/order-fanout";
import { executionRoleStatements, startPatterns } from "../../components/events/order-workflow";
import { pipelineOutputSchema } from "../../stacks/contract";
import type { StackPlan } from "../../src/plan/types";
import { registered as ofType, named as get, plansByStack } from "../helpers/plan";

const T = {
  bus: "aws:cloudwatch/eventBus:EventBus",
  archive: "aws:cloudwatch/eventArchive:EventArchive",
  rule: "aws:cloudwatch/eventRule:EventRule",
  target: "aws:cloudwatch/eventTarget:EventTarget",
  endpoint: "aws:cloudwatch/eventEndpoint:EventEndpoint",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  queue: "aws:sqs/queue:Queue",
  queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
  redriveAllow: "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy",
  stateMachine: "aws:sfn/stateMachine:StateMachine",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  association: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
  key: "aws:kms/key:Key",
} as const;
const ACCOUNT = "111122223333";
const CONSUMERS = ["inventory", "payment", "shipping", "notifications"] as const;

let plans: Record<string, StackPlan>;
beforeAll(async () => {
  plans = await plansByStack();
});

const json = (v: unknown) => JSON.parse(v as string) as Record<string, unknown>;
type Stmt = {
  Sid: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Principal?: unknown;
  Condition?: unknown;
};
const statements = (v: unknown) => json(v).Statement as Stmt[];
const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

describe.each([
  ["us-east-1", "prod-use1"],
  ["eu-west-1", "prod-euw1"],
] as const)("the order pipeline in %s", (region, prefix) => {
  const p = () => plans[region];
  const arn = (service: string, rest: string) => `arn:aws:${service}:${region}:${ACCOUNT}:${rest}`;
  const keyArn = () => {
    const k = get(p(), T.key, `${prefix}-orders`);
    return `arn:aws:kms:${region}:${ACCOUNT}:key/${k.id}`;
  };
  const out = () => pipelineOutputSchema.strict().parse(p().outputs.pipeline);

  test("the bus has the environment's name, the same in every region, and an archive of all order events", () => {
    const bus = get(p(), T.bus, `${prefix}-orders`);
    expect(bus.inputs.name).toBe("prod-orders");
    expect((bus.inputs.tags as Record<string, string>)["platform:carries"]).toBe("orders");
    const archive = get(p(), T.archive, `${prefix}-orders`);
    expect(archive.inputs).toMatchObject({
      name: `${prefix}-orders`,
      eventSourceArn: arn("events", "event-bus/prod-orders"),
      retentionDays: 30,
    });
    expect(json(archive.inputs.eventPattern)).toEqual({
      source: ["platform.orders", "platform.order-fulfilment"],
    });
    expect(archive.options.protect).toBe(true);
    expect(out().archiveArn).toBe(arn("events", `archive/${prefix}-orders`));
  });

  test("two rules on the bus start the workflow: new orders of this region, and replays; failures go to an encrypted DLQ", () => {
    const rules = ofType(p(), T.rule).filter((r) => r.inputs.eventBusName === "prod-orders");
    expect(rules.map((r) => [r.inputs.name, json(r.inputs.eventPattern)])).toEqual([
      [`${prefix}-orders-fulfilment-replay`, startPatterns(region).replay],
      [`${prefix}-orders-fulfilment-start`, startPatterns(region).start],
    ]);
    const sm = arn("states", `stateMachine:${prefix}-orders-fulfilment`);
    const dlq = arn("sqs", `${prefix}-orders-fulfilment-events-dlq`);
    for (const key of ["start", "replay"]) {
      const target = get(p(), T.target, `${prefix}-orders-fulfilment-${key}`);
      expect(target.inputs).toMatchObject({
        arn: sm,
        eventBusName: "prod-orders",
        deadLetterConfig: { arn: dlq },
        retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 },
      });
    }
    const invoke = statements(get(p(), T.rolePolicy, `${prefix}-orders-fulfilment-invoke`).inputs.policy);
    expect(invoke).toEqual([
      { Sid: "StartOrderFulfilment", Effect: "Allow", Action: "states:StartExecution", Resource: sm },
    ]);
    const dlqQueue = get(p(), T.queue, `${prefix}-orders-fulfilment-events-dlq`);
    expect(dlqQueue.inputs.kmsMasterKeyId).toBe(keyArn());
    expect(json(dlqQueue.inputs.redriveAllowPolicy)).toEqual({ redrivePermission: "denyAll" });
    const dlqPolicy = statements(
      get(p(), T.queuePolicy, `${prefix}-orders-fulfilment-events-dlq`).inputs.policy,
    );
    expect(dlqPolicy[1]).toEqual({
      Sid: "OnlyTheRulesSend",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: dlq,
      Condition: {
        ArnEquals: {
          "aws:SourceArn": [
            arn("events", `rule/prod-orders/${prefix}-orders-fulfilment-start`),
            arn("events", `rule/prod-orders/${prefix}-orders-fulfilment-replay`),
          ],
        },
      },
    });
  });

  test("the topic is encrypted with the pipeline key and refuses publishing without TLS", () => {
    const topic = get(p(), T.topic, `${prefix}-orders`);
    expect(topic.inputs).toMatchObject({ name: `${prefix}-orders`, kmsMasterKeyId: keyArn() });
    expect(topic.inputs.fifoTopic).toBeUndefined();
    expect(statements(get(p(), T.topicPolicy, `${prefix}-orders`).inputs.policy)).toEqual([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "sns:Publish",
        Resource: out().topicArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
  });

  test.each(CONSUMERS)(
    "the %s queue: subscribed with its filter, a DLQ that only it may redrive into, encrypted, TLS only, only the topic sends",
    (c) => {
      const topicArn = out().topicArn;
      const queueArn = arn("sqs", `${prefix}-orders-${c}`);
      const dlqArn = arn("sqs", `${prefix}-orders-${c}-dlq`);
      expect(out().consumers[c]).toEqual({
        queueArn,
        queueUrl: `https://sqs.${region}.amazonaws.com/${ACCOUNT}/${prefix}-orders-${c}`,
        deadLetterQueueArn: dlqArn,
        deadLetterQueueUrl: `https://sqs.${region}.amazonaws.com/${ACCOUNT}/${prefix}-orders-${c}-dlq`,
      });
      const sub = get(p(), T.subscription, `${prefix}-orders-${c}`);
      expect(sub.inputs).toMatchObject({
        topic: topicArn,
        protocol: "sqs",
        endpoint: queueArn,
        rawMessageDelivery: true,
        filterPolicyScope: "MessageAttributes",
      });
      expect(json(sub.inputs.filterPolicy)).toEqual({ type: [...CONSUMER_MESSAGE_TYPES[c]] });

      const queue = get(p(), T.queue, `${prefix}-orders-${c}`);
      const maxReceives = c === "notifications" ? 3 : 5;
      expect(json(queue.inputs.redrivePolicy)).toEqual({
        deadLetterTargetArn: dlqArn,
        maxReceiveCount: maxReceives,
      });
      expect(queue.inputs.kmsMasterKeyId).toBe(keyArn());
      expect(queue.inputs.messageRetentionSeconds).toBe(345600);
      const dlq = get(p(), T.queue, `${prefix}-orders-${c}-dlq`);
      expect(dlq.inputs).toMatchObject({ kmsMasterKeyId: keyArn(), messageRetentionSeconds: 1209600 });
      expect(dlq.inputs.redrivePolicy).toBeUndefined();
      expect(json(get(p(), T.redriveAllow, `${prefix}-orders-${c}-dlq`).inputs.redriveAllowPolicy)).toEqual({
        redrivePermission: "byQueue",
        sourceQueueArns: [queueArn],
      });
      const deny = {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      };
      expect(statements(get(p(), T.queuePolicy, `${prefix}-orders-${c}`).inputs.policy)).toEqual([
        { ...deny, Resource: queueArn },
        {
          Sid: "OnlyTheSenderSends",
          Effect: "Allow",
          Principal: { Service: "sns.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: queueArn,
          Condition: { ArnEquals: { "aws:SourceArn": topicArn } },
        },
      ]);
      expect(statements(get(p(), T.queuePolicy, `${prefix}-orders-${c}-dlq`).inputs.policy)).toEqual([
        { ...deny, Resource: dlqArn },
      ]);
    },
  );

  test("the key lets SNS and EventBridge use it for the queues, administration stays with the account", () => {
    const key = get(p(), T.key, `${prefix}-orders`);
    const s = statements(key.inputs.policy);
    expect(s.map((x) => x.Sid)).toEqual(["AccountAdministers", "ServicesSendToEncryptedQueues"]);
    expect(s[1]).toEqual({
      Sid: "ServicesSendToEncryptedQueues",
      Effect: "Allow",
      Principal: { Service: ["sns.amazonaws.com", "events.amazonaws.com"] },
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: "*",
      // Only on behalf of this account's queues and topics (the confused-deputy guard).
      Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
    });
    expect(key.options.protect).toBe(true);
  });

  test("the state machine runs the repository's definition with its region's topic and bus, logs and traces", () => {
    const sm = get(p(), T.stateMachine, `${prefix}-orders-fulfilment`);
    const expected = renderDefinition(ORDER_FULFILMENT_TEMPLATE, {
      OrdersTopicArn: out().topicArn,
      OrderBusArn: out().busArn,
    });
    expect(json(sm.inputs.definition)).toEqual(expected);
    const logGroup = get(p(), T.logGroup, `${prefix}-orders-fulfilment`);
    expect(logGroup.inputs).toMatchObject({
      name: `/aws/vendedlogs/states/${prefix}-orders-fulfilment`,
      retentionInDays: 365,
    });
    expect(String(logGroup.inputs.kmsKeyId)).toMatch(new RegExp(`^arn:aws:kms:${region}:${ACCOUNT}:key/`));
    expect(sm.inputs).toMatchObject({
      type: "STANDARD",
      loggingConfiguration: {
        level: "ERROR",
        includeExecutionData: false,
        logDestination: `${arn("logs", `log-group:/aws/vendedlogs/states/${prefix}-orders-fulfilment`)}:*`,
      },
      tracingConfiguration: { enabled: true },
    });
    // The role allows exactly what the definition calls, the topic's key through SNS, logs and traces.
    const role = statements(get(p(), T.rolePolicy, `${prefix}-orders-fulfilment`).inputs.policy);
    expect(role).toEqual(executionRoleStatements(expected, region, { [out().topicArn]: keyArn() }));
    expect(role.find((s) => s.Sid === "PublishToTopic")!.Resource).toEqual([out().topicArn]);
    expect(role.find((s) => s.Sid === "PutEventsOnBus")!.Resource).toEqual([out().busArn]);
    const trust = statements(get(p(), T.role, `${prefix}-orders-fulfilment`).inputs.assumeRolePolicy);
    expect(trust[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": ACCOUNT },
      ArnLike: { "aws:SourceArn": out().stateMachineArn },
    });
  });

  test("each EKS consumer has its own Pod Identity role: put events, its own queue only, the key via SQS, task answers where it gets tokens", () => {
    const publish = {
      Sid: "PutOrderEvents",
      Effect: "Allow",
      Action: ["events:PutEvents"],
      Resource: [`arn:aws:events:*:${ACCOUNT}:event-bus/prod-orders`],
    };
    const viaSqs = {
      Sid: "UseQueueKeyThroughSqs",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: [keyArn()],
      Condition: { StringEquals: { "kms:ViaService": `sqs.${region}.amazonaws.com` } },
    };
    const actions = [
      "sqs:ChangeMessageVisibility",
      "sqs:DeleteMessage",
      "sqs:ReceiveMessage",
      "sqs:SendMessage",
    ];
    for (const c of ["inventory", "payment", "shipping"] as const) {
      const id = `${prefix}-orders-${c}`;
      const queueArn = arn("sqs", id);
      expect(statements(get(p(), T.rolePolicy, id).inputs.policy)).toEqual([
        publish,
        { Sid: `UseQueue${c}`, Effect: "Allow", Action: actions, Resource: [queueArn] },
        viaSqs,
        {
          Sid: "AnswerWorkflowTasks",
          Effect: "Allow",
          Action: ["states:SendTaskFailure", "states:SendTaskHeartbeat", "states:SendTaskSuccess"],
          Resource: [out().stateMachineArn],
        },
      ]);
      const trust = statements(get(p(), T.role, id).inputs.assumeRolePolicy)[0];
      expect(trust.Condition).toEqual({
        StringEquals: {
          "aws:SourceAccount": ACCOUNT,
          "aws:RequestTag/eks-cluster-arn": arn("eks", `cluster/${prefix}-eks`),
          "aws:RequestTag/kubernetes-namespace": "orders",
          "aws:RequestTag/kubernetes-service-account": c,
        },
      });
      expect(get(p(), T.association, id).inputs).toMatchObject({
        namespace: "orders",
        serviceAccount: c,
        clusterName: `${prefix}-eks`,
        region,
      });
    }
    // Notifications run on the app tier: no Pod Identity role for them.
    expect(
      ofType(p(), T.association)
        .filter((a) => a.inputs.namespace === "orders")
        .map((a) => a.inputs.serviceAccount),
    ).toEqual(["inventory", "payment", "shipping"]);
  });

  test("the app tier's role puts events and uses only the notifications queue, which gets no task token", () => {
    const app = get(p(), T.rolePolicy, `${prefix}-app-orders`);
    // The same role as the data tier's grant to the app tier: the app tier's instance role.
    expect(app.inputs.role).toBe(get(p(), T.rolePolicy, `${prefix}-app-data-access`).inputs.role);
    expect(statements(app.inputs.policy).map((s) => [s.Sid, list(s.Resource)])).toEqual([
      ["PutOrderEvents", [`arn:aws:events:*:${ACCOUNT}:event-bus/prod-orders`]],
      ["UseQueuenotifications", [arn("sqs", `${prefix}-orders-notifications`)]],
      ["UseQueueKeyThroughSqs", [keyArn()]],
    ]);
  });

  test("no other role of the stack may use the order queues, topic or bus", () => {
    const pipelineArns = [out().topicArn, out().busArn, ...CONSUMERS.map((c) => out().consumers[c].queueArn)];
    const allowed = new Set([
      `${prefix}-orders-fulfilment`,
      `${prefix}-app-orders`,
      ...["inventory", "payment", "shipping"].map((c) => `${prefix}-orders-${c}`),
      // EventBridge's replication role of the global endpoint (its statements: below).
      ...(region === "eu-west-1" ? ["prod-orders-replication"] : []),
    ]);
    for (const policy of ofType(p(), T.rolePolicy)) {
      if (allowed.has(policy.name)) continue;
      const text = String(policy.inputs.policy);
      for (const a of pipelineArns) expect([policy.name, text.includes(a)]).toEqual([policy.name, false]);
    }
  });

  test("the pipeline output matches the contract, and the plan breaks no policy", () => {
    expect(out().stateMachineArn).toBe(arn("states", `stateMachine:${prefix}-orders-fulfilment`));
    expect(out().replayRuleArn).toBe(arn("events", `rule/prod-orders/${prefix}-orders-fulfilment-replay`));
    expect(p().policies.violations).toEqual([]);
  });
});

describe("the global endpoint", () => {
  test("is owned by eu-west-1, lives in us-east-1, pairs both buses and fails over on us-east-1's health check", () => {
    const [use1, euw1] = [plans["us-east-1"], plans["eu-west-1"]];
    expect(ofType(use1, T.endpoint)).toEqual([]);
    const [endpoint] = ofType(euw1, T.endpoint);
    expect(endpoint.region).toBe("us-east-1");
    const use1HealthCheck = (use1.outputs.edge as { healthCheckId: string }).healthCheckId;
    expect(endpoint.inputs).toEqual({
      region: "us-east-1",
      name: "prod-orders",
      description: "Order events: us-east-1, failing over to eu-west-1",
      eventBuses: [
        { eventBusArn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/prod-orders` },
        { eventBusArn: `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/prod-orders` },
      ],
      routingConfig: {
        failoverConfig: {
          primary: { healthCheck: `arn:aws:route53:::healthcheck/${use1HealthCheck}` },
          secondary: { route: "eu-west-1" },
        },
      },
      replicationConfig: { state: "ENABLED" },
      roleArn: `arn:aws:iam::${ACCOUNT}:role/prod-orders-replication`,
    });
    const replication = statements(get(euw1, T.rolePolicy, "prod-orders-replication").inputs.policy);
    expect(replication.map((s) => [s.Sid, list(s.Action), list(s.Resource)])).toEqual([
      [
        "ManageReplicationRules",
        ["events:DeleteRule", "events:PutRule", "events:PutTargets", "events:RemoveTargets"],
        [
          `arn:aws:events:us-east-1:${ACCOUNT}:rule/prod-orders/GlobalEndpointManagedRule-*`,
          `arn:aws:events:eu-west-1:${ACCOUNT}:rule/prod-orders/GlobalEndpointManagedRule-*`,
        ],
      ],
      [
        "ReplicateEvents",
        ["events:PutEvents"],
        [
          `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/prod-orders`,
          `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/prod-orders`,
        ],
      ],
      ["PassReplicationRole", ["iam:PassRole"], [`arn:aws:iam::${ACCOUNT}:role/prod-orders-replication`]],
    ]);
    const out = euw1.outputs.pipeline as { globalEndpoint: { arn: string } };
    expect(out.globalEndpoint.arn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:endpoint/prod-orders`);
    expect((use1.outputs.pipeline as Record<string, unknown>).globalEndpoint).toBeUndefined();
  });
});
