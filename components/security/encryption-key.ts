import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";

/** Arguments of {@link EncryptionKey}. */
export interface EncryptionKeyArgs {
  /** What the key protects, for its description, e.g. "VPC flow logs". */
  readonly purpose: string;
  /** The AWS account that owns the key; its root principal administers it. */
  readonly accountId: string;
  /** The region the key lives in (a KMS key never leaves its region). */
  readonly region: string;
  /**
   * Service principals allowed to use the key for encryption in this account, e.g. "logs".
   * Each is scoped to the region ("logs.<region>.amazonaws.com") and, through
   * `kms:EncryptionContext`/`aws:SourceAccount` conditions, to this account.
   * @default []
   */
  readonly servicePrincipals?: readonly string[];
  /**
   * IAM role ARNs that may use the key for encryption and create grants for AWS resources. Each
   * must exist when KMS creates the key (`MalformedPolicyDocumentException: Policy contains a
   * statement with one or more invalid principals`), so name no service-linked role here (one
   * exists only after the service's first use in the account): use `viaServices` for the services
   * that act through one, e.g. Auto Scaling launching encrypted volumes.
   * @default []
   */
  readonly roleArns?: readonly string[];
  /**
   * AWS services through which any principal of this account may use the key, e.g. "ec2" for EBS
   * volumes: the way the AWS managed `aws/ebs` key works (`kms:ViaService` and `kms:CallerAccount`
   * conditions), so that Auto Scaling (as its service-linked role), EC2 Fleet and the Karpenter
   * controller can launch encrypted volumes without the key policy naming each role (a
   * service-linked role that does not exist yet would make the policy fail in a fresh account).
   * @default []
   */
  readonly viaServices?: readonly string[];
  /**
   * AWS service principals (global names, e.g. "events.amazonaws.com") that send messages to SQS
   * queues encrypted with this key: each gets `kms:GenerateDataKey` and `kms:Decrypt`, as the SQS
   * Developer Guide requires of event sources writing to an encrypted queue ("Configure KMS
   * permissions for AWS services"; the AWS managed `aws/sqs` key cannot be used for them).
   * @default []
   */
  readonly queueSenders?: readonly string[];
  /**
   * AWS service principals (global names, e.g. "cloudwatch.amazonaws.com") that publish to SNS
   * topics encrypted with this key: each gets `kms:GenerateDataKey*` and `kms:Decrypt`, as the SNS
   * Developer Guide requires of AWS event sources publishing to an encrypted topic ("Enable
   * compatibility between event sources from AWS services and encrypted topics"; the AWS managed
   * `aws/sns` key cannot be used for them). Who may publish is the topic policy's to narrow.
   * @default []
   */
  readonly topicPublishers?: readonly string[];
  /** Days AWS waits before deleting a scheduled key. @default 30 */
  readonly deletionWindowInDays?: number;
  /** Protect the key from deletion by Pulumi. @default true */
  readonly protect?: boolean;
  /** Tags for the key. @default {} */
  readonly tags?: Tags;
}

/**
 * A customer-managed, symmetric KMS key with yearly rotation, a policy that keeps administration
 * with the account and use with the named services, and an alias `alias/<name>`.
 */
export class EncryptionKey extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;
  readonly alias: aws.kms.Alias;
  readonly arn: pulumi.Output<string>;
  readonly keyId: pulumi.Output<string>;

  constructor(name: string, args: EncryptionKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:EncryptionKey", name, {}, opts);
    const services = args.servicePrincipals ?? [];
    const statements: object[] = [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${args.accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
    ];
    for (const service of services) {
      statements.push({
        Sid: `${service.replace(/[^A-Za-z0-9]/g, "")}UsesKeyInThisAccount`,
        Effect: "Allow",
        Principal: { Service: `${service}.${args.region}.amazonaws.com` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition:
          service === "logs"
            ? {
                ArnLike: {
                  "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${args.region}:${args.accountId}:*`,
                },
              }
            : { StringEquals: { "aws:SourceAccount": args.accountId } },
      });
    }
    const roles = args.roleArns ?? [];
    if (roles.length > 0) {
      statements.push(
        {
          Sid: "RolesUseKey",
          Effect: "Allow",
          Principal: { AWS: [...roles] },
          Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
          Resource: "*",
        },
        {
          Sid: "RolesGrantForAwsResources",
          Effect: "Allow",
          Principal: { AWS: [...roles] },
          Action: "kms:CreateGrant",
          Resource: "*",
          Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
        },
      );
    }
    for (const service of args.viaServices ?? []) {
      statements.push({
        Sid: `AccountUsesKeyVia${service.replace(/[^A-Za-z0-9]/g, "")}`,
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: [
          "kms:Encrypt",
          "kms:Decrypt",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:CreateGrant",
          "kms:DescribeKey",
        ],
        Resource: "*",
        Condition: {
          StringEquals: {
            "kms:CallerAccount": args.accountId,
            "kms:ViaService": `${service}.${args.region}.amazonaws.com`,
          },
        },
      });
    }
    const senders = args.queueSenders ?? [];
    if (senders.length > 0) {
      statements.push({
        Sid: "ServicesSendToEncryptedQueues",
        Effect: "Allow",
        Principal: { Service: [...senders] },
        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
        Resource: "*",
        // Only on this account's behalf (confused-deputy prevention; EventBridge User Guide,
        // "Authorizing EventBridge to use a customer managed key": add aws:SourceArn or
        // aws:SourceAccount to the key policy).
        Condition: { StringEquals: { "aws:SourceAccount": args.accountId } },
      });
    }
    const publishers = args.topicPublishers ?? [];
    if (publishers.length > 0) {
      statements.push({
        Sid: "ServicesPublishToEncryptedTopics",
        Effect: "Allow",
        Principal: { Service: [...publishers] },
        Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
        Resource: "*",
      });
    }
    const protect = args.protect ?? true;
    this.key = new aws.kms.Key(
      name,
      {
        region: args.region,
        description: `${args.purpose} (${name})`,
        enableKeyRotation: true,
        deletionWindowInDays: args.deletionWindowInDays ?? 30,
        policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
        tags: tagsFor(args.tags, name),
      },
      { parent: this, protect },
    );
    this.alias = new aws.kms.Alias(
      `${name}-alias`,
      { region: args.region, name: `alias/${name}`, targetKeyId: this.key.keyId },
      { parent: this },
    );
    this.arn = this.key.arn;
    this.keyId = this.key.keyId;
    this.registerOutputs({ arn: this.arn, keyId: this.keyId });
  }
}
