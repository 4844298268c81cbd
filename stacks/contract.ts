/**
 * The contract between stacks: everything a region stack exports, as schemas, with the types
 * inferred from them. A later stack reads an earlier one's outputs only through
 * {@link readStackOutput}, which parses them with these schemas, so a stack applied with an older
 * (or newer) program fails with a message naming the stack, the output and the field, instead of
 * registering resources from a malformed value. Every output is documented in
 * docs/architecture.md ("Stack outputs"); change them only together with their readers.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { POSTURES } from "../src/config/tiers";
import { ROLES } from "../src/config/schema";
import { DRILLS } from "../src/config/failover";

const id = z.string().min(1, { error: "expected a non-empty string" });
const ids = z.array(id);

/** `network`: the VPC, its subnets and route tables in zone order, and this stack's peerings. */
export const networkOutputSchema = z.object({
  region: id,
  vpcId: id,
  cidr: id,
  /**
   * Zone names, in the order of every per-zone list below. Optional so that a later stack can
   * still read an earlier stack applied by a program older than this field (for example while
   * the earlier region is down and cannot be re-applied); see stacks/network.ts.
   */
  availabilityZones: ids.optional(),
  publicSubnetIds: ids,
  privateSubnetIds: ids,
  isolatedSubnetIds: ids,
  privateRouteTableIds: ids,
  isolatedRouteTableIds: ids,
  isolatedNetworkAclId: id,
  /** The peering connections this stack owns, by the earlier stack's name (absent: none known). */
  peeringConnectionIds: z.record(z.string(), id).default({}),
});

/** One tier's entry in `tiers`. */
export const tierOutputSchema = z.object({
  /** The name clients use: the regional origin name (web) or the app tier's name (app). */
  hostname: id,
  albDnsName: id,
  albZoneId: id,
  /** For CloudWatch metrics (`LoadBalancer` dimension). */
  albArnSuffix: id,
  /** For CloudWatch metrics (`TargetGroup` dimension). */
  targetGroupArnSuffix: id,
  asgName: id,
  albSecurityGroupIds: ids,
  instanceSecurityGroupId: id,
});

/** `tiers`: the web and app tiers. */
export const tiersOutputSchema = z.object({ web: tierOutputSchema, app: tierOutputSchema });

/** `data`: what other stacks and applications need of the data tier. */
export const dataOutputSchema = z.object({
  aurora: z.object({
    globalClusterIdentifier: id,
    /** Follows the writer across regions: applications write here. */
    globalWriterEndpoint: id,
    readerEndpoint: id,
    securityGroupId: id,
    /**
     * The master credentials' secret in this region: the primary's own secret, or in a later stack
     * its replica there (the primary's ARN with the region). Later stacks replicate the primary's.
     */
    secretArn: id,
    port: z.number().int(),
    /**
     * This region's RDS Proxy, when `platform:data.aurora.rdsProxy` is on, from every region: its
     * default (read/write) endpoint, which works only in the region that holds the writer at the
     * time and fails every request elsewhere, and its READ_ONLY endpoint, which works in either role.
     */
    proxyWriterEndpoint: id.optional(),
    proxyReaderEndpoint: id.optional(),
  }),
  cache: z.object({
    globalReplicationGroupId: id,
    /**
     * Where sessions are written: the primary endpoint of the member in the writer region
     * (`failover.writerRegion`), the same in every region that can read it. Absent in a stack
     * applied before the writer region's stack (it cannot read a later stack): read
     * `memberEndpoint` of the writer region's stack instead.
     */
    writerEndpoint: id.optional(),
    /**
     * This region's member's primary endpoint: writable while this region holds the datastore's
     * primary, read-only (READONLY) otherwise. Optional for stacks applied by an older program.
     */
    memberEndpoint: id.optional(),
    /** This region's member, for reads. */
    readerEndpoint: id,
    securityGroupId: id,
    /** The AUTH token's secret in this region (the primary's, or its replica here). */
    secretArn: id,
    port: z.number().int(),
  }),
});

/** `edge`: this region's Route 53 entry; on the stack that owns CloudFront, the distribution too. */
export const edgeOutputSchema = z.object({
  healthCheckId: id,
  recordNames: ids,
  /** The REGIONAL web ACL on the public load balancer, when configured. */
  regionalWebAclArn: id.optional(),
  distributionId: id.optional(),
  distributionDomainName: id.optional(),
  webAclArn: id.optional(),
  staticBucketName: id.optional(),
});

