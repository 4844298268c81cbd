/**
 * One pricing function per resource type: what a resource of that type costs at its floor, as
 * priced items (a snapshot key, a quantity, hourly or monthly). The estimator (estimate.ts) looks
 * the prices up; a type with no pricing function is listed as "not estimated". New resource types
 * (EKS, Karpenter, the event pipeline) need only a row here and, where they cost money, a
 * snapshot entry in prices.json.
 */
import type { PlanResource } from "../plan/types";
import type { PriceSnapshot } from "./snapshot";

/** One thing to price: `quantity` units of snapshot entry `priceKey`. */
export interface PricedItem {
  /** What is priced, for people: "m7i.xlarge on-demand (ASG floor)". */
  readonly item: string;
  /** The snapshot entry; absent for a zero line that needs no price (Karpenter's floor). */
  readonly priceKey?: string;
  readonly quantity: number;
  /** "hour": the unit price is per hour and runs all month; "month": per month. */
  readonly per: "hour" | "month";
  /** Multiplies the unit price (the Spot discount factor). @default 1 */
  readonly priceFactor?: number;
  /** Why the factor, e.g. the Spot assumption. */
  readonly factorNote?: string;
  readonly note?: string;
}

/** Something about a resource that the estimate leaves out, and why. */
export interface Omission {
  readonly reason: string;
}

export type PricerResult = readonly (PricedItem | Omission)[];

export interface PricingContext {
  readonly snapshot: PriceSnapshot;
  /** Resources of the plan by their mocked physical ID (launch templates, global groups). */
  readonly byId: ReadonlyMap<string, PlanResource>;
  /** Every resource of the plan and of the other plans given (peers), for inherited settings. */
  readonly all: readonly PlanResource[];
}

export type Pricer = (r: PlanResource, ctx: PricingContext) => PricerResult;

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The instance type an Auto Scaling group launches first: its first override, else its launch template's. */
function firstInstanceType(group: PlanResource, ctx: PricingContext): string | undefined {
  const mip = obj(group.inputs.mixedInstancesPolicy);
  const lt = obj(mip.launchTemplate);
  const override = str(obj(arr(lt.overrides)[0]).instanceType);
  if (override) return override;
  const spec = { ...obj(lt.launchTemplateSpecification), ...obj(group.inputs.launchTemplate) };
  const id = str(spec.launchTemplateId) ?? str(spec.id);
  const template = id ? ctx.byId.get(id) : undefined;
  return str(template?.inputs.instanceType);
}

/**
 * An Auto Scaling group at its floor (minSize). With a mixed-instances policy the on-demand base
 * and the on-demand percentage above it are priced on demand and the rest at the snapshot's Spot
 * factor (AWS: "OnDemandBaseCapacity ... OnDemandPercentageAboveBaseCapacity", InstancesDistribution
 * in the EC2 Auto Scaling API reference). Capacity is priced as if every instance were the first
 * instance type (the prioritized on-demand strategy launches it first).
 */
const autoScalingGroup: Pricer = (r, ctx) => {
  const floor = num(r.inputs.minSize) ?? 0;
  const type = firstInstanceType(r, ctx);
  if (!type) return [{ reason: "no instance type found (no override and no launch template in the plan)" }];
  const key = `ec2.instance.${type}`;
  const dist = obj(obj(r.inputs.mixedInstancesPolicy).instancesDistribution);
  const hasMixed = r.inputs.mixedInstancesPolicy !== undefined;
  const base = Math.min(floor, hasMixed ? (num(dist.onDemandBaseCapacity) ?? 0) : floor);
  const above = floor - base;
  const pct = hasMixed ? (num(dist.onDemandPercentageAboveBaseCapacity) ?? 100) : 100;
  const onDemand = base + (above * pct) / 100;
  const spot = floor - onDemand;
  const items: PricedItem[] = [
    {
      item: `${type} on-demand (floor ${floor}: base ${base}, ${pct}% above base)`,
      priceKey: key,
      quantity: onDemand,
      per: "hour",
    },
  ];
  if (spot > 0) {
    const factor = ctx.snapshot.assumptions.spotPriceFactor.value;
    items.push({
      item: `${type} Spot (${100 - pct}% above base)`,
      priceKey: key,
      quantity: spot,
      per: "hour",
      priceFactor: factor,
      factorNote: `Spot at ${factor} x on-demand (snapshot assumption spotPriceFactor)`,
    });
  }
  return items;
};

