/** The events layer and the pipeline's preflight policies: a compliant and a non-compliant case each. */
import { busArchive } from "../../../policies/events/bus-archive";
import { resourcePolicySource } from "../../../policies/events/resource-policy-source";
import { snsEncryptedCmk } from "../../../policies/events/sns-encrypted-cmk";
import { sqsEncryptedCmk } from "../../../policies/events/sqs-encrypted-cmk";
import { sqsRedrive } from "../../../policies/events/sqs-redrive";
import { stateMachineLogging } from "../../../policies/events/state-machine-logging";
import { stateMachineTracing } from "../../../policies/events/state-machine-tracing";
import { eventEndpoint } from "../../../policies/preflight/event-endpoint";
import { fifoMessaging } from "../../../policies/preflight/fifo-messaging";
import { evaluatePolicies } from "../../../src/plan/policies";
import { check, res, urnOf } from "../../helpers/policy";

const QUEUE = "aws:sqs/queue:Queue";
const QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
const REDRIVE = "aws:sqs/redrivePolicy:RedrivePolicy";
const TOPIC = "aws:sns/topic:Topic";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const SM = "aws:sfn/stateMachine:StateMachine";
const BUS = "aws:cloudwatch/eventBus:EventBus";
const ARCHIVE = "aws:cloudwatch/eventArchive:EventArchive";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const ENDPOINT = "aws:cloudwatch/eventEndpoint:EventEndpoint";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/k";
const sqsArn = (name: string) => `arn:aws:sqs:us-east-1:111122223333:${name}`;

const msgs = async (policy: Parameters<typeof check>[0], r: Parameters<typeof check>[1]) =>
  (await check(policy, r)).map((v) => v.message);

describe("events-sqs-encrypted-cmk", () => {
  test("compliant: a customer-managed key", async () => {
    expect(await msgs(sqsEncryptedCmk, [res(QUEUE, "q", { name: "q", kmsMasterKeyId: KEY })])).toEqual([]);
  });
  test("non-compliant: no key, SQS-managed encryption, the AWS managed key", async () => {
    expect(
      await msgs(sqsEncryptedCmk, [
        res(QUEUE, "a", { name: "a" }),
        res(QUEUE, "b", { name: "b", sqsManagedSseEnabled: true }),
        res(QUEUE, "c", { name: "c", kmsMasterKeyId: "alias/aws/sqs" }),
      ]),
    ).toEqual([
      "Queue a is not encrypted with a customer-managed key: set kmsMasterKeyId to a customer-managed key of its region.",
      "Queue b is not encrypted with a customer-managed key (SQS-managed encryption): set kmsMasterKeyId to a customer-managed key of its region.",
      "Queue c uses the AWS managed key alias/aws/sqs: set kmsMasterKeyId to a customer-managed key of its region.",
    ]);
  });
});

describe("events-sns-encrypted-cmk", () => {
  test("compliant: a customer-managed key", async () => {
    expect(await msgs(snsEncryptedCmk, [res(TOPIC, "t", { name: "t", kmsMasterKeyId: KEY })])).toEqual([]);
  });
  test("non-compliant: unencrypted, or the AWS managed key", async () => {
    expect(
      await msgs(snsEncryptedCmk, [
        res(TOPIC, "a", { name: "a" }),
        res(TOPIC, "b", { name: "b", kmsMasterKeyId: "arn:aws:kms:us-east-1:111122223333:alias/aws/sns" }),
      ]),
    ).toEqual([
      "Topic a is not encrypted: set kmsMasterKeyId to a customer-managed key of its region.",
      "Topic b uses the AWS managed key arn:aws:kms:us-east-1:111122223333:alias/aws/sns: set kmsMasterKeyId to a customer-managed key of its region.",
    ]);
  });
});

