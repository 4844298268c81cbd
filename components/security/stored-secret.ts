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
   * Secrets Manager replicas: one per region, each encrypted with a customer-managed key of that
   * region (ReplicaRegionType.KmsKeyId; without one a replica uses `aws/secretsmanager`). A replica
   * has the secret's ARN with its own region, serves reads while the secret's region is down, and
   * receives every new version. Changing a replica's key removes and re-adds that replica (the
   * provider keys replicas by region and key). @default []
   */
  readonly replicas?: readonly { readonly region: string; readonly kmsKeyArn: pulumi.Input<string> }[];
  /** Days Secrets Manager keeps a deleted secret recoverable. @default 30 */
  readonly recoveryWindowInDays?: number;
  /** Protect the secret (and a generated value) from deletion by Pulumi. @default true */
  readonly protect?: boolean;
  readonly tags?: Tags;
}

/**
 * A secret in Secrets Manager under a customer-managed key, holding a value generated here or
 * given, optionally replicated to other regions (so a region keeps reading it when the secret's
 * own region is down).
 */
export class StoredSecret extends pulumi.ComponentResource {
  readonly secret: aws.secretsmanager.Secret;
  readonly arn: pulumi.Output<string>;
  /** The replica in each region, by region: the secret's ARN with that region. */
  readonly replicaArns: Readonly<Record<string, pulumi.Output<string>>>;
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
        ...(args.replicas?.length
          ? { replicas: args.replicas.map((r) => ({ region: r.region, kmsKeyId: r.kmsKeyArn })) }
          : {}),
        tags: tagsFor(args.tags, name),
      },
      { ...child, protect },
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
      },
      child,
    );
    this.arn = this.secret.arn;
    this.replicaArns = Object.fromEntries(
      (args.replicas ?? []).map((r) => [r.region, this.arn.apply((arn) => replicaArn(arn, r.region))]),
    );
    this.value = pulumi.secret(value);
    this.registerOutputs({ arn: this.arn });
  }
}

/**
 * The ARN of a secret's replica in `region`: the secret's ARN with that region ("The ARN for a
 * replicated secret is the same as the primary secret except for the Region": Secrets Manager
 * User Guide, "Replicate secrets across Regions").
 */
export function replicaArn(secretArn: string, region: string): string {
  const parts = secretArn.split(":");
  if (parts.length < 7 || parts[2] !== "secretsmanager") {
    throw new Error(`replicaArn: "${secretArn}" is not a Secrets Manager secret ARN`);
  }
  parts[3] = region;
  return parts.join(":");
}