/** An EKS managed node group at its desired size (the system nodes Karpenter does not manage). */
const nodeGroup: Pricer = (r, ctx) => {
  const scaling = obj(r.inputs.scalingConfig);
  const count = num(scaling.desiredSize) ?? num(scaling.minSize) ?? 0;
  const type = str(arr(r.inputs.instanceTypes)[0]) ?? "t3.medium"; // EKS CreateNodegroup default: t3.medium
  const spot = r.inputs.capacityType === "SPOT";
  const factor = ctx.snapshot.assumptions.spotPriceFactor.value;
  return [
    {
      item: `${type} ${spot ? "Spot" : "on-demand"} (node group desired size ${count})`,
      priceKey: `ec2.instance.${type}`,
      quantity: count,
      per: "hour",
      ...(spot
        ? {
            priceFactor: factor,
            factorNote: `Spot at ${factor} x on-demand (snapshot assumption spotPriceFactor)`,
          }
        : {}),
    },
  ];
};

/** Karpenter NodePools scale from zero: their floor costs nothing (their limits bound the ceiling). */
const karpenterNodePool: Pricer = () => [
  { item: "Karpenter NodePool at its floor (0 nodes; Karpenter scales from 0)", quantity: 0, per: "hour" },
];

const loadBalancer: Pricer = (r, ctx) => {
  const kind = str(r.inputs.loadBalancerType) ?? "application";
  if (kind !== "application") return [{ reason: `${kind} load balancers have no snapshot entry` }];
  const lcu = ctx.snapshot.assumptions.albBaselineLcu.value;
  return [
    { item: "ALB hours", priceKey: "elb.application.hour", quantity: 1, per: "hour" },
    {
      item: `ALB baseline ${lcu} LCU (snapshot assumption albBaselineLcu)`,
      priceKey: "elb.application.lcu",
      quantity: lcu,
      per: "hour",
    },
  ];
};

const natGateway: Pricer = () => [
  { item: "NAT gateway hours", priceKey: "ec2.natGateway.hour", quantity: 1, per: "hour" },
  { reason: "NAT gateway data processing (per GB) depends on traffic: not estimated" },
];

const auroraEngine = (r: PlanResource) => str(r.inputs.engine) ?? "aurora-postgresql";

const clusterInstance: Pricer = (r) => {
  const cls = str(r.inputs.instanceClass);
  if (!cls) return [{ reason: "no instanceClass" }];
  return [{ item: `${cls} instance`, priceKey: `rds.${auroraEngine(r)}.${cls}`, quantity: 1, per: "hour" }];
};

const rdsCluster: Pricer = (r, ctx) => {
  const engine = auroraEngine(r);
  if (!engine.startsWith("aurora")) return [{ reason: `engine ${engine}: storage is priced on instances` }];
  const gb = ctx.snapshot.assumptions.auroraStorageGb.value;
  return [
    {
      item: `Aurora storage baseline ${gb} GB (snapshot assumption auroraStorageGb)`,
      priceKey: `rds.${engine}.storage`,
      quantity: gb,
      per: "month",
    },
    {
      reason: "Aurora I/O, backup storage and global database replicated writes depend on use: not estimated",
    },
  ];
};