describe("events-sqs-redrive", () => {
  const dlq = res(QUEUE, "work-dlq", { name: "work-dlq" });
  test("compliant: a queue with a redrive policy; its DLQ, an EventBridge target's DLQ and Karpenter's queue need none", async () => {
    const work = res(
      QUEUE,
      "work",
      {
        name: "work",
        redrivePolicy: JSON.stringify({ deadLetterTargetArn: sqsArn("work-dlq"), maxReceiveCount: 5 }),
      },
      { propertyDependencies: { redrivePolicy: [dlq.urn] } },
    );
    const separate = res(QUEUE, "other", { name: "other" });
    const otherDlq = res(QUEUE, "other-dlq", { name: "other-dlq" });
    const policy = res(
      REDRIVE,
      "other",
      {
        queueUrl: "u",
        redrivePolicy: JSON.stringify({ deadLetterTargetArn: sqsArn("other-dlq"), maxReceiveCount: 3 }),
      },
      { propertyDependencies: { queueUrl: [separate.urn] } },
    );
    const eventsDlq = res(QUEUE, "events-dlq", { name: "events-dlq" });
    const target = res(TARGET, "t", { rule: "r", arn: "x", deadLetterConfig: { arn: sqsArn("events-dlq") } });
    const karpenter = res(QUEUE, "k", { name: "prod-use1-eks-karpenter-interruption" });
    const release = res(RELEASE, "karpenter", {
      chart: "oci://public.ecr.aws/karpenter/karpenter",
      values: { settings: { interruptionQueue: "prod-use1-eks-karpenter-interruption" } },
    });
    expect(
      await msgs(sqsRedrive, [dlq, work, separate, otherDlq, policy, eventsDlq, target, karpenter, release]),
    ).toEqual([]);
  });
  test("non-compliant: a queue with no redrive policy that is no dead-letter queue", async () => {
    const v = await check(sqsRedrive, [res(QUEUE, "lonely", { name: "lonely" })]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(QUEUE, "lonely"),
        "Queue lonely has no redrive policy and is no dead-letter queue: give it a dead-letter queue (redrivePolicy with deadLetterTargetArn and maxReceiveCount).",
      ],
    ]);
  });
});