/** `eks`: the region's EKS cluster, for operators, CI and the event pipeline's workloads. */
export const eksOutputSchema = z.object({
  clusterName: id,
  endpoint: id,
  /** The OIDC issuer URL (IAM roles for service accounts, external identity federation). */
  oidcIssuer: id,
  /** Base64 certificate authority data of the API server. */
  certificateAuthority: id,
  /** The nodes' security group (system and Karpenter nodes): what data stores and services admit. */
  nodeSecurityGroupId: id,
  /** The SQS queue Karpenter reads interruption events from. */
  karpenterQueueName: id,
  /** The role of the nodes Karpenter launches. */
  nodeRoleArn: id,
});

/** One consumer's queue and dead-letter queue in `pipeline.consumers`. */
export const pipelineConsumerOutputSchema = z.object({
  queueUrl: id,
  queueArn: id,
  deadLetterQueueUrl: id,
  deadLetterQueueArn: id,
});

/** `pipeline`: the region's order pipeline, for workloads, operators (replay, redrive) and dashboards. */
export const pipelineOutputSchema = z.object({
  /** The order bus: the same name in every region. */
  busName: id,
  busArn: id,
  /** The bus's archive (StartReplay's `--event-source-arn`). */
  archiveArn: id,
  /** The fan-out topic. */
  topicArn: id,
  /** Each consumer's queue and dead-letter queue, by consumer name. */
  consumers: z.record(z.string(), pipelineConsumerOutputSchema),
  /** Where EventBridge puts OrderPlaced events it could not deliver to the workflow. */
  eventsDeadLetterQueueArn: id,
  /** The order-fulfilment state machine. */
  stateMachineArn: id,
  /** The rule replays go to (StartReplay's `Destination.FilterArns`). */
  replayRuleArn: id,
  /** On the stack that owns it: the EventBridge global endpoint (in the primary's region) and the buses it pairs. */
  globalEndpoint: z.object({ arn: id, url: id, primaryBusArn: id, secondaryBusArn: id }).optional(),
});

/** `observability`: the region's dashboard, alarm topics and health, for operators and drills. */
export const observabilityOutputSchema = z.object({
  dashboardName: id,
  /** The SNS topics every alarm notifies, by severity. */
  criticalTopicArn: id,
  warningTopicArn: id,
  /** The composite "region unhealthy" alarm: ALARM when the region's request path fails. */
  regionUnhealthyAlarmArn: id,
  /**
   * The CALCULATED Route 53 health check of the region (its HTTPS check and the alarm health
   * checks): what a failover record uses to leave the region on either signal.
   */
  regionHealthCheckId: id,
  /** The CLOUDWATCH_METRIC health checks that follow the region's alarms, by alarm key. */
  alarmHealthCheckIds: z.record(z.string(), id),
  /** On the stack that owns the account's cost anomaly monitor (the primary): its ARN. */
  costAnomalyMonitorArn: id.optional(),
});

/**
 * `failover`: where the stack expects the writer, its drill and the platform's failover order. A
 * later stack compares it with its own config, so `pulumi up` refuses a contradiction the offline
 * plan would refuse too (src/plan/stack-set.ts). Optional for readers: stacks applied by an older
 * program have none.
 */
export const failoverOutputSchema = z.object({
  writerRegion: id,
  drill: z.enum(DRILLS),
  /** The failover order; empty when the stack file sets none. */
  order: z.array(id),
  /**
   * The resolved `platform:data.aurora.readerAutoscaling` (it follows the writer, so every stack
   * file must resolve the same). Optional: stacks applied by an older program have none.
   */
  readerAutoscaling: z.object({ min: z.number(), max: z.number(), cpuTarget: z.number() }).optional(),
});

/**
 * What the primary hands every later stack, as secret outputs (each one a top-level output).
 * Database credentials are not among them: each later stack replicates the primary's secrets
 * (named by `data.aurora.secretArn` and `data.cache.secretArn`) into its own region, so they never
 * travel as stack outputs.
 */