/**
 * The node type and engine of a replication group, or, for a secondary member of a global
 * datastore (which must not set them: they are inherited), those of the datastore's primary
 * member in another plan. A global datastore's ID is "<AWS prefix>-<GlobalReplicationGroupIdSuffix>"
 * (ElastiCache API reference, CreateGlobalReplicationGroup).
 */
function cacheSettings(r: PlanResource, ctx: PricingContext): { nodeType?: string; engine?: string } {
  const own = { nodeType: str(r.inputs.nodeType), engine: str(r.inputs.engine) };
  if (own.nodeType) return own;
  const globalId = str(r.inputs.globalReplicationGroupId);
  if (!globalId) return own;
  const global = ctx.all.find(
    (g) =>
      g.type === "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup" &&
      (g.id === globalId || globalId.endsWith(`-${str(g.inputs.globalReplicationGroupIdSuffix) ?? "\0"}`)),
  );
  const primaryId = str(global?.inputs.primaryReplicationGroupId);
  const primary = ctx.all.find((p) => p.type === r.type && primaryId !== undefined && p.id === primaryId);
  return {
    nodeType: str(global?.inputs.cacheNodeType) ?? str(primary?.inputs.nodeType),
    engine: own.engine ?? str(global?.inputs.engine) ?? str(primary?.inputs.engine),
  };
}

const replicationGroup: Pricer = (r, ctx) => {
  const { nodeType, engine = "redis" } = cacheSettings(r, ctx);
  if (!nodeType) {
    return [{ reason: "node type inherited from a global datastore that is in none of the plans given" }];
  }
  const shards = num(r.inputs.numNodeGroups);
  const nodes =
    num(r.inputs.numCacheClusters) ?? (shards ? shards * ((num(r.inputs.replicasPerNodeGroup) ?? 0) + 1) : 1);
  return [
    {
      item: `${nodes} x ${nodeType} (${engine})`,
      priceKey: `elasticache.${engine}.${nodeType}`,
      quantity: nodes,
      per: "hour",
    },
  ];
};

const cacheCluster: Pricer = (r) => {
  const nodeType = str(r.inputs.nodeType);
  if (!nodeType) return [{ reason: "no nodeType (a member of a replication group, priced there)" }];
  const engine = str(r.inputs.engine) ?? "redis";
  const nodes = num(r.inputs.numCacheNodes) ?? 1;
  return [
    {
      item: `${nodes} x ${nodeType} (${engine})`,
      priceKey: `elasticache.${engine}.${nodeType}`,
      quantity: nodes,
      per: "hour",
    },
  ];
};

/**
 * The EKS control plane: the extended-support price when the cluster may run in extended support
 * (upgradePolicy.supportType EXTENDED, the API's default) on a version the snapshot lists as past
 * standard support; else the standard price (AWS EKS pricing: $0.10 standard, $0.60 extended).
 */
const eksCluster: Pricer = (r, ctx) => {
  const supportType = str(obj(r.inputs.upgradePolicy).supportType) ?? "EXTENDED";
  const version = str(r.inputs.version) ?? "";
  const extendedVersions = (ctx.snapshot.assumptions.eksExtendedSupportVersions?.value ?? []) as string[];
  const extended = supportType === "EXTENDED" && extendedVersions.includes(version);
  return [
    {
      item: `EKS control plane, Kubernetes ${version || "(default version)"}, ${extended ? "extended" : "standard"} support`,
      priceKey: extended ? "eks.cluster.extended" : "eks.cluster.standard",
      quantity: 1,
      per: "hour",
    },
  ];
};

const vpcEndpoint: Pricer = (r) => {
  const kind = str(r.inputs.vpcEndpointType) ?? "Gateway";
  if (kind === "Gateway") return [];
  if (kind !== "Interface") return [{ reason: `${kind} endpoints have no snapshot entry` }];
  const azs = arr(r.inputs.subnetIds).length;
  return [
    {
      item: `interface endpoint in ${azs} AZ${azs === 1 ? "" : "s"}`,
      priceKey: "vpc.interfaceEndpoint.azHour",
      quantity: azs,
      per: "hour",
    },
    { reason: "interface endpoint data processing (per GB) depends on traffic: not estimated" },
  ];
};