describe("events-resource-policy-source", () => {
  const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
  test("compliant: a service with aws:SourceArn, a deny to everyone (TLS), everyone with aws:SourceAccount", async () => {
    const policy = doc(
      {
        Sid: "Tls",
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Resource: "q",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "Sns",
        Effect: "Allow",
        Principal: { Service: "sns.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: "q",
        Condition: { ArnEquals: { "aws:SourceArn": "t" } },
      },
      {
        Sid: "Account",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "sns:Publish",
        Resource: "t",
        Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
      },
    );
    expect(
      await msgs(resourcePolicySource, [
        res(QUEUE_POLICY, "qp", { queueUrl: "u", policy }),
        res(TOPIC_POLICY, "tp", { arn: "t", policy }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: everyone allowed without a source condition (an IfExists condition does not count)", async () => {
    const open = doc({
      Sid: "Open",
      Effect: "Allow",
      Principal: "*",
      Action: "sqs:SendMessage",
      Resource: "q",
    });
    const ifExists = doc({
      Sid: "Weak",
      Effect: "Allow",
      Principal: { AWS: ["*"] },
      Action: "sns:Publish",
      Resource: "t",
      Condition: { ArnEqualsIfExists: { "aws:SourceArn": "x" } },
    });
    expect(
      await msgs(resourcePolicySource, [
        res(QUEUE_POLICY, "qp", { queueUrl: "u", policy: open }),
        res(TOPIC, "t", { name: "t", kmsMasterKeyId: KEY, policy: ifExists }),
      ]),
    ).toEqual([
      "Statement Open allows everyone (*) with no source condition: require aws:SourceArn or aws:SourceAccount, or name the principals.",
      "Statement Weak allows everyone (*) with no source condition: require aws:SourceArn or aws:SourceAccount, or name the principals.",
    ]);
  });
});

describe("events-state-machine-logging", () => {
  const sm = (loggingConfiguration: object) =>
    res(SM, "sm", { name: "sm", roleArn: "r", definition: "{}", loggingConfiguration });
  const destination = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/vendedlogs/states/sm:*";
  test("compliant: ERROR or ALL to a log group, no execution data", async () => {
    expect(
      await msgs(stateMachineLogging, [
        sm({ level: "ERROR", includeExecutionData: false, logDestination: destination }),
      ]),
    ).toEqual([]);
    expect(await msgs(stateMachineLogging, [sm({ level: "ALL", logDestination: destination })])).toEqual([]);
  });
  test("non-compliant: level OFF or FATAL, no destination, execution data without the policy config", async () => {
    expect(await msgs(stateMachineLogging, [sm({ level: "FATAL", includeExecutionData: true })])).toEqual([
      'State machine sm logs at level "FATAL": set loggingConfiguration.level to "ALL" or "ERROR".',
      'State machine sm has no log destination: set loggingConfiguration.logDestination to its log group\'s ARN with ":*".',
      "State machine sm logs execution data (every state's input and output): set includeExecutionData to false, or allow it in the policy config (allowExecutionData).",
    ]);
    expect(
      await msgs(stateMachineLogging, [res(SM, "sm", { name: "sm", roleArn: "r", definition: "{}" })]),
    ).toEqual([
      'State machine sm logs at level "OFF": set loggingConfiguration.level to "ALL" or "ERROR".',
      'State machine sm has no log destination: set loggingConfiguration.logDestination to its log group\'s ARN with ":*".',
    ]);
  });
  test("configurable: execution data allowed through the policy config", async () => {
    const v = await evaluatePolicies(
      [sm({ level: "ALL", includeExecutionData: true, logDestination: destination })],
      [{ name: "t", version: "0", enforcementLevel: "mandatory", policies: [stateMachineLogging] }],
      { region: "us-east-1", config: { "events-state-machine-logging": { allowExecutionData: true } } },
    );
    expect(v).toEqual([]);
  });
});

describe("events-state-machine-tracing", () => {
  test("compliant: X-Ray tracing on", async () => {
    expect(
      await msgs(stateMachineTracing, [
        res(SM, "sm", { name: "sm", tracingConfiguration: { enabled: true } }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: tracing off or left out", async () => {
    expect(
      await msgs(stateMachineTracing, [
        res(SM, "a", { name: "a", tracingConfiguration: { enabled: false } }),
        res(SM, "b", { name: "b" }),
      ]),
    ).toEqual([
      "State machine a is not traced: set tracingConfiguration.enabled to true.",
      "State machine b is not traced: set tracingConfiguration.enabled to true.",
    ]);
  });
});

describe("events-bus-archive", () => {
  const orders = res(BUS, "orders", { name: "prod-orders", tags: { "platform:carries": "orders" } });
  test("compliant: the order bus has an archive (by dependency or by ARN); a bus not carrying orders needs none", async () => {
    const byDependency = res(
      ARCHIVE,
      "a",
      { eventSourceArn: "x" },
      { propertyDependencies: { eventSourceArn: [orders.urn] } },
    );
    expect(await msgs(busArchive, [orders, byDependency, res(BUS, "other", { name: "audit" })])).toEqual([]);
    const byArn = res(ARCHIVE, "b", {
      eventSourceArn: "arn:aws:events:us-east-1:111122223333:event-bus/prod-orders",
    });
    expect(await msgs(busArchive, [orders, byArn])).toEqual([]);
  });
  test("non-compliant: the order bus without an archive", async () => {
    const v = await check(busArchive, [
      orders,
      res(ARCHIVE, "other", { eventSourceArn: "arn:aws:events:us-east-1:111122223333:event-bus/audit" }),
    ]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(BUS, "orders"),
        "Bus prod-orders carries orders but has no archive: add an aws.cloudwatch.EventArchive with eventSourceArn set to it.",
      ],
    ]);
  });
});

describe("preflight-fifo-messaging", () => {
  const fifoQueue = (name: string, extra: object = {}) =>
    res(QUEUE, name, { name, fifoQueue: true, ...extra });
  test("compliant: FIFO queue and DLQ named .fifo, a FIFO queue on a FIFO topic, a standard queue on either", async () => {
    const dlq = fifoQueue("w-dlq.fifo");
    const q = fifoQueue("w.fifo", {
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: sqsArn("w-dlq.fifo"), maxReceiveCount: 5 }),
    });
    const topic = res(TOPIC, "t", { name: "t.fifo", fifoTopic: true });
    const std = res(QUEUE, "s", { name: "s" });
    const subs = [
      res(SUBSCRIPTION, "sub-w", {
        protocol: "sqs",
        topic: "arn:aws:sns:us-east-1:111122223333:t.fifo",
        endpoint: sqsArn("w.fifo"),
      }),
      res(
        SUBSCRIPTION,
        "sub-s",
        { protocol: "sqs", topic: "x" },
        { propertyDependencies: { topic: [topic.urn], endpoint: [std.urn] } },
      ),
    ];
    expect(await msgs(fifoMessaging, [dlq, q, topic, std, ...subs])).toEqual([]);
  });
  test("non-compliant: names without .fifo, a standard DLQ of a FIFO queue, a FIFO queue on a standard topic", async () => {
    const dlq = res(QUEUE, "w-dlq", { name: "w-dlq" });
    const q = fifoQueue("w", {});
    const withDlq = res(
      QUEUE,
      "w2",
      { name: "w2.fifo", fifoQueue: true, redrivePolicy: "x" },
      { propertyDependencies: { redrivePolicy: [dlq.urn] } },
    );
    const topic = res(TOPIC, "t", { name: "t.fifo" });
    const sub = res(
      SUBSCRIPTION,
      "sub",
      { protocol: "sqs", topic: "x" },
      { propertyDependencies: { topic: [topic.urn], endpoint: [withDlq.urn] } },
    );
    expect(await msgs(fifoMessaging, [dlq, q, withDlq, topic, sub])).toEqual([
      'Queue "w" is FIFO but its name does not end in ".fifo": AWS refuses it; name it "w.fifo".',
      'Topic "t.fifo" is standard but its name ends in ".fifo": AWS refuses it; make it FIFO or rename it.',
      'Queue "w2.fifo" is FIFO but its dead-letter queue "w-dlq" is standard: a dead-letter queue must be of its source queue\'s type.',
      'FIFO queue "w2.fifo" is subscribed to standard topic "t.fifo": SNS cannot deliver a standard topic\'s messages to a FIFO queue; make the topic FIFO or the queue standard.',
    ]);
  });
});

describe("preflight-event-endpoint", () => {
  const bus = (region: string, name = "prod-orders") => ({
    eventBusArn: `arn:aws:events:${region}:111122223333:event-bus/${name}`,
  });
  const endpoint = (over: object = {}) =>
    res(ENDPOINT, "e", {
      region: "us-east-1",
      name: "prod-orders",
      eventBuses: [bus("us-east-1"), bus("eu-west-1")],
      routingConfig: {
        failoverConfig: {
          primary: { healthCheck: "arn:aws:route53:::healthcheck/abc" },
          secondary: { route: "eu-west-1" },
        },
      },
      replicationConfig: { state: "ENABLED" },
      roleArn: "arn:aws:iam::111122223333:role/prod-orders-replication",
      ...over,
    });
  test("compliant: two buses of one name, created in the primary's region, failing over to the other", async () => {
    expect(await msgs(eventEndpoint, [endpoint()])).toEqual([]);
  });
  test("non-compliant: different names, created in the secondary's region with a route to itself, a health check ID, replication without a role", async () => {
    expect(
      await msgs(eventEndpoint, [
        endpoint({
          region: "eu-west-1",
          eventBuses: [bus("us-east-1"), bus("eu-west-1", "orders")],
          routingConfig: {
            failoverConfig: { primary: { healthCheck: "abc-123" }, secondary: { route: "eu-west-1" } },
          },
          roleArn: undefined,
        }),
      ]),
    ).toEqual([
      'The endpoint pairs buses "prod-orders" (111122223333) and "orders" (111122223333): the buses must have the same name in the same account.',
      "The endpoint fails over to eu-west-1: expected the other bus's region (us-east-1).",
      'The endpoint\'s health check is "abc-123": expected a Route 53 health check ARN (arn:aws:route53:::healthcheck/<id>).',
      "The endpoint replicates events but names no role: set roleArn to the replication role.",
    ]);
    expect(await msgs(eventEndpoint, [endpoint({ eventBuses: [bus("us-east-1")] })])).toEqual([
      "The endpoint names 1 event buses: a global endpoint pairs exactly two.",
    ]);
    expect(await msgs(eventEndpoint, [endpoint({ region: "ap-south-1" })])).toEqual([
      "The endpoint is created in ap-south-1, but its buses are in us-east-1 and eu-west-1: create it in the primary bus's region.",
    ]);
  });
});
