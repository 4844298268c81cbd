/**
 * Conventions shared by the components that set them and the policies that read them: the
 * platform's own tag keys and values, and the ports of the data stores. One module, so that a
 * component and the policy that judges it can never spell a key differently.
 */

/** Tag keys the platform sets on its resources (AWS reserves the `aws:` prefix; ours is `platform:`). */
export const TAG = {
  /** Subnet tier of a subnet: one of {@link SUBNET_TIERS}. Read by the network policies. */
  subnetTier: "platform:tier",
  /** The request-path tier a load balancer, group or instance belongs to, e.g. "web". */
  tierName: "platform:tier-name",
  /** "true" when a tier keeps no state on its instances (Spot is then allowed). */
  stateless: "platform:stateless",
  /** How a load balancer is reached: one of {@link EXPOSURE}. */
  exposure: "platform:exposure",
  /** The data store a security group or rule guards: one of {@link DATA_STORE}. */
  dataStore: "platform:data-store",
  /** The sides of a VPC peering, on the connection and its acceptance. */
  requesterRegion: "platform:requester-region",
  requesterCidr: "platform:requester-cidr",
  accepterRegion: "platform:accepter-region",
  accepterCidr: "platform:accepter-cidr",
  /**
   * On the web tier's instances: the app tier's URL (`https://app-<region>.<domain>`), read at boot
   * from instance metadata tags (stacks/userdata/web.sh). Instance metadata tag keys allow only
   * letters, digits and `+-=.,_:@`.
   */
  appUrl: "platform:app-url",
  /**
   * On an EventBridge bus: what it carries ("orders" for the order bus). Read by
   * events-bus-archive: a bus that carries orders has an archive.
   */
  carries: "platform:carries",
  /**
   * On an Aurora reader Auto Scaling target: the writer region the stack was applied with
   * (`platform:failover.writerRegion`). Read by preflight-aurora-autoscaling-secondary: a target
   * belongs only to the cluster in that region.
   */
  writerRegion: "platform:writer-region",
} as const;

/** Values of {@link TAG.subnetTier}. */
export const SUBNET_TIERS = ["public", "private", "isolated"] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/** Values of {@link TAG.exposure}. */
export const EXPOSURE = {
  /** Reached only from inside the VPC (an internal load balancer). */
  internal: "internal",
  /** Internet-facing, but admitting only CloudFront's origin-facing servers. */
  cloudfrontOrigin: "cloudfront-origin",
} as const;

/** Values of {@link TAG.dataStore}: the engine family of each data store. */
export const DATA_STORE = {
  aurora: "aurora-postgresql",
  cache: "elasticache",
} as const;
export type DataStoreName = (typeof DATA_STORE)[keyof typeof DATA_STORE];

/** Ports the platform's components agree on. */
export const PORT = {
  https: 443,
  http: 80,
  /** Aurora PostgreSQL (and its RDS Proxy). */
  postgres: 5432,
  /** ElastiCache (Valkey/Redis OSS). */
  redis: 6379,
} as const;

/** The port of each data store, by its {@link DATA_STORE} name. */
export const DATA_STORE_PORT: Readonly<Record<DataStoreName, number>> = {
  [DATA_STORE.aurora]: PORT.postgres,
  [DATA_STORE.cache]: PORT.redis,
};

/**
 * The dynamic resource of a secret replica (components/security/secret-replica.ts), registered with
 * the Pulumi SDK's `module` and `type` arguments as `pulumi-nodejs:dynamic/<module>:<type>`
 * (pulumi/pulumi#11873): the policies that judge replicas find it by this type.
 */
export const SECRET_REPLICA = { module: "secretsmanager", type: "SecretReplica" } as const;
export const SECRET_REPLICA_TYPE = `pulumi-nodejs:dynamic/${SECRET_REPLICA.module}:${SECRET_REPLICA.type}`;

/**
 * The dynamic resource that places the writer of the global stores
 * (components/data/writer-placement.ts), typed like {@link SECRET_REPLICA}.
 */
export const WRITER_PLACEMENT = { module: "failover", type: "WriterPlacement" } as const;
export const WRITER_PLACEMENT_TYPE = `pulumi-nodejs:dynamic/${WRITER_PLACEMENT.module}:${WRITER_PLACEMENT.type}`;