/** Managed rule groups with a subscription fee of their own on top of the rule price. */
const PAID_RULE_GROUPS = [
  "AWSManagedRulesBotControlRuleSet",
  "AWSManagedRulesATPRuleSet",
  "AWSManagedRulesACFPRuleSet",
  "AWSManagedRulesAntiDDoSRuleSet",
];

const webAcl: Pricer = (r) => {
  const rules = arr(r.inputs.rules).map(obj);
  const managed = rules.filter((x) => obj(x.statement).managedRuleGroupStatement !== undefined);
  const paid = managed
    .map((x) => str(obj(obj(x.statement).managedRuleGroupStatement).name) ?? "")
    .filter((n) => PAID_RULE_GROUPS.includes(n));
  return [
    { item: "web ACL", priceKey: "waf.webAcl.month", quantity: 1, per: "month" },
    {
      item: `${rules.length} rules (${managed.length} managed rule groups, each billed as a rule)`,
      priceKey: "waf.rule.month",
      quantity: rules.length,
      per: "month",
    },
    { reason: "WAF requests ($ per million inspected) depend on traffic: not estimated" },
    ...paid.map((n) => ({ reason: `subscription fee of managed rule group ${n}: not in the snapshot` })),
  ];
};

/**
 * A Route 53 health check: the basic check of an AWS endpoint (the platform checks its own ALB
 * origins) plus one charge per optional feature: HTTPS, string matching, the fast (10 s) interval
 * and latency measurement (Route 53 pricing, "Health checks").
 */
const healthCheck: Pricer = (r) => {
  const type = str(r.inputs.type) ?? "HTTP";
  const options = [
    type.startsWith("HTTPS") ? "HTTPS" : undefined,
    type.endsWith("_STR_MATCH") ? "string matching" : undefined,
    num(r.inputs.requestInterval) === 10 ? "fast interval" : undefined,
    r.inputs.measureLatency === true ? "latency measurement" : undefined,
  ].filter((o): o is string => o !== undefined);
  return [
    {
      item: `${type} health check, AWS endpoint`,
      priceKey: "route53.healthCheck.awsEndpoint.month",
      quantity: 1,
      per: "month",
      note: "priced as an AWS endpoint; a non-AWS endpoint costs more",
    },
    ...(options.length > 0
      ? [
          {
            item: `optional features: ${options.join(", ")}`,
            priceKey: "route53.healthCheck.option.month",
            quantity: options.length,
            per: "month" as const,
          },
        ]
      : []),
  ];
};

const kmsKey: Pricer = (r) => [
  {
    item: "customer managed key",
    priceKey: "kms.key.month",
    quantity: 1,
    per: "month",
    ...(r.inputs.enableKeyRotation === true
      ? { note: "rotation adds $1/month per rotation for the first two rotations: not estimated" }
      : {}),
  },
  { reason: "KMS requests beyond the free tier depend on use: not estimated" },
];

const secret: Pricer = () => [
  { item: "secret", priceKey: "secretsmanager.secret.month", quantity: 1, per: "month" },
  { reason: "Secrets Manager API calls depend on use: not estimated" },
];

const logGroup: Pricer = (r) => [
  {
    reason: `log ingestion and storage depend on volume: not priced (retention ${
      num(r.inputs.retentionInDays) !== undefined ? `${num(r.inputs.retentionInDays)} days` : "never expires"
    })`,
  },
];

const usageOnly =
  (what: string): Pricer =>
  () => [{ reason: `${what}: usage-based, no fixed monthly charge estimated` }];

