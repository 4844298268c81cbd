import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DATA_STORE, PORT } from "../../src/conventions";
import { tagsFor, type Tags } from "../lib/tags";
import { dataSecurityGroup, type DataAccess } from "./data-security-group";
import { finalSnapshotIdentifier } from "./final-snapshot";

/** The primary member: it defines every setting the global datastore's members inherit. */
export interface CachePrimary {
  readonly kind: "primary";
  readonly engine: "valkey" | "redis";
  readonly engineVersion: string;
  /** A node type global datastores accept (M5, M6g, M7g, R5, R6g, R6gd, R7g, C7gn; large or above). */
  readonly nodeType: string;
  /** Customer-managed key in this region. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The AUTH token (requires in-transit encryption, which the primary enables). */
  readonly authToken: pulumi.Input<string>;
}

/**
 * A secondary member: joins the global datastore and sets none of the inherited settings, but
 * names its own region's key. Encryption at rest is inherited; the key is not: without one the
 * member falls back to the AWS-managed key, and a key cannot be added without replacing the group.
 * (terraform-provider-aws `replication_group.go`: `global_replication_group_id` conflicts with
 * `at_rest_encryption_enabled`, not with `kms_key_id`, which CreateReplicationGroup receives;
 * terraform-aws-modules/elasticache passes `kms_key_id` to its global secondaries.)
 */
export interface CacheSecondary {
  readonly kind: "secondary";
  readonly globalReplicationGroupId: pulumi.Input<string>;
  /** Customer-managed key in this member's region. */
  readonly kmsKeyArn: pulumi.Input<string>;
}

/**
 * What a primary member ignores once it belongs to the global datastore: engine, version and node
 * type change on the GlobalReplicationGroup, and ElastiCache rejects ModifyReplicationGroup on a
 * member ("Cluster [...] is part of a global cluster [...]. Request rejected.":
 * terraform-provider-aws #22528, #27875).
 */
export const GLOBAL_CACHE_PRIMARY_IGNORE_CHANGES = ["engine", "engineVersion", "nodeType"];

/** Arguments of {@link CacheReplicationGroup}. */
export interface CacheReplicationGroupArgs {
  /** The member's region: every resource of it lives there. */
  readonly region: string;
  readonly vpcId: pulumi.Input<string>;
  /** Isolated subnets, in at least two zones. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  readonly access: DataAccess;
  readonly member: CachePrimary | CacheSecondary;
  /** Replicas beside the node that takes writes (Multi-AZ failover needs at least 1). */
  readonly replicas: number;
  readonly snapshotRetentionDays: number;
  /** Protect the replication group from deletion by Pulumi. @default true */
  readonly protect?: boolean;
  readonly tags?: Tags;
}

/**
 * One regional member of an ElastiCache global datastore (cluster mode disabled): Multi-AZ with
 * automatic failover, snapshots, isolated subnets, a security group open only to the callers.
 * The primary sets the engine, version, node type, encryption at rest (customer-managed key) and
 * in transit, and the AUTH token, and ignores later changes to engine, version and node type (the
 * global datastore owns them); a secondary sets none of them (AWS rejects them) but its own key.
 * No member sets `autoMinorVersionUpgrade`: ElastiCache turns it off when a group joins a global
 * datastore, and a member that sends it again is rejected (terraform-provider-aws #24919).
 */
export class CacheReplicationGroup extends pulumi.ComponentResource {
  readonly group: aws.elasticache.ReplicationGroup;
  readonly securityGroupId: pulumi.Output<string>;
  readonly primaryEndpoint: pulumi.Output<string>;
  readonly readerEndpoint: pulumi.Output<string>;
  readonly port = PORT.redis;

  constructor(name: string, args: CacheReplicationGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:data:CacheReplicationGroup", name, {}, opts);
    const child = { parent: this };
    const region = args.region;
    const sg = dataSecurityGroup(
      name,
      {
        region,
        vpcId: args.vpcId,
        port: PORT.redis,
        store: DATA_STORE.cache,
        access: args.access,
        tags: args.tags,
      },
      this,
    );
    this.securityGroupId = sg.id;
    const subnets = new aws.elasticache.SubnetGroup(
      name,
      { region, subnetIds: [...args.subnetIds], tags: tagsFor(args.tags, name) },
      child,
    );
    const m = args.member;
    const inherited =
      m.kind === "primary"
        ? {
            engine: m.engine,
            engineVersion: m.engineVersion,
            nodeType: m.nodeType,
            atRestEncryptionEnabled: true,
            kmsKeyId: m.kmsKeyArn,
            transitEncryptionEnabled: true,
            authToken: m.authToken,
          }
        : { globalReplicationGroupId: m.globalReplicationGroupId, kmsKeyId: m.kmsKeyArn };
    this.group = new aws.elasticache.ReplicationGroup(
      name,
      {
        region,
        description: `${name}: ${m.kind} member of the platform's global datastore`,
        ...inherited,
        numCacheClusters: 1 + args.replicas,
        // Set on every member, secondaries included: they are the member's own, not inherited from
        // the global datastore, and the provider defaults both to false, so a secondary that left
        // them out would be planned without failover. terraform-provider-aws's acceptance test
        // TestAccElastiCacheReplicationGroup_GlobalReplicationGroupID_full creates a secondary with
        // `automatic_failover_enabled = true` and `multi_az_enabled = true` and verifies an import
        // with no diff (replication_group_test.go).
        automaticFailoverEnabled: true,
        multiAzEnabled: true,
        port: PORT.redis,
        subnetGroupName: subnets.name,
        securityGroupIds: [sg.id],
        snapshotRetentionLimit: args.snapshotRetentionDays,
        snapshotWindow: "04:00-05:00",
        finalSnapshotIdentifier: finalSnapshotIdentifier(
          name,
          {
            kmsKeyId: m.kmsKeyArn,
            subnetGroup: subnets.name,
            ...(m.kind === "secondary" ? { globalReplicationGroupId: m.globalReplicationGroupId } : {}),
          },
          this,
        ),
        tags: tagsFor(args.tags, name),
      },
      {
        ...child,
        protect: args.protect ?? true,
        ignoreChanges:
          m.kind === "secondary" ? ["globalReplicationGroupId"] : GLOBAL_CACHE_PRIMARY_IGNORE_CHANGES,
      },
    );
    this.primaryEndpoint = this.group.primaryEndpointAddress;
    this.readerEndpoint = this.group.readerEndpointAddress;
    this.registerOutputs({ primaryEndpoint: this.primaryEndpoint });
  }
}
