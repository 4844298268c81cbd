import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AURORA_LOG_RETENTION_DAYS } from "../../src/config/defaults";
import { DATA_STORE, PORT } from "../../src/conventions";
import { tagsFor, type Tags } from "../lib/tags";
import { dataSecurityGroup, type DataAccess } from "./data-security-group";
import { finalSnapshotIdentifier } from "./final-snapshot";

/** The ignoreChanges every global member needs (the provider does not read the first back; applying its diff detaches the cluster). */
export const GLOBAL_MEMBER_IGNORE_CHANGES = [
  "globalClusterIdentifier",
  "replicationSourceIdentifier",
  "engineVersion",
];

/**
 * The fewest instances of a cluster behind an RDS Proxy: one that is (or becomes, after a
 * switchover) the writer, and a reader for the proxy's READ_ONLY endpoint, which fails every request
 * on a cluster without one (RDS Proxy guide, "Using reader endpoints with Aurora clusters": "RDS
 * Proxy requires that the Aurora cluster has one or more reader DB instances").
 */
export const PROXY_MIN_INSTANCES = 2;

/** Arguments of {@link AuroraCluster}. */
export interface AuroraClusterArgs {
  /** The member's region: every resource of it lives there. */
  readonly region: string;
  readonly vpcId: pulumi.Input<string>;
  /** Isolated subnets, in at least two zones. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  readonly access: DataAccess;
  /** Customer-managed key in the cluster's own region: storage, snapshots, Performance Insights. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The global cluster to join. */
  readonly globalClusterIdentifier: pulumi.Input<string>;
  /** Aurora PostgreSQL version, e.g. "16.4". */
  readonly engineVersion: string;
  /** Memory-optimized class of every instance, e.g. "db.r7g.large". */
  readonly instanceClass: string;
  /**
   * Reader instances (a primary member also gets one writer). With `proxy`, the member must have at
   * least {@link PROXY_MIN_INSTANCES} instances in all.
   */
  readonly readers: number;
  readonly backupRetentionDays: number;
  /** Customer-managed key (in the cluster's region) of the cluster's exported PostgreSQL log group. */
  readonly logKmsKeyArn: pulumi.Input<string>;
  /** Days the exported PostgreSQL logs are kept. @default AURORA_LOG_RETENTION_DAYS (365) */
  readonly logRetentionDays?: number;
  /**
   * Master credentials: only for the primary member. A secondary member must set none (AWS:
   * "Cannot specify password for cross region replication cluster"). @default none: secondary
   */
  readonly master?: {
    readonly username: string;
    readonly password: pulumi.Input<string>;
    /**
     * The database, the same as the GlobalCluster's: only the primary's cluster names it (a
     * secondary replicates it and CreateDBCluster refuses one there: pulumi/pulumi-aws#3751).
     */
    readonly databaseName: string;
  };
  /**
   * An RDS Proxy (IAM auth and TLS required) using this secret, in the cluster's region, to reach
   * the cluster. @default none
   */
  readonly proxy?: {
    readonly secretArn: pulumi.Input<string>;
    /** The key that encrypts the secret (the proxy may decrypt with it through Secrets Manager only). */
    readonly secretKmsKeyArn: pulumi.Input<string>;
  };
  /** The account of the cluster: the proxy role trusts RDS only on behalf of this account. */
  readonly accountId: string;
  /** Protect the cluster from deletion by Pulumi. @default true */
  readonly protect?: boolean;
  readonly tags?: Tags;
}

/**
 * One regional member of an Aurora PostgreSQL global database: security group, subnet group, a
 * parameter group that forces SSL, the cluster (encrypted with its own region's key, IAM
 * authentication, logs to CloudWatch, backups, deletion protection, final snapshot, tags copied
 * to snapshots), its instances with encrypted Performance Insights and an optional RDS Proxy. The
 * reader Auto Scaling of the writer's cluster is a component of its own (`ReaderAutoscaling`
 * in reader-autoscaling.ts), built after the `WriterPlacement` in the stack that owns it.
 */