/** Pricing functions by resource type token. */
export const PRICERS: Readonly<Record<string, Pricer>> = {
  "aws:autoscaling/group:Group": autoScalingGroup,
  "aws:eks/nodeGroup:NodeGroup": nodeGroup,
  "kubernetes:karpenter.sh/v1:NodePool": karpenterNodePool,
  "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:alb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:ec2/natGateway:NatGateway": natGateway,
  "aws:ec2/eip:Eip": () => [
    { item: "public IPv4 address", priceKey: "vpc.publicIpv4.hour", quantity: 1, per: "hour" },
  ],
  "aws:rds/clusterInstance:ClusterInstance": clusterInstance,
  "aws:rds/cluster:Cluster": rdsCluster,
  "aws:elasticache/replicationGroup:ReplicationGroup": replicationGroup,
  "aws:elasticache/cluster:Cluster": cacheCluster,
  "aws:eks/cluster:Cluster": eksCluster,
  "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
  "aws:wafv2/webAcl:WebAcl": webAcl,
  "aws:route53/healthCheck:HealthCheck": healthCheck,
  "aws:kms/key:Key": kmsKey,
  "aws:kms/replicaKey:ReplicaKey": kmsKey,
  "aws:secretsmanager/secret:Secret": secret,
  "aws:cloudwatch/logGroup:LogGroup": logGroup,
  "aws:cloudfront/distribution:Distribution": usageOnly(
    "CloudFront (pay-as-you-go: requests and data transfer out)",
  ),
  "aws:s3/bucket:Bucket": usageOnly("S3 (storage, requests)"),
  "aws:s3/bucketV2:BucketV2": usageOnly("S3 (storage, requests)"),
  "aws:ec2/flowLog:FlowLog": usageOnly("VPC flow logs (delivered log volume)"),
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": usageOnly("VPC peering (cross-region data transfer)"),
  "aws:route53/record:Record": usageOnly("Route 53 records (DNS queries)"),
  "aws:rds/globalCluster:GlobalCluster": usageOnly("Aurora global database (replicated write I/O)"),
};

/**
 * Resource types that cost nothing by themselves (their charges, if any, are on the resources
 * priced above): not listed as "not estimated".
 */
export const NO_CHARGE_TYPES: ReadonlySet<string> = new Set([
  "aws:ec2/vpc:Vpc",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:ec2/route:Route",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:ec2/networkAcl:NetworkAcl",
  "aws:ec2/networkAclRule:NetworkAclRule",
  "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
  "aws:ec2/peeringConnectionOptions:PeeringConnectionOptions",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:iam/role:Role",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/instanceProfile:InstanceProfile",
  "aws:iam/policy:Policy",
  "aws:autoscaling/policy:Policy",
  "aws:autoscaling/schedule:Schedule",
  "aws:appautoscaling/policy:Policy",
  "aws:appautoscaling/target:Target",
  "aws:lb/listener:Listener",
  "aws:lb/listenerRule:ListenerRule",
  "aws:lb/targetGroup:TargetGroup",
  "aws:acm/certificate:Certificate",
  "aws:acm/certificateValidation:CertificateValidation",
  "aws:kms/alias:Alias",
  "aws:secretsmanager/secretVersion:SecretVersion",
  "aws:cloudfront/cachePolicy:CachePolicy",
  "aws:cloudfront/originAccessControl:OriginAccessControl",
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:rds/subnetGroup:SubnetGroup",
  "aws:rds/clusterParameterGroup:ClusterParameterGroup",
  "aws:rds/parameterGroup:ParameterGroup",
  "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup",
  "aws:rds/proxyTarget:ProxyTarget",
  "aws:elasticache/subnetGroup:SubnetGroup",
  "aws:elasticache/parameterGroup:ParameterGroup",
  "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
  "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
  "aws:wafv2/webAclAssociation:WebAclAssociation",
  "random:index/randomPassword:RandomPassword",
  "random:index/randomId:RandomId",
  "random:index/randomString:RandomString",
]);
