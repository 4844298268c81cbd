import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Arguments of {@link CredentialAccess}. */
export interface CredentialAccessArgs {
  /** The role that gets the grants (an instance role: the app tier's). */
  readonly role: pulumi.Input<string>;
  /** The region whose secrets, key and proxy are granted: every grant is scoped to it. */
  readonly region: string;
  /** The data stores' secrets in this region (the primary's, or its replicas in a secondary). */
  readonly secretArns: readonly pulumi.Input<string>[];
  /** The key that encrypts those secrets: decrypt only through Secrets Manager in this region. */
  readonly secretKmsKeyArn: pulumi.Input<string>;
  /**
   * The RDS Proxy that requires IAM authentication, and the database user its secret names:
   * `rds-db:connect` on that user through this proxy. @default none: no proxy, no grant
   */
  readonly proxy?: { readonly arn: pulumi.Input<string>; readonly dbUser: string };
}

/**
 * The `rds-db:connect` resource of a database user through an RDS Proxy:
 * `arn:aws:rds-db:<region>:<account>:dbuser:<proxy resource ID>/<db user>`, where the proxy's
 * resource ID (`prx-...`) is the last part of its ARN (`arn:aws:rds:<region>:<account>:db-proxy:prx-...`).
 * RDS Proxy, "Connecting to a database using IAM authentication": the policy names the proxy's
 * resource ID, not the cluster's.
 */
export function proxyDbUserArn(proxyArn: string, dbUser: string): string {
  const [arn, partition, service, region, account, kind, resourceId] = proxyArn.split(":");
  if (arn !== "arn" || service !== "rds" || kind !== "db-proxy" || !resourceId?.startsWith("prx-")) {
    throw new Error(
      `proxyDbUserArn: "${proxyArn}" is not an RDS Proxy ARN (arn:aws:rds:<region>:<account>:db-proxy:prx-...)`,
    );
  }
  return `arn:${partition}:rds-db:${region}:${account}:dbuser:${resourceId}/${dbUser}`;
}

/**
 * What an application role needs to reach the data tier of its region, and nothing else:
 * `secretsmanager:GetSecretValue` on the Aurora and cache secrets, `kms:Decrypt` on their key
 * through Secrets Manager only (`kms:ViaService`), and `rds-db:connect` through the proxy when
 * the proxy requires IAM authentication. One inline policy on the role.
 */
export class CredentialAccess extends pulumi.ComponentResource {
  constructor(name: string, args: CredentialAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:CredentialAccess", name, {}, opts);
    const statements = pulumi
      .all([pulumi.all([...args.secretArns]), args.secretKmsKeyArn, args.proxy?.arn])
      .apply(([secretArns, keyArn, proxyArn]) => [
        {
          Sid: "ReadDataCredentials",
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue"],
          Resource: secretArns,
        },
        {
          Sid: "DecryptDataCredentials",
          Effect: "Allow",
          Action: ["kms:Decrypt"],
          Resource: keyArn,
          Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${args.region}.amazonaws.com` } },
        },
        ...(args.proxy && proxyArn
          ? [
              {
                Sid: "ConnectThroughProxy",
                Effect: "Allow",
                Action: ["rds-db:connect"],
                Resource: proxyDbUserArn(proxyArn, args.proxy.dbUser),
              },
            ]
          : []),
      ]);
    new aws.iam.RolePolicy(
      name,
      {
        role: args.role,
        policy: statements.apply((Statement) => JSON.stringify({ Version: "2012-10-17", Statement })),
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
