/**
 * Metadata of every policy, keyed by policy name: severity, remediation text, default enforcement
 * level and (where the policy takes parameters and does not declare one itself) a config schema.
 * The packs (pack.ts) apply it to the policy objects when they are assembled, as @pulumi/policy's
 * own `severity`, `remediationSteps`, `enforcementLevel` and `configSchema` fields, so the CLI's
 * analyzer and the offline plan see the same metadata and the policy files need not change.
 *
 * Levels: security and preflight policies are mandatory; cost policies per rule. A stack's policy
 * config file (policies/config/<stack>.json) may override any level.
 */
import type { EnforcementLevel, Policy, PolicyConfigSchema, Severity } from "@pulumi/policy";

export interface PolicyMetadata {
  readonly severity: Severity;
  /** What to change so the policy passes; shown with every violation. */
  readonly remediation: string;
  /** The level the policy has when no config sets one. */
  readonly enforcementLevel: EnforcementLevel;
  /** The policy's config schema, for a policy that takes parameters and declares none. @default none */
  readonly configSchema?: PolicyConfigSchema;
}

const M = "mandatory";
const meta = (
  severity: Severity,
  remediation: string,
  enforcementLevel: EnforcementLevel = M,
): PolicyMetadata => ({ severity, remediation, enforcementLevel });