export const primaryShareSchema = z.object({
  /** The header value CloudFront sends and every web load balancer requires. */
  originVerifySecret: id,
});
export type PrimaryShareKey = keyof z.infer<typeof primaryShareSchema>;

/** Every output of a region stack. */
export const stackOutputsSchema = z.object({
  role: z.enum(ROLES),
  region: id,
  posture: z.enum(POSTURES),
  network: networkOutputSchema,
  tiers: tiersOutputSchema,
  data: dataOutputSchema,
  edge: edgeOutputSchema,
  eks: eksOutputSchema,
  pipeline: pipelineOutputSchema,
  observability: observabilityOutputSchema,
  failover: failoverOutputSchema,
  /** A kubeconfig for the cluster (`aws eks get-token`), a secret output. */
  kubeconfig: id,
  ...primaryShareSchema.partial().shape,
});

export type NetworkOutput = z.infer<typeof networkOutputSchema>;
export type TierOutput = z.infer<typeof tierOutputSchema>;
export type TiersOutput = z.infer<typeof tiersOutputSchema>;
export type DataOutput = z.infer<typeof dataOutputSchema>;
export type EdgeOutput = z.infer<typeof edgeOutputSchema>;
export type EksOutput = z.infer<typeof eksOutputSchema>;
export type PipelineOutput = z.infer<typeof pipelineOutputSchema>;
export type ObservabilityOutput = z.infer<typeof observabilityOutputSchema>;
export type FailoverOutput = z.infer<typeof failoverOutputSchema>;
export type PrimaryShare = z.infer<typeof primaryShareSchema>;
export type StackOutputs = z.infer<typeof stackOutputsSchema>;

/**
 * A value as the program produces it before deployment: each leaf may still be an Output. The
 * stack assembles its outputs as `Deferred<StackOutputs>`, so the compiler holds them to the
 * contract.
 */
export type Deferred<T> = T extends string | number | boolean
  ? pulumi.Input<T>
  : T extends readonly (infer U)[]
    ? pulumi.Input<U[]> | readonly Deferred<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Deferred<T[K]> }
      : T;

/** An earlier stack's output is missing or malformed. */
export class StackOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackOutputError";
  }
}

const describePath = (output: string, path: readonly PropertyKey[]) =>
  [output, ...path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))]
    .join("")
    .replace(/\.\[/g, "[");

/**
 * Parses output `output` of stack `stack` with `schema`. Throws a {@link StackOutputError} that
 * names the stack, the output and every malformed field.
 */
export function parseStackOutput<S extends z.ZodType>(
  stack: string,
  output: string,
  value: unknown,
  schema: S,
): z.infer<S> {
  if (value === undefined || value === null) {
    throw new StackOutputError(
      `Stack "${stack}" has no "${output}" output: apply it before the stacks that list it in platform:peers`,
    );
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => {
    const at = describePath(output, i.path);
    const found = i.path.reduce<unknown>(
      (v, p) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined),
      value,
    );
    return `${at} = ${JSON.stringify(found) ?? "undefined"}: ${i.message}`;
  });
  throw new StackOutputError(
    `Stack "${stack}" output "${output}" does not match this program's contract (stacks/contract.ts): ` +
      `${fields.join("; ")}. Apply "${stack}" with this version of the program first (it comes earlier in the apply order).`,
  );
}

/**
 * Reads output `output` of an earlier stack through its StackReference and parses it with
 * `schema`. The earlier stack exists, so the value is plain at preview (the number of resources
 * made from it is fixed before anything is registered).
 */
export async function readStackOutput<S extends z.ZodType>(
  stack: string,
  ref: pulumi.StackReference,
  output: string,
  schema: S,
): Promise<z.infer<S>> {
  const details = await ref.getOutputDetails(output);
  return parseStackOutput(stack, output, details.value ?? details.secretValue, schema);
}

/** Reads one of the primary's secret outputs; the result stays a Pulumi secret. */
export async function readPrimaryShare(
  stack: string,
  ref: pulumi.StackReference,
  key: PrimaryShareKey,
): Promise<pulumi.Output<string>> {
  const details = await ref.getOutputDetails(key);
  const value = parseStackOutput(
    stack,
    key,
    details.secretValue ?? details.value,
    primaryShareSchema.shape[key],
  );
  return pulumi.secret(value);
}