export class AuroraCluster extends pulumi.ComponentResource {
  readonly cluster: aws.rds.Cluster;
  readonly instances: aws.rds.ClusterInstance[];
  readonly securityGroupId: pulumi.Output<string>;
  readonly readerEndpoint: pulumi.Output<string>;
  readonly clusterIdentifier: pulumi.Output<string>;
  /** The proxy's ARN (`arn:aws:rds:<region>:<account>:db-proxy:prx-<id>`), when there is one. */
  readonly proxyArn?: pulumi.Output<string>;
  /** The proxy's name (CloudWatch's `ProxyName` dimension), when there is one. */
  readonly proxyName?: pulumi.Output<string>;
  /** The proxy's default (read/write) endpoint: it fails every request on a secondary cluster. */
  readonly proxyEndpoint?: pulumi.Output<string>;
  /** The proxy's READ_ONLY endpoint, which works whether the cluster is the writer's or a secondary. */
  readonly proxyReaderEndpoint?: pulumi.Output<string>;
  readonly proxySecurityGroupId?: pulumi.Output<string>;

  constructor(name: string, args: AuroraClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:AuroraCluster", name, {}, opts);
    const child = { parent: this };
    const region = args.region;
    const protect = args.protect ?? true;
    const tags = (n: string) => tagsFor(args.tags, n);
    const major = args.engineVersion.split(".")[0];

    const sg = dataSecurityGroup(
      name,
      {
        region,
        vpcId: args.vpcId,
        port: PORT.postgres,
        store: DATA_STORE.aurora,
        access: args.access,
        tags: args.tags,
      },
      this,
    );
    this.securityGroupId = sg.id;
    const subnets = new aws.rds.SubnetGroup(
      name,
      { region, subnetIds: [...args.subnetIds], tags: tags(name) },
      child,
    );
    const params = new aws.rds.ClusterParameterGroup(
      name,
      {
        region,
        family: `aurora-postgresql${major}`,
        description: `${name}: TLS only, slow statements logged`,
        parameters: [
          { name: "rds.force_ssl", value: "1" },
          { name: "log_min_duration_statement", value: "1000" },
        ],
        tags: tags(name),
      },
      child,
    );

    // The cluster's identifier is its component's name, known before the cluster exists, so that
    // the log group Aurora exports to (`/aws/rds/cluster/<cluster-identifier>/postgresql`) is
    // created first, with retention and the logs key; Aurora would otherwise create it itself,
    // unencrypted and kept forever (terraform-aws-modules/rds-aurora creates it the same way).
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-postgresql`,
      {
        region,
        name: `/aws/rds/cluster/${name}/postgresql`,
        kmsKeyId: args.logKmsKeyArn,
        retentionInDays: args.logRetentionDays ?? AURORA_LOG_RETENTION_DAYS,
        tags: tags(`${name}-postgresql`),
      },
      child,
    );
    this.cluster = new aws.rds.Cluster(
      name,
      {
        region,
        clusterIdentifier: name,
        engine: "aurora-postgresql",
        engineVersion: args.engineVersion,
        globalClusterIdentifier: args.globalClusterIdentifier,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [sg.id],
        dbClusterParameterGroupName: params.name,
        storageEncrypted: true,
        kmsKeyId: args.kmsKeyArn,
        iamDatabaseAuthenticationEnabled: true,
        backupRetentionPeriod: args.backupRetentionDays,
        preferredBackupWindow: "03:00-04:00",
        copyTagsToSnapshot: true,
        deletionProtection: true,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: finalSnapshotIdentifier(
          name,
          { clusterIdentifier: name, kmsKeyId: args.kmsKeyArn, subnetGroup: subnets.name },
          this,
        ),
        enabledCloudwatchLogsExports: ["postgresql"],
        ...(args.master
          ? {
              masterUsername: args.master.username,
              masterPassword: args.master.password,
              databaseName: args.master.databaseName,
            }
          : {}),
        tags: tags(name),
      },
      {
        ...child,
        protect,
        // The master password is rotated out of band (docs/architecture.md, "Rotating the Aurora
        // master password"): RDS never returns it, so only a change of the program's value would
        // show, and applying that would undo a rotation (terraform-aws-modules/terraform-aws-rds#234:
        // "set [a] password ... just to create an RDS instance and then rotate it ... outside").
        ignoreChanges: [...GLOBAL_MEMBER_IGNORE_CHANGES, ...(args.master ? ["masterPassword"] : [])],
        dependsOn: [logGroup],
        // No deleteBeforeReplace, and no unique suffix on the identifier: a replacement must never
        // delete the data first, and a new cluster cannot be created beside the old one anyway: "you
        // can't have two Aurora DB clusters in an Aurora global database in the same AWS Region"
        // (Aurora User Guide, "Configuration requirements of an Amazon Aurora global database").
        // So a replacement fails at its create step and leaves the cluster as it is (and `protect`
        // and deletion protection stop it before that); docs/architecture.md, "Replacing a member".
      },
    );
    this.clusterIdentifier = this.cluster.clusterIdentifier;
    this.readerEndpoint = this.cluster.readerEndpoint;

    const count = (args.master ? 1 : 0) + args.readers;
    if (args.proxy && count < PROXY_MIN_INSTANCES) {
      throw new Error(
        `AuroraCluster ${name}: ${count} instance behind an RDS Proxy: expected at least ${PROXY_MIN_INSTANCES}, ` +
          `because the proxy's READ_ONLY endpoint fails every request on a cluster without a reader, and a ` +
          `secondary's only instance becomes the writer after a switchover`,
      );
    }
    this.instances = Array.from({ length: count }, (_, i) => {
      const n = `${name}-${i + 1}`;
      return new aws.rds.ClusterInstance(
        n,
        {
          region,
          clusterIdentifier: this.cluster.id,
          engine: "aurora-postgresql",
          instanceClass: args.instanceClass,
          publiclyAccessible: false,
          performanceInsightsEnabled: true,
          performanceInsightsKmsKeyId: args.kmsKeyArn,
          performanceInsightsRetentionPeriod: 7,
          // Minor upgrades go through the GlobalCluster's engineVersion, secondaries first: "Automatic
          // minor version upgrade doesn't apply to ... clusters that are part of an Aurora global
          // database" (Aurora User Guide, "Automatic minor version upgrades"; "Upgrading an Amazon
          // Aurora global database": upgrade every secondary before the primary).
          autoMinorVersionUpgrade: false,
          promotionTier: i === 0 ? 0 : 1,
          tags: tags(n),
        },
        // The first instance (promotion tier 0: the writer of the writer's cluster, and the one
        // a secondary promotes) is protected: replacing or deleting it forces a failover.
        { ...child, protect: i === 0 ? protect : false, ignoreChanges: ["engineVersion"] },
      );
    });

    if (args.proxy) {
      const proxy = this.rdsProxy(name, args, args.proxy, sg.id);
      this.proxyArn = proxy.arn;
      this.proxyName = proxy.name;
      this.proxyEndpoint = proxy.endpoint;
      this.proxyReaderEndpoint = proxy.readerEndpoint;
      this.proxySecurityGroupId = proxy.securityGroupId;
    }
    this.registerOutputs({ clusterIdentifier: this.clusterIdentifier, readerEndpoint: this.readerEndpoint });
  }

  /**
   * The RDS Proxy in front of the cluster: its own security group (new groups get no egress from
   * the provider, and a proxy is a client of the cluster: RDS Proxy "Getting started", "the
   * security group must allow access to the database the proxy connects to"), a role that reads
   * only the proxy's secret, the default (read/write) endpoint and a READ_ONLY endpoint. On a
   * global database's secondary cluster the default endpoint fails every request ("The target
   * group doesn't have any associated read/write instances": Aurora User Guide, "Using RDS Proxy
   * with Aurora global databases"); the read-only endpoint works in either role.
   */
  private rdsProxy(
    name: string,
    args: AuroraClusterArgs,
    p: NonNullable<AuroraClusterArgs["proxy"]>,
    clusterSecurityGroupId: pulumi.Output<string>,
  ) {
    const child = { parent: this };
    const region = args.region;
    const tags = (n: string) => tagsFor(args.tags, n);
    const proxyName = `${name}-proxy`;
    const proxySg = new aws.ec2.SecurityGroup(
      proxyName,
      {
        region,
        vpcId: args.vpcId,
        description: `RDS Proxy of ${name}: port ${PORT.postgres} from the callers, to the cluster only`,
        tags: tags(proxyName),
      },
      child,
    );
    for (const caller of args.access.callers) {
      new aws.vpc.SecurityGroupIngressRule(
        `${proxyName}-from-${caller.name}`,
        {
          region,
          securityGroupId: proxySg.id,
          ipProtocol: "tcp",
          fromPort: PORT.postgres,
          toPort: PORT.postgres,
          referencedSecurityGroupId: caller.securityGroupId,
          description: "caller in this region",
          tags: tags(`${proxyName}-from-${caller.name}`),
        },
        child,
      );
    }
    new aws.vpc.SecurityGroupEgressRule(
      `${proxyName}-to-cluster`,
      {
        region,
        securityGroupId: proxySg.id,
        ipProtocol: "tcp",
        fromPort: PORT.postgres,
        toPort: PORT.postgres,
        referencedSecurityGroupId: clusterSecurityGroupId,
        description: "RDS Proxy to the cluster",
        tags: tags(`${proxyName}-to-cluster`),
      },
      child,
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-from-proxy`,
      {
        region,
        securityGroupId: clusterSecurityGroupId,
        ipProtocol: "tcp",
        fromPort: PORT.postgres,
        toPort: PORT.postgres,
        referencedSecurityGroupId: proxySg.id,
        description: "RDS Proxy to the cluster",
        tags: tags(`${name}-from-proxy`),
      },
      child,
    );

    // Confused-deputy conditions (Aurora User Guide, "Preventing cross-service confused deputy
    // problems"): RDS assumes the role only for a proxy of this account; aws:SourceArn is checked
    // where RDS sets it (IfExists: no source says RDS Proxy sets it when it assumes its role).
    const role = new aws.iam.Role(
      proxyName,
      {
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "rds.amazonaws.com" },
              Action: "sts:AssumeRole",
              Condition: {
                StringEquals: { "aws:SourceAccount": args.accountId },
                ArnLikeIfExists: { "aws:SourceArn": `arn:aws:rds:${region}:${args.accountId}:db-proxy:*` },
              },
            },
          ],
        }),
        tags: tags(proxyName),
      },
      child,
    );
    new aws.iam.RolePolicy(
      proxyName,
      {
        role: role.id,
        // kms:Decrypt only through Secrets Manager in this region (as terraform-aws-modules/rds-proxy).
        policy: pulumi.all([p.secretArn, p.secretKmsKeyArn]).apply(([secretArn, keyArn]) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              { Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: secretArn },
              {
                Effect: "Allow",
                Action: ["kms:Decrypt"],
                Resource: keyArn,
                Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
              },
            ],
          }),
        ),
      },
      child,
    );
    const proxy = new aws.rds.Proxy(
      name,
      {
        region,
        engineFamily: "POSTGRESQL",
        requireTls: true,
        roleArn: role.arn,
        vpcSubnetIds: [...args.subnetIds],
        vpcSecurityGroupIds: [proxySg.id],
        auths: [
          {
            authScheme: "SECRETS",
            iamAuth: "REQUIRED",
            secretArn: p.secretArn,
            clientPasswordAuthType: "POSTGRES_SCRAM_SHA_256",
          },
        ],
        tags: tags(name),
      },
      child,
    );
    const group = new aws.rds.ProxyDefaultTargetGroup(name, { region, dbProxyName: proxy.name }, child);
    const target = new aws.rds.ProxyTarget(
      name,
      {
        region,
        dbProxyName: proxy.name,
        targetGroupName: group.name,
        dbClusterIdentifier: this.cluster.clusterIdentifier,
      },
      child,
    );
    const readOnly = new aws.rds.ProxyEndpoint(
      `${name}-ro`,
      {
        region,
        dbProxyName: proxy.name,
        dbProxyEndpointName: `${name}-ro`,
        targetRole: "READ_ONLY",
        vpcSubnetIds: [...args.subnetIds],
        vpcSecurityGroupIds: [proxySg.id],
        tags: tags(`${name}-ro`),
      },
      { ...child, dependsOn: [target] },
    );
    return {
      arn: proxy.arn,
      name: proxy.name,
      endpoint: proxy.endpoint,
      readerEndpoint: readOnly.endpoint,
      securityGroupId: proxySg.id,
    };
  }
}
