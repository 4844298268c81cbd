import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ALARM_SEVERITIES, type AlarmSeverity } from "../../src/config/observability";
import { tagsFor, type Tags } from "../lib/tags";
import { EncryptionKey } from "../security/encryption-key";
import { denyWithoutTls } from "../lib/statements";

/** A subscription of an alarm topic: an SNS protocol and its endpoint (validated by config). */
export interface AlarmSubscription {
  readonly protocol: string;
  readonly endpoint: string;
}

/** Arguments of {@link AlarmTopics}. */
export interface AlarmTopicsArgs {
  readonly region: string;
  /** The account that owns the topics: it administers them, and only its alarms may publish. */
  readonly accountId: string;
  /** Who each topic notifies. @default none */
  readonly subscriptions?: Readonly<Partial<Record<AlarmSeverity, readonly AlarmSubscription[]>>>;
  /**
   * Let AWS Cost Anomaly Detection (`costalerts.amazonaws.com`) publish to the warning topic, for
   * the account's cost anomaly subscription. @default false
   */
  readonly costAlerts?: boolean;
  /** Protect the topics' key from deletion by Pulumi. @default true */
  readonly protect?: boolean;
  readonly tags?: Tags;
}

/** The service principal CloudWatch alarms publish to SNS as. */
export const CLOUDWATCH_PRINCIPAL = "cloudwatch.amazonaws.com";
/** The service principal AWS Cost Anomaly Detection publishes to SNS as (Cost Management User Guide, "Creating an Amazon SNS topic for anomaly notifications"). */
export const COST_ALERTS_PRINCIPAL = "costalerts.amazonaws.com";

/** A subscription's name suffix: its protocol and a digest of its endpoint, so list order never matters. */
export const subscriptionKey = (s: AlarmSubscription) =>
  `${s.protocol}-${createHash("sha256").update(s.endpoint).digest("hex").slice(0, 8)}`;

/**
 * The region's two alarm topics, `<name>-critical` and `<name>-warning`, encrypted with their own
 * customer-managed key. CloudWatch alarms (and, on the warning topic of the stack that owns it,
 * Cost Anomaly Detection) can publish to an SSE-KMS topic only if the key policy lets their service
 * principal use the key (SNS Developer Guide, "Enable compatibility between event sources from AWS
 * services and encrypted topics"); the topic policy lets them publish only on behalf of this
 * account (`aws:SourceAccount`), alarms only from this region (`aws:SourceArn`). An alarm notifies
 * only a topic of its own region, so every region has its own pair.
 */
export class AlarmTopics extends pulumi.ComponentResource {
  readonly key: EncryptionKey;
  readonly topics: Readonly<Record<AlarmSeverity, aws.sns.Topic>>;
  readonly topicArns: Readonly<Record<AlarmSeverity, pulumi.Output<string>>>;
  /** The topic policies: whatever publishes to a topic waits for its policy. */
  readonly policies: Readonly<Record<AlarmSeverity, aws.sns.TopicPolicy>>;

  constructor(name: string, args: AlarmTopicsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:AlarmTopics", name, {}, opts);
    const child = { parent: this };
    const { region, accountId } = args;
    this.key = new EncryptionKey(
      `${name}`,
      {
        purpose: "SNS alarm topics of the region",
        accountId,
        region,
        topicPublishers: [CLOUDWATCH_PRINCIPAL, ...(args.costAlerts ? [COST_ALERTS_PRINCIPAL] : [])],
        protect: args.protect ?? true,
        tags: args.tags,
      },
      child,
    );
    const topics = {} as Record<AlarmSeverity, aws.sns.Topic>;
    const policies = {} as Record<AlarmSeverity, aws.sns.TopicPolicy>;
    for (const severity of ALARM_SEVERITIES) {
      const topicName = `${name}-${severity}`;
      const topic = new aws.sns.Topic(
        topicName,
        {
          region,
          name: topicName,
          displayName: `${severity} alarms (${region})`,
          kmsMasterKeyId: this.key.arn,
          tags: tagsFor(args.tags, topicName),
        },
        child,
      );
      topics[severity] = topic;
      const costAlerts = severity === "warning" && args.costAlerts === true;
      policies[severity] = new aws.sns.TopicPolicy(
        topicName,
        {
          region,
          arn: topic.arn,
          policy: topic.arn.apply((arn) => JSON.stringify(topicPolicy(arn, region, accountId, costAlerts))),
        },
        child,
      );
      for (const s of args.subscriptions?.[severity] ?? []) {
        new aws.sns.TopicSubscription(
          `${topicName}-${subscriptionKey(s)}`,
          { region, topic: topic.arn, protocol: s.protocol, endpoint: s.endpoint },
          child,
        );
      }
    }
    this.topics = topics;
    this.policies = policies;
    this.topicArns = { critical: topics.critical.arn, warning: topics.warning.arn };
    this.registerOutputs({ topicArns: this.topicArns });
  }
}

/**
 * An alarm topic's policy: no one publishes without TLS; the account administers it; CloudWatch
 * publishes for this account's alarms of this region; on the warning topic, if asked, Cost
 * Anomaly Detection publishes for this account. Nothing is granted to `*`.
 */
export function topicPolicy(
  topicArn: string,
  region: string,
  accountId: string,
  costAlerts: boolean,
): object {
  const statements: object[] = [
    // SNS Developer Guide, "Amazon SNS security best practices", "Enforce encryption of data in
    // transit" (cdk-nag AwsSolutions-SNS3; events-sns-tls-only checks it). AWS services publish
    // over TLS, so CloudWatch and Cost Anomaly Detection are not affected.
    denyWithoutTls("sns:Publish", topicArn),
    {
      Sid: "AccountAdministers",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${accountId}:root` },
      Action: [
        "sns:GetTopicAttributes",
        "sns:SetTopicAttributes",
        "sns:AddPermission",
        "sns:RemovePermission",
        "sns:DeleteTopic",
        "sns:Subscribe",
        "sns:ListSubscriptionsByTopic",
        "sns:Publish",
      ],
      Resource: topicArn,
    },
    {
      Sid: "CloudWatchAlarmsPublish",
      Effect: "Allow",
      Principal: { Service: CLOUDWATCH_PRINCIPAL },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: {
        StringEquals: { "aws:SourceAccount": accountId },
        ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${region}:${accountId}:alarm:*` },
      },
    },
  ];
  if (costAlerts) {
    statements.push({
      Sid: "CostAnomalyDetectionPublishes",
      Effect: "Allow",
      Principal: { Service: COST_ALERTS_PRINCIPAL },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
