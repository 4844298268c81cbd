/** events-sns-tls-only and events-sqs-tls-only: the policy in force must deny plain requests to everyone. */
import { snsTlsOnly } from "../../../policies/events/sns-tls-only";
import { sqsTlsOnly } from "../../../policies/events/sqs-tls-only";
import { check, res } from "../../helpers/policy";

const TOPIC = "aws:sns/topic:Topic";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
const QUEUE = "aws:sqs/queue:Queue";
const QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
const topicArn = (name: string) => `arn:aws:sns:us-east-1:111122223333:${name}`;
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:111122223333:${name}`;
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const denyPlain = (action: unknown, resource: unknown, extra: Record<string, unknown> = {}) => ({
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: action,
  Resource: resource,
  Condition: { Bool: { "aws:SecureTransport": "false" } },
  ...extra,
});
const msgs = async (policy: Parameters<typeof check>[0], r: Parameters<typeof check>[1]) =>
  (await check(policy, r)).map((v) => [v.urn.split("::").pop(), v.message]);

describe("events-sns-tls-only", () => {
  const topic = (name: string, inputs: Record<string, unknown> = {}) => res(TOPIC, name, { name, ...inputs });
  const policyOf = (name: string, owner: string, policy: string) =>
    res(
      TOPIC_POLICY,
      name,
      { arn: topicArn(owner), policy },
      { propertyDependencies: { arn: [`urn:pulumi:test::platform::${TOPIC}::${owner}`] } },
    );

  test("compliant: a TopicPolicy denying sns:Publish, sns:* or a NotAction deny; a topic's own policy; BoolIfExists", async () => {
    expect(
      await msgs(snsTlsOnly, [
        topic("alarms"),
        policyOf(
          "alarms",
          "alarms",
          doc(denyPlain("sns:Publish", topicArn("alarms")), {
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Resource: topicArn("alarms"),
          }),
        ),
        topic("all"),
        policyOf("all", "all", doc(denyPlain(["sns:*"], "*"))),
        topic("not-action"),
        policyOf(
          "not-action",
          "not-action",
          doc({
            ...denyPlain(undefined, topicArn("not-action")),
            Action: undefined,
            NotAction: "sns:Subscribe",
          }),
        ),
        topic("inline", {
          policy: doc({
            ...denyPlain("SNS:Publish", topicArn("inline")),
            Condition: { BoolIfExists: { "aws:SecureTransport": false } },
          }),
        }),
      ]),
    ).toEqual([]);
  });

  test("non-compliant: no policy, an Allow with the TLS condition, a deny narrowed by another condition or principal, another topic's ARN", async () => {
    const allowTls = doc({
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:root" },
      Action: "sns:Publish",
      Resource: topicArn("allow"),
      Condition: { Bool: { "aws:SecureTransport": "true" } },
    });
    expect(
      await msgs(snsTlsOnly, [
        topic("bare"),
        topic("allow"),
        policyOf("allow", "allow", allowTls),
        topic("narrowed"),
        policyOf(
          "narrowed",
          "narrowed",
          doc(
            denyPlain("sns:Publish", topicArn("narrowed"), {
              Condition: {
                Bool: { "aws:SecureTransport": "false" },
                StringEquals: { "aws:SourceAccount": "111122223333" },
              },
            }),
          ),
        ),
        topic("someone"),
        policyOf(
          "someone",
          "someone",
          doc(
            denyPlain("sns:Publish", topicArn("someone"), {
              Principal: { AWS: "arn:aws:iam::444455556666:root" },
            }),
          ),
        ),
        topic("elsewhere"),
        policyOf("elsewhere", "elsewhere", doc(denyPlain("sns:Publish", topicArn("other-topic")))),
        topic("subscribe-only"),
        policyOf("subscribe-only", "subscribe-only", doc(denyPlain("sns:Subscribe", "*"))),
      ]),
    ).toEqual([
      [
        "bare",
        'Topic "bare" accepts publishing without TLS: it has no topic policy denying sns:Publish to every principal when aws:SecureTransport is false (and under no other condition).',
      ],
      ...["allow", "narrowed", "someone", "elsewhere", "subscribe-only"].map((n) => [
        n,
        `Topic "${n}" accepts publishing without TLS: its policy has no statement denying sns:Publish to every principal when aws:SecureTransport is false (and under no other condition).`,
      ]),
    ]);
  });

  test("non-compliant: a TopicPolicy without the deny replaces a topic's own policy that has it", async () => {
    const t = topic("replaced", { policy: doc(denyPlain("sns:Publish", topicArn("replaced"))) });
    expect(
      await msgs(snsTlsOnly, [
        t,
        policyOf(
          "replaced",
          "replaced",
          doc({
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Resource: topicArn("replaced"),
          }),
        ),
      ]),
    ).toHaveLength(1);
    expect(await msgs(snsTlsOnly, [t])).toEqual([]);
  });

  test("encryption at rest does not exempt a topic (cdk-nag's rule would)", async () => {
    expect(
      await msgs(snsTlsOnly, [
        topic("encrypted", { kmsMasterKeyId: "arn:aws:kms:us-east-1:111122223333:key/k" }),
      ]),
    ).toHaveLength(1);
  });
});

describe("events-sqs-tls-only", () => {
  const queue = (name: string, inputs: Record<string, unknown> = {}) => res(QUEUE, name, { name, ...inputs });
  const policyOf = (owner: string, policy: string, name = owner) =>
    res(
      QUEUE_POLICY,
      name,
      { queueUrl: `https://sqs.us-east-1.amazonaws.com/111122223333/${owner}`, policy },
      { propertyDependencies: { queueUrl: [`urn:pulumi:test::platform::${QUEUE}::${owner}`] } },
    );

  test("compliant: sqs:* or * denied to everyone without TLS, in a QueuePolicy or the queue's own policy", async () => {
    expect(
      await msgs(sqsTlsOnly, [
        queue("work"),
        policyOf(
          "work",
          doc(denyPlain("sqs:*", queueArn("work")), {
            Effect: "Allow",
            Principal: { Service: "sns.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: queueArn("work"),
          }),
        ),
        queue("any"),
        policyOf("any", doc(denyPlain("*", "*", { Principal: { AWS: "*" } }))),
        queue("inline", { policy: doc(denyPlain(["SQS:*"], queueArn("inline"))) }),
      ]),
    ).toEqual([]);
  });

  test("non-compliant: no policy, a deny of some actions only, a deny of another queue, two policies of which one lacks it", async () => {
    expect(
      await msgs(sqsTlsOnly, [
        queue("bare"),
        queue("send-only"),
        policyOf("send-only", doc(denyPlain("sqs:SendMessage", queueArn("send-only")))),
        queue("other"),
        policyOf("other", doc(denyPlain("sqs:*", queueArn("not-this-one")))),
        queue("two"),
        policyOf("two", doc(denyPlain("sqs:*", queueArn("two"))), "two-a"),
        policyOf(
          "two",
          doc({
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: queueArn("two"),
          }),
          "two-b",
        ),
      ]),
    ).toEqual([
      [
        "bare",
        'Queue "bare" accepts requests without TLS: it has no queue policy denying sqs:* to every principal when aws:SecureTransport is false (and under no other condition).',
      ],
      ...["send-only", "other", "two"].map((n) => [
        n,
        `Queue "${n}" accepts requests without TLS: its policy has no statement denying sqs:* to every principal when aws:SecureTransport is false (and under no other condition).`,
      ]),
    ]);
  });
});

