import * as pulumi from "@pulumi/pulumi";
import { secretReplicaProvider } from "../../src/aws/secret-replication";
import { SECRET_REPLICA } from "../../src/conventions";

/** Arguments of {@link SecretReplica}. */
export interface SecretReplicaArgs {
  /** The region of the replica: the stack's own region. */
  readonly region: string;
  /** The ARN of the secret to replicate (owned by an earlier stack, in `primaryRegion`). */
  readonly primarySecretArn: pulumi.Input<string>;
  /** The region of that secret: every replication call goes there. */
  readonly primaryRegion: string;
  /** The customer-managed KMS key, in `region`, that encrypts the replica. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Protect the replica from deletion and replacement by Pulumi. @default true */
  readonly protect?: boolean;
}

/**
 * The dynamic resource behind {@link SecretReplica}: type `pulumi-nodejs:dynamic/<module>:<type>`
 * (the SDK's `module` and `type` arguments, pulumi/pulumi#11873), so that policies find it by type.
 */
class SecretReplicaResource extends pulumi.dynamic.Resource {
  declare readonly arn: pulumi.Output<string>;
  declare readonly kmsKeyArn: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;

  constructor(name: string, props: Record<string, pulumi.Input<string>>, opts: pulumi.CustomResourceOptions) {
    super(
      secretReplicaProvider,
      name,
      { ...props, arn: undefined, status: undefined },
      opts,
      SECRET_REPLICA.module,
      SECRET_REPLICA.type,
    );
  }
}

/**
 * This stack's region as a native replica of a secret that an earlier stack owns (Secrets Manager
 * replication), encrypted with a key of this region. The stack applied later owns the replica,
 * as it owns everything that joins it to an earlier stack: the earlier stack's secret is created
 * without replicas and ignores changes to them. Applications and proxies in this region read the
 * replica's ARN (the primary's with this region), which keeps serving reads while the primary's
 * region is down.
 *
 * Takes no tags: a replica carries its primary's tags and policy (Secrets Manager "replicates the
 * encrypted secret data and metadata such as tags and resource policies"), and AWS refuses tag
 * changes on a replica ("Operation not permitted on a replica secret"). The key is fixed: a new
 * key replaces the replica (removes it, then adds it again; reads in the region fail in between),
 * which `protect` stops until the replica is unprotected on purpose. See src/aws/secret-replication.ts
 * for the provider and docs/architecture.md, "Credentials in every region".
 */
export class SecretReplica extends pulumi.ComponentResource {
  /** The replica's ARN (the primary secret's ARN with this region). */
  readonly arn: pulumi.Output<string>;
  /** The key that encrypts the replica. */
  readonly kmsKeyArn: pulumi.Output<string>;

  constructor(name: string, args: SecretReplicaArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:SecretReplica", name, {}, opts);
    const replica = new SecretReplicaResource(
      name,
      {
        region: args.region,
        primarySecretArn: args.primarySecretArn,
        primaryRegion: args.primaryRegion,
        kmsKeyArn: args.kmsKeyArn,
      },
      { parent: this, protect: args.protect ?? true },
    );
    this.arn = replica.arn;
    this.kmsKeyArn = replica.kmsKeyArn;
    this.registerOutputs({ arn: this.arn, kmsKeyArn: this.kmsKeyArn });
  }
}