export const POLICY_METADATA: Readonly<Record<string, PolicyMetadata>> = {
  // network
  "network-vpc-flow-logs": meta(
    "medium",
    "Give the VPC an aws.ec2.FlowLog capturing ALL traffic to a CloudWatch log group or S3 bucket (components/network).",
  ),
  "network-default-security-group-closed": meta(
    "medium",
    "Adopt the VPC's default security group with aws.ec2.DefaultSecurityGroup and give it no ingress or egress rules.",
  ),
  "network-no-public-ip-outside-public-tier": meta(
    "high",
    "Set mapPublicIpOnLaunch false on every subnet outside the public tier; only load balancers and NAT gateways live in public subnets.",
  ),
  "network-peering-routes-peer-cidr-only": meta(
    "high",
    "Route only the peer VPC's CIDR through the peering connection, never a wider range or a default route.",
  ),
  "network-security-group-open-ingress": meta(
    "critical",
    "Admit the source security groups or the CIDRs that need access; for a CloudFront origin, admit CloudFront's origin-facing managed prefix list on 443/80.",
  ),
  "network-flow-logs-all-traffic": meta(
    "medium",
    'Set trafficType "ALL" on the VPC flow log, so accepted traffic is recorded too (components/network/vpc.ts).',
  ),
  "network-isolated-nacl-closed": meta(
    "high",
    "Allow only the VPC and peer CIDRs in the isolated tier's network ACL rules; remove any rule whose CIDR opens internet address space.",
  ),
  "network-data-egress-not-world": meta(
    "high",
    "Replace the data store security group's all-port egress to the internet with rules to the peers and ports it needs (components/data/data-security-group.ts).",
  ),
  // application
  "application-launch-template-imdsv2": meta(
    "high",
    'Set metadataOptions { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" } on the launch template.',
  ),
  "application-launch-template-encrypted-volumes": meta(
    "high",
    "Set ebs.encrypted true (with the platform's KMS key) on every blockDeviceMappings entry of the launch template.",
  ),
  "application-launch-template-no-public-ip": meta(
    "high",
    "Set associatePublicIpAddress false on the launch template's network interfaces; instances reach the internet through NAT.",
  ),
  "application-alb-access-logs": meta(
    "medium",
    "Enable accessLogs { enabled: true, bucket } on the load balancer, to a bucket whose policy admits the ELB log delivery service.",
  ),
  "application-alb-drop-invalid-headers": meta(
    "medium",
    'Set dropInvalidHeaderFields true and desyncMitigationMode "defensive" or "strictest" on the load balancer.',
  ),
  "application-alb-listener-tls": meta(
    "high",
    "Use a TLS 1.2+ (ideally TLS 1.3) ELBSecurityPolicy on HTTPS listeners and make HTTP listeners redirect to HTTPS (HTTP_301).",
  ),
  "application-asg-launch-template": meta(
    "medium",
    "Give the Auto Scaling group a launchTemplate (or a mixedInstancesPolicy launch template) instead of a launch configuration.",
  ),
  "application-asg-elb-health-check": meta(
    "medium",
    'Set healthCheckType "ELB" (with a grace period) on Auto Scaling groups behind a load balancer.',
  ),
  "application-iam-no-wildcard-write": meta(
    "high",
    'Name the actions and the resource ARNs the role writes to; keep Resource "*" for read-only actions and the few that take no resource.',
  ),
  "application-iam-no-admin-policies": meta(
    "critical",
    "Detach the AWS-managed administrative policy and attach a policy with only the actions the workload calls.",
  ),
  "application-iam-trust-not-open": meta(
    "critical",
    "Name the trusted service or account in the trust policy, or add an aws:SourceAccount / aws:PrincipalOrgID condition to a wildcard principal.",
  ),
  "application-asg-ignore-desired-capacity": meta(
    "medium",
    'Add "desiredCapacity" to the Auto Scaling group\'s ignoreChanges, so pulumi up does not undo what scaling policies set.',
  ),
  "application-no-plaintext-credentials": meta(
    "critical",
    "Move the credential into Secrets Manager (components/security/stored-secret.ts) and read it at run time with the instance or pod role; rotate the exposed one.",
  ),
  "application-alb-deletion-protection": meta(
    "medium",
    "Set enableDeletionProtection true on the load balancer (components/compute/load-balancer.ts does by default); turn it off only in the change that removes the load balancer.",
  ),
  "application-launch-template-detailed-monitoring": meta(
    "low",
    "Set monitoring { enabled: true } on the launch template, so its instances report one-minute metrics.",
  ),
  // data
  "data-storage-encrypted-cmk": meta(
    "high",
    "Set storageEncrypted/atRestEncryptionEnabled with kmsKeyId (or the secret's kmsKeyId) to the region's customer-managed KMS key.",
  ),
  "data-not-public": meta("critical", "Set publiclyAccessible false on the database instance."),
  "data-deletion-protection": meta(
    "high",
    "Set deletionProtection true and a finalSnapshotIdentifier (skipFinalSnapshot false), and do not set deleteBeforeReplace on a data store.",
  ),
  "data-backup-retention": meta(
    "medium",
    "Set backupRetentionPeriod (Aurora) or snapshotRetentionLimit (ElastiCache) to at least 7 days.",
  ),
  "data-iam-auth": meta("medium", "Set iamDatabaseAuthenticationEnabled true on the Aurora cluster."),
  "data-cache-transit-auth": meta(
    "high",
    "Set transitEncryptionEnabled true and an authToken or userGroupIds on the replication group.",
  ),
  "data-security-group-sources": meta(
    "high",
    "Admit only the security groups of the tiers that need the store (same region) and the peered VPC's CIDR; no other CIDR.",
  ),
  "data-kms-key-rotation": meta(
    "medium",
    "Set enableKeyRotation true on the customer-managed key (components/security/encryption-key.ts).",
  ),
  "data-kms-key-policy-principal": meta(
    "critical",
    'Grant the key to named principals or services, or add a kms:CallerAccount / aws:SourceAccount condition to a statement with Principal "*".',
  ),
  "data-aurora-force-ssl": meta(
    "high",
    "Set rds.force_ssl = 1 in the Aurora cluster parameter group (components/data/aurora-cluster.ts).",
  ),
  "data-proxy-tls-iam": meta(
    "high",
    'Set requireTls true on the RDS Proxy and iamAuth "REQUIRED" on each of its auths.',
  ),
  "data-performance-insights-cmk": meta(
    "medium",
    "Give performanceInsightsKmsKeyId the data key of the region on every Aurora instance with Performance Insights on.",
  ),
  "data-secret-recovery-window": meta(
    "medium",
    "Set recoveryWindowInDays between 7 and 30 on the secret (0 deletes it at once).",
  ),
  "data-stateful-protected": meta(
    "critical",
    "Keep platform:protect true in production stack files; stateful resources (clusters, caches, keys, secrets, buckets) are created with protect.",
  ),
  "data-tier-segmentation": meta(
    "high",
    "Admit the data stores from the app tier, the EKS nodes, the RDS Proxy and peer CIDRs only; remove web-tier and load balancer security groups as sources.",
  ),
  "data-cache-multi-az": meta(
    "high",
    "Set multiAzEnabled and automaticFailoverEnabled true on the replication group, with at least one replica per shard (numCacheClusters 2 or more).",
  ),
  "data-aurora-log-exports": meta(
    "medium",
    'Set enabledCloudwatchLogsExports on the cluster to include the database log ("postgresql" for Aurora PostgreSQL), and only log types its engine has.',
  ),
  // edge
  "edge-cloudfront-waf": meta(
    "high",
    "Associate a CLOUDFRONT-scope WAF web ACL (webAclId) with the distribution.",
  ),
  "edge-cloudfront-viewer-https": meta(
    "high",
    'Set viewerProtocolPolicy "redirect-to-https" or "https-only" on the default and every ordered cache behavior.',
  ),
  "edge-cloudfront-tls": meta(
    "high",
    'Set viewerCertificate.minimumProtocolVersion to "TLSv1.2_2021" or newer, with sslSupportMethod "sni-only".',
  ),
  "edge-cloudfront-origin-https": meta(
    "high",
    'Set customOriginConfig originProtocolPolicy "https-only" and originSslProtocols ["TLSv1.2"] on every custom origin.',
  ),
  "edge-cloudfront-s3-oac": meta(
    "high",
    "Give S3 origins an originAccessControlId (aws.cloudfront.OriginAccessControl, signing always) instead of an origin access identity or a public bucket.",
  ),
  "edge-cloudfront-logging": meta(
    "medium",
    "Enable standard logging (loggingConfig with a bucket whose ownership controls allow ACLs) on the distribution.",
  ),
  "edge-waf-rules": meta(
    "high",
    "Add the AWSManagedRulesCommonRuleSet managed group and a rate-based rule to the web ACL, both blocking (not in count mode).",
  ),
  "edge-waf-logging": meta(
    "medium",
    "Give the web ACL an aws.wafv2.WebAclLoggingConfiguration to a log group named aws-waf-logs-*.",
  ),
  "edge-s3-block-public-access": meta(
    "critical",
    "Give the bucket an aws.s3.BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.",
  ),
  "edge-s3-tls-only": meta(
    "medium",
    "Add a bucket policy statement denying s3:* when aws:SecureTransport is false.",
  ),
  "edge-s3-encryption": meta(
    "medium",
    "Give the bucket an aws.s3.BucketServerSideEncryptionConfiguration (aws:kms with the platform key, or AES256 for log buckets that need it).",
  ),
  "edge-waf-rules-enforced": meta(
    "high",
    "Set every rule's action (and managed rule group override) to block rather than count, and keep rate limits at or below 20,000 requests per 5 minutes.",
  ),
  "edge-cloudfront-hsts": meta(
    "medium",
    "Give every cache behavior a response headers policy of the stack whose strictTransportSecurity sets accessControlMaxAgeSec 31536000 or more, includeSubdomains, preload and override true.",
  ),
  "edge-s3-abort-incomplete-uploads": meta(
    "low",
    "Give the bucket an aws.s3.BucketLifecycleConfiguration with an enabled rule, no filter, and abortIncompleteMultipartUpload { daysAfterInitiation: 7 }.",
  ),
  // eks
  "eks-endpoint-private": meta(
    "high",
    "Set vpcConfig.endpointPrivateAccess true; keep endpointPublicAccess false, or restrict publicAccessCidrs to listed ranges other than 0.0.0.0/0.",
  ),
  "eks-control-plane-logs": meta(
    "medium",
    "Set enabledClusterLogTypes to api, audit, authenticator, controllerManager and scheduler.",
  ),
  "eks-secrets-encryption": meta(
    "high",
    'Set encryptionConfig { resources: ["secrets"], provider: { keyArn } } with a customer-managed KMS key.',
  ),
  "eks-version-supported": meta(
    "medium",
    'Upgrade to a Kubernetes version in standard support (platform:eks version), or set upgradePolicy.supportType "EXTENDED" while planning the upgrade.',
  ),
  "eks-authentication-mode": meta(
    "medium",
    'Set accessConfig.authenticationMode "API" (or "API_AND_CONFIG_MAP" during migration) and grant access with access entries.',
  ),
  "eks-nodeclass-imdsv2": meta(
    "high",
    "Set metadataOptions { httpTokens: required, httpPutResponseHopLimit: 1 } on the EC2NodeClass.",
  ),
  "eks-nodeclass-encrypted-volumes": meta(
    "high",
    "Define blockDeviceMappings on the EC2NodeClass with ebs.encrypted true and a kmsKeyID.",
  ),
  "eks-interruption-queue-encrypted": meta(
    "medium",
    "Set kmsMasterKeyId (or sqsManagedSseEnabled true) on Karpenter's interruption queue.",
  ),
  // events
  "events-sqs-encrypted-cmk": meta(
    "high",
    "Set kmsMasterKeyId on the queue to the region's customer-managed KMS key.",
  ),
  "events-sns-encrypted-cmk": meta(
    "high",
    "Set kmsMasterKeyId on the topic to the region's customer-managed KMS key.",
  ),
  "events-sqs-redrive": meta(
    "medium",
    "Give the queue a redrivePolicy to its own dead-letter queue (and the DLQ a redriveAllowPolicy naming the queue).",
  ),
  "events-resource-policy-source": meta(
    "critical",
    "Grant to a service or account principal, or add an aws:SourceArn/aws:SourceAccount condition to every statement granting to *.",
  ),
  "events-state-machine-logging": meta(
    "medium",
    'Set loggingConfiguration { level: "ALL" or "ERROR", includeExecutionData: false, logDestination } on the state machine.',
  ),
  "events-state-machine-tracing": meta(
    "low",
    "Set tracingConfiguration { enabled: true } on the state machine.",
  ),
  "events-bus-archive": meta(
    "medium",
    "Give the order bus an aws.cloudwatch.EventArchive with a retention period.",
  ),
  "events-sns-tls-only": meta(
    "medium",
    'Add to the topic policy a statement { Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: <topic ARN>, Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
  ),
  "events-sqs-tls-only": meta(
    "medium",
    'Add to the queue policy a statement { Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: <queue ARN>, Condition: { Bool: { "aws:SecureTransport": "false" } } } (components/events/consumer-queue.ts denyInsecureTransport).',
  ),
  // observability
  "observability-log-group-retention": meta(
    "low",
    "Set retentionInDays on the log group (platform:observability or the component's retention default).",
  ),
  "observability-log-group-kms": meta(
    "medium",
    "Set kmsKeyId on the log group to the region's customer-managed KMS key.",
  ),
  "observability-alarm-actions": meta(
    "medium",
    "Set actionsEnabled true and at least one alarmActions entry (the alarm topic of its severity, or the scaling policy it drives).",
  ),
  "observability-log-group-retention-floor": meta(
    "medium",
    "Set retentionInDays to 365 or more (platform:*.logRetentionDays), or archive the logs elsewhere before they expire.",
  ),
  "observability-required-tags": meta(
    "low",
    "Set platform:tags owner and cost-center in the stack file (environment comes from platform:environment); every taggable resource gets them through the provider's default tags.",
  ),
  // cost (levels per rule)
  "cost-instance-type-allowlist": meta(
    "medium",
    "Use an instance family the tier's allowlist admits, or add the family to allowedFamilies in the stack's policy config (policies/config/<stack>.json).",
  ),
  "cost-asg-max-size": meta(
    "medium",
    "Lower the group's maxSize (platform:tiers), or raise maxSizeCeiling in the stack's policy config after a cost review.",
  ),
  "cost-spot-share": meta(
    "low",
    "Raise spotPercentage on the stateless tier's mixed instances policy, or lower minSpotPercentage in the stack's policy config.",
    "advisory",
  ),
  "cost-nodepool-limits": meta(
    "medium",
    "Set limits.cpu and limits.memory on the NodePool within maxCpu and maxMemoryGiB of the stack's policy config.",
  ),
  "cost-stack-budget": meta(
    "high",
    "Lower the stack's capacity (tier sizes, instance types, NodePool limits, posture), or raise monthlyBudgetUsd in policies/config/<stack>.json after a cost review.",
  ),
  "cost-standby-share": meta(
    "medium",
    "Lower the standby's posture or capacity, or raise maxShare in the standby stack's policy config after a cost review.",
    "advisory",
  ),
  "cost-nat-gateways-by-posture": meta(
    "low",
    'Set platform:network.natStrategy to "single" in a warm-standby or pilot-light region (one NAT gateway), "per-az" only where the region serves.',
    "advisory",
  ),
  "cost-scheduled-action-ceiling": meta(
    "medium",
    "Lower the scheduled action's maxSize and desiredCapacity to the ceiling, or raise maxSizeCeiling in the stack's policy config after a cost review.",
  ),
  // preflight (what AWS rejects at apply time)
  "preflight-global-secondary-inherited": meta(
    "high",
    "Remove the credentials and inherited settings from the secondary member; use a Secrets Manager password you manage, not manageMasterUserPassword.",
  ),
  "preflight-global-instance-classes": meta(
    "high",
    "Use an instance class or node type AWS supports for Aurora global databases / ElastiCache global datastores (memory-optimized r-classes).",
  ),
  "preflight-kms-key-region": meta(
    "high",
    "Pass the KMS key of the resource's own region (the stack's key), not a peer region's.",
  ),
  "preflight-global-ignore-changes": meta(
    "high",
    "Add globalClusterIdentifier, replicationSourceIdentifier and engineVersion to the member's ignoreChanges.",
  ),
  "preflight-cloudfront-us-east-1": meta(
    "high",
    "Create CLOUDFRONT-scope web ACLs and CloudFront certificates with a us-east-1 provider or region.",
  ),
  "preflight-origin-failover-codes": meta(
    "medium",
    "Use only the status codes CloudFront accepts for origin failover: 400, 403, 404, 416, 500, 502, 503, 504.",
  ),
  "preflight-service-role-confused-deputy": meta(
    "high",
    "Add aws:SourceAccount (the stack's account) and, where the service sets it, aws:SourceArn conditions to the role's trust policy.",
  ),
  "preflight-global-datastore-member-drift": meta(
    "high",
    "Remove autoMinorVersionUpgrade, nodeType and engineVersion from the member, or add them to its ignoreChanges.",
  ),
  "preflight-aurora-autoscaling-secondary": meta(
    "high",
    "Register reader Auto Scaling targets only on the writer region's cluster.",
  ),
  "preflight-aurora-secondary-credentials": meta(
    "high",
    "Remove databaseName, masterUsername and masterPassword from the secondary cluster; it inherits them from the global database.",
  ),
  "preflight-proxy-read-only-endpoint": meta(
    "high",
    "Give the proxy an aws.rds.ProxyEndpoint with targetRole READ_ONLY and point readers at it.",
  ),
  "preflight-proxy-reader-instances": meta(
    "high",
    "Give the cluster at least two instances (a writer and a reader).",
  ),
  "preflight-proxy-egress-to-target": meta(
    "high",
    "Add an egress rule from the proxy's security group to the cluster's security group on the database port.",
  ),
  "preflight-security-group-descriptions": meta(
    "medium",
    "Use only the characters EC2 accepts in descriptions (at most 255); never change an existing group's description.",
  ),
  "preflight-key-policy-service-linked-roles": meta(
    "high",
    "Make the key depend on the aws.iam.ServiceLinkedRole, or admit the service through kms:ViaService instead of naming the role.",
  ),
  "preflight-cloudfront-logging-acls": meta(
    "high",
    "Make the distribution depend on the log bucket's aws.s3.BucketOwnershipControls (BucketOwnerPreferred).",
  ),
  "preflight-step-scaling-above-target": meta(
    "medium",
    "Set step scale-out alarm thresholds above the CPU target and leave scaling in to target tracking.",
  ),
  "preflight-karpenter-compatibility": meta(
    "high",
    "Use a Karpenter version whose compatibility matrix includes the cluster's Kubernetes version (src/config/eks.ts).",
  ),
  "preflight-karpenter-node-access-entry": meta(
    "high",
    "Give the node role an aws.eks.AccessEntry of type EC2_LINUX on the cluster.",
  ),
  "preflight-karpenter-pass-node-role": meta(
    "high",
    "Allow iam:PassRole on the node role's ARN in the Karpenter controller's policy.",
  ),
  "preflight-karpenter-crds-first": meta(
    "high",
    "Make every NodePool and EC2NodeClass depend on the karpenter-crd Helm release.",
  ),
  "preflight-karpenter-bounded-teardown": meta(
    "high",
    "Make every NodePool and EC2NodeClass depend on the controller release, and set terminationGracePeriod on every NodePool.",
  ),
  "preflight-iam-policy-size": meta(
    "high",
    "Split the policy (several managed policies) or shorten it with wildcards scoped to the platform's prefix.",
  ),
  "preflight-secret-replica-local": meta(
    "high",
    "Replicate the secret into the region (replicas) or create it there, and reference the regional copy.",
  ),
  "preflight-fifo-messaging": meta(
    "high",
    "Name FIFO queues and topics *.fifo, pair FIFO queues with FIFO dead-letter queues of their region, and subscribe them to FIFO topics only.",
  ),
  "preflight-event-endpoint": meta(
    "high",
    "Pair two buses of the same name, in the endpoint's region and its failover region, and give the endpoint a health check ARN and a replication role.",
  ),
  "preflight-alarm-actions-region": meta("high", "Use an SNS topic of the alarm's own region as its action."),
  "preflight-route53-alarm-health-check": meta(
    "high",
    "Point the health check at a single-metric, standard-resolution alarm with a basic statistic, and name the alarm's region.",
  ),
  "preflight-encrypted-topic-publishers": meta(
    "high",
    "Encrypt the topic with a customer-managed key whose policy lets cloudwatch.amazonaws.com (or costalerts.amazonaws.com) use it.",
  ),
  "preflight-eks-private-endpoint-reachable": meta(
    "high",
    "Add a security group rule admitting HTTPS (443) from the nodes or the VPC to the cluster's control-plane security group.",
  ),
  "preflight-metric-math-alarm-limits": meta(
    "high",
    "Keep a metric-math alarm to at most 10 metrics, 10 expressions and 20 queries with exactly one returning data; split the alarm or aggregate with a SEARCH/Metrics Insights query.",
  ),
};

/**
 * Applies the metadata to a policy: a copy with severity, remediation, level and config schema.
 * A policy without an entry is returned as it is (tests/policies/metadata.test.ts fails on it).
 */
export function withMetadata<P extends Policy>(policy: P): P {
  const m = POLICY_METADATA[policy.name];
  if (!m) return policy;
  return {
    ...policy,
    severity: m.severity,
    remediationSteps: m.remediation,
    enforcementLevel: m.enforcementLevel,
    ...(m.configSchema && !policy.configSchema ? { configSchema: m.configSchema } : {}),
  };
}