describe("the real stacks' topics and queues", () => {
  test("every topic and queue of both stacks refuses plain HTTP; without its deny an alarm topic fails", async () => {
    const { realPlans } = await import("../../helpers/plans");
    const plans = await realPlans();
    for (const p of plans) {
      expect(p.resources.filter((r) => r.type === TOPIC)).toHaveLength(3);
      expect(p.resources.filter((r) => r.type === QUEUE)).toHaveLength(10);
      expect(await check(snsTlsOnly, p.resources, p.region)).toEqual([]);
      expect(await check(sqsTlsOnly, p.resources, p.region)).toEqual([]);
    }
    const [primary] = plans;
    const stripped = primary.resources.map((r) => {
      if (r.type !== TOPIC_POLICY || r.name !== "prod-use1-alarms-critical") return r;
      const d = JSON.parse(String(r.inputs.policy)) as { Statement: { Sid: string }[] };
      const Statement = d.Statement.filter((s) => s.Sid !== "DenyInsecureTransport");
      return { ...r, inputs: { ...r.inputs, policy: JSON.stringify({ ...d, Statement }) } };
    });
    expect((await check(snsTlsOnly, stripped)).map((v) => v.urn.split("::").pop())).toEqual([
      "prod-use1-alarms-critical",
    ]);
  });
});
