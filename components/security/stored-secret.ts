import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { tagsFor, type Tags } from "../lib/tags";

/** Arguments of {@link StoredSecret}. */
export interface StoredSecretArgs {
  /** The secret's region (its key must be in the same region). */
  readonly region: string;
  readonly description: string;
  /** Customer-managed KMS key (in the secret's region) that encrypts the secret. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /**
   * The value to store. @default generated here: `length` random letters and digits (a character
   * set that RDS master passwords and ElastiCache AUTH tokens both accept)
   */
  readonly value?: pulumi.Input<string>;
  /** Length of a generated value. @default 40 */
  readonly length?: number;
  /** A user name stored beside the value, as `{"username", "password"}` JSON. @default none: `{"password"}` */
  readonly username?: string;
  /**
   * The value is rotated outside Pulumi (docs/architecture.md, "Rotating the Aurora master
   * password"): the version Pulumi wrote keeps a label of its own ({@link PULUMI_VERSION_STAGE})
   * beside `AWSCURRENT`, and Pulumi ignores changes to its value and labels, so neither `pulumi up`
   * nor `pulumi up --refresh` moves `AWSCURRENT` back to the first value. @default false
   */
  readonly rotatedOutOfBand?: boolean;
  /** Days Secrets Manager keeps a deleted secret recoverable. @default 30 */
  readonly recoveryWindowInDays?: number;
  /** Protect the secret (and a generated value) from deletion by Pulumi. @default true */
  readonly protect?: boolean;
  readonly tags?: Tags;
}

/**
 * The staging label of the version Pulumi wrote, on a secret rotated out of band. An outside
 * rotation moves `AWSCURRENT` to a new version (terraform-provider-aws#25168: the tracked version
 * then shows as drift), and after two of them the first version has no label left and Secrets
 * Manager deletes it; the provider would then create it again, putting the first value back as
 * `AWSCURRENT` (terraform-aws-modules/terraform-aws-secrets-manager#24, fixed in #26 by a
 * persistent custom label). A label of its own keeps the version.
 */
export const PULUMI_VERSION_STAGE = "PULUMI_INITIAL";

/**
 * A secret in Secrets Manager under a customer-managed key, holding a value generated here or
 * given. Its replicas are not its own: each later stack adds its region as a replica
 * ({@link SecretReplica}, components/security/secret-replica.ts), so the secret is created without
 * replicas and ignores changes to `replicas`. The provider reads every replica back into
 * `replicas` (terraform-provider-aws `aws_secretsmanager_secret`: `replica` is an Optional +
 * Computed set, hashed on `kms_key_id` and `region`, set on read from DescribeSecret's
 * `ReplicationStatus`; its update removes the replicas missing from the planned set). With no
 * `replicas` input an Optional + Computed attribute keeps what was read, and `ignoreChanges`
 * (Pulumi then sends the recorded input instead of the program's) keeps it so whatever the
 * program says: neither `pulumi up` nor `pulumi refresh` then `pulumi up` of this stack removes a
 * replica another stack added.
 */
export class StoredSecret extends pulumi.ComponentResource {
  readonly secret: aws.secretsmanager.Secret;
  readonly arn: pulumi.Output<string>;
  /** The value, as a Pulumi secret. */
  readonly value: pulumi.Output<string>;

  constructor(name: string, args: StoredSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:StoredSecret", name, {}, opts);
    const protect = args.protect ?? true;
    const child = { parent: this };
    const value =
      args.value !== undefined
        ? pulumi.secret(args.value)
        : new random.RandomPassword(
            name,
            { length: args.length ?? 40, special: false },
            { ...child, protect },
          ).result;
    this.secret = new aws.secretsmanager.Secret(
      name,
      {
        region: args.region,
        description: args.description,
        kmsKeyId: args.kmsKeyArn,
        recoveryWindowInDays: args.recoveryWindowInDays ?? 30,
        tags: tagsFor(args.tags, name),
      },
      // Replicas belong to the stacks that add them (SecretReplica).
      { ...child, protect, ignoreChanges: ["replicas"] },
    );
    new aws.secretsmanager.SecretVersion(
      name,
      {
        region: args.region,
        secretId: this.secret.id,
        secretString: pulumi
          .secret(value)
          .apply((v) =>
            JSON.stringify(args.username ? { username: args.username, password: v } : { password: v }),
          ),
        ...(args.rotatedOutOfBand ? { versionStages: ["AWSCURRENT", PULUMI_VERSION_STAGE] } : {}),
      },
      args.rotatedOutOfBand ? { ...child, ignoreChanges: ["secretString", "versionStages"] } : child,
    );
    this.arn = this.secret.arn;
    this.value = pulumi.secret(value);
    this.registerOutputs({ arn: this.arn });
  }
}
