/**
 * What each policy of the pack corresponds to in two public rule catalogues: checkov's AWS
 * Terraform resource checks and cdk-nag's AwsSolutions rules (both in `policies/reference/`).
 * Keyed by policy name; every policy has an entry, possibly with no counterpart and a note saying
 * why. A rule is listed only when its check is the policy's, or part of it (read from the rule's
 * source, not only its title). docs/policies.md is generated from this table and the pack.
 *
 * A policy's doc comment cites exactly the IDs of its entry (a test compares them), so the
 * comments cannot drift from this table.
 */

/** How much of a catalogue rule a policy covers, and what each degree means (docs/policies.md shows it). */
export const COVERAGE = {
  same:
    "The policy flags everything the rule flags, on the rule's resource types (it may ask for more), " +
    "except resources that inherit the setting and may not set it.",
  partial: "The policy makes only part of the rule's check: on fewer resource types, or with an exemption.",
  equivalent:
    "The policy makes the rule's check on the resource type that replaces the rule's " +
    "(a launch template for a launch configuration, say).",
} as const;

export type Coverage = keyof typeof COVERAGE;

/** One catalogue rule a policy corresponds to. */
export interface Counterpart {
  /** As the catalogue spells it: `CKV_AWS_<n>`, `AwsSolutions-<rule>`. */
  readonly id: string;
  readonly coverage: Coverage;
}

/** A policy's counterparts in both catalogues. */
export interface CatalogEntry {
  /** checkov IDs (`CKV_AWS_*`, `CKV2_AWS_*`). */
  readonly checkov: readonly Counterpart[];
  /** cdk-nag IDs (`AwsSolutions-*`). */
  readonly cdkNag: readonly Counterpart[];
  /**
   * Why a catalogue has no counterpart, and what a partial or equivalent match leaves out.
   * Required then; names rules by subject, never by ID (IDs live only in the lists).
   */
  readonly note?: string;
}

const same = (id: string): Counterpart => ({ id, coverage: "same" });
const partial = (id: string): Counterpart => ({ id, coverage: "partial" });
const equivalent = (id: string): Counterpart => ({ id, coverage: "equivalent" });

/** Every catalogue ID of an entry, checkov's first. */
export const catalogIds = (entry: CatalogEntry): string[] => [
  ...entry.checkov.map((c) => c.id),
  ...entry.cdkNag.map((c) => c.id),
];

const NOT_A_SECURITY_SETTING = "the catalogues check security settings, not what AWS rejects at apply time";

export const POLICY_CATALOG: Readonly<Record<string, CatalogEntry>> = {
  // Network layer
  "network-vpc-flow-logs": {
    checkov: [],
    cdkNag: [same("AwsSolutions-VPC7")],
    note: "checkov checks VPC flow logs with a graph check, which the catalogue (resource checks only) does not list.",
  },
  "network-default-security-group-closed": {
    checkov: [],
    cdkNag: [],
    note:
      "checkov checks the default security group with a graph check, outside the catalogue; " +
      "the AwsSolutions rules do not look at a VPC's default security group.",
  },
  "network-no-public-ip-outside-public-tier": {
    checkov: [partial("CKV_AWS_130")],
    cdkNag: [],
    note:
      "Public-tier subnets are exempt, where the checkov rule flags every subnet; the policy also refuses " +
      "IPv6 addresses assigned on creation. The AwsSolutions rules have no subnet rule.",
  },
  "network-peering-routes-peer-cidr-only": {
    checkov: [],
    cdkNag: [],
    note:
      "Peering is not transitive: no catalogue rule checks a peering route's destination " +
      "(checkov's graph check on overly permissive peering routes is outside the catalogue).",
  },
  "network-security-group-open-ingress": {
    checkov: [same("CKV_AWS_24"), same("CKV_AWS_25"), partial("CKV_AWS_260"), same("CKV_AWS_277")],
    cdkNag: [partial("AwsSolutions-EC23")],
    note:
      "Ports 443 and 80 of a load balancer group tagged as a CloudFront origin are exempt, so the port-80 " +
      "rule and cdk-nag's any-port rule are covered only in part.",
  },

  // Application layer
  "application-launch-template-imdsv2": {
    checkov: [partial("CKV_AWS_79"), partial("CKV_AWS_341")],
    cdkNag: [],
    note:
      "Launch templates only: both rules also check launch configurations (application-asg-launch-template " +
      "refuses them), and the first one standalone instances, which the platform does not run. " +
      "The AwsSolutions rules have no instance metadata rule.",
  },
  "application-launch-template-encrypted-volumes": {
    checkov: [equivalent("CKV_AWS_8")],
    cdkNag: [partial("AwsSolutions-EC26")],
    note:
      "The checkov rule checks launch configurations and instances; the policy checks the launch templates " +
      "that replace them (application-asg-launch-template refuses launch configurations). cdk-nag's rule also " +
      "checks standalone volumes and instances, which the platform does not run.",
  },
  "application-launch-template-no-public-ip": {
    checkov: [partial("CKV_AWS_88")],
    cdkNag: [],
    note:
      "Launch templates only: the rule also checks standalone instances, which the platform does not run. " +
      "The AwsSolutions rules have no rule on instance public IPs.",
  },
  "application-alb-access-logs": {
    checkov: [partial("CKV_AWS_91")],
    cdkNag: [partial("AwsSolutions-ELB2")],
    note:
      "Application load balancers only: both rules also ask it of network load balancers, and cdk-nag's of " +
      "Classic ones, which the platform does not run.",
  },
  "application-alb-drop-invalid-headers": {
    checkov: [same("CKV_AWS_131"), partial("CKV_AWS_328")],
    cdkNag: [],
    note:
      "The desync rule also covers Classic Load Balancers, which the platform does not run. " +
      "The AwsSolutions rules check neither setting.",
  },
  "application-alb-listener-tls": {
    checkov: [same("CKV_AWS_2")],
    cdkNag: [],
    note:
      "checkov checks the listener's TLS 1.2 policy with a graph check, outside the catalogue; " +
      "cdk-nag's listener rule is for Classic Load Balancers only.",
  },
  "application-asg-launch-template": {
    checkov: [same("CKV_AWS_315")],
    cdkNag: [],
    note: "The AwsSolutions rules do not ask for launch templates.",
  },
  "application-asg-elb-health-check": {
    checkov: [],
    cdkNag: [],
    note:
      "checkov checks this with a graph check, outside the catalogue; cdk-nag's Auto Scaling health-check " +
      "rule asks for a grace period with ELB health checks, a different check.",
  },
  "application-alb-deletion-protection": {
    checkov: [same("CKV_AWS_150")],
    cdkNag: [],
    note: "The AwsSolutions rules do not check a load balancer's deletion protection.",
  },
  "application-launch-template-detailed-monitoring": {
    checkov: [],
    cdkNag: [equivalent("AwsSolutions-EC28")],
    note:
      "cdk-nag's rule checks standalone instances and launch configurations; the policy checks the launch templates " +
      "that replace them (application-asg-launch-template refuses launch configurations). checkov has no detailed " +
      "monitoring rule for launch templates in the catalogue.",
  },

  // Data layer
  "data-storage-encrypted-cmk": {
    checkov: [
      same("CKV_AWS_96"),
      same("CKV_AWS_327"),
      same("CKV_AWS_140"),
      same("CKV_AWS_29"),
      same("CKV_AWS_191"),
      same("CKV_AWS_149"),
    ],
    cdkNag: [partial("AwsSolutions-RDS2"), partial("AwsSolutions-AEC3")],
    note:
      "Global datastore secondaries inherit encryption and are exempt. cdk-nag's storage rule also covers " +
      "non-Aurora DB instances, which the platform does not run; its ElastiCache rule also asks for " +
      "encryption in transit (data-cache-transit-auth). The AwsSolutions rules do not ask for customer-managed keys.",
  },
  "data-not-public": {
    checkov: [partial("CKV_AWS_17")],
    cdkNag: [],
    note:
      "Aurora cluster instances only: the checkov rule also covers standalone DB instances, which the platform " +
      "does not run. The AwsSolutions rules have no public-access rule for RDS.",
  },
  "data-deletion-protection": {
    checkov: [same("CKV_AWS_139")],
    cdkNag: [partial("AwsSolutions-RDS10")],
    note: "cdk-nag's rule also covers non-Aurora DB instances, which the platform does not run.",
  },
  "data-backup-retention": {
    checkov: [partial("CKV_AWS_133"), equivalent("CKV_AWS_134")],
    cdkNag: [],
    note:
      "The policy asks for 7 days where checkov asks for any; it does not check standalone DB instances, and " +
      "checks replication groups where checkov's cache rule checks single clusters. The AwsSolutions backup " +
      "rules cover RDS instances, DocumentDB, Neptune and Redshift, not Aurora clusters or ElastiCache.",
  },
  "data-iam-auth": {
    checkov: [same("CKV_AWS_162")],
    cdkNag: [same("AwsSolutions-RDS6")],
  },
  "data-cache-transit-auth": {
    checkov: [same("CKV_AWS_30"), same("CKV_AWS_31")],
    cdkNag: [partial("AwsSolutions-AEC3"), partial("AwsSolutions-AEC6")],
    note:
      "Global datastore secondaries inherit both settings and are exempt. cdk-nag's encryption rule also asks " +
      "for encryption at rest (data-storage-encrypted-cmk), and its AUTH rule accepts only an AUTH token where " +
      "the policy also accepts an RBAC user group.",
  },
  "data-security-group-sources": {
    checkov: [],
    cdkNag: [],
    note:
      "The catalogues only look for sources open to the whole internet (network-security-group-open-ingress); " +
      "none limits a data store's sources to its region's security groups and the peered VPCs.",
  },
  "data-cache-multi-az": {
    checkov: [],
    cdkNag: [same("AwsSolutions-AEC4")],
    note:
      "The policy also asks for automatic failover and a replica per shard, which Multi-AZ needs. checkov has no " +
      "Multi-AZ rule for ElastiCache in the catalogue.",
  },
  "data-aurora-log-exports": {
    checkov: [same("CKV_AWS_324")],
    cdkNag: [],
    note:
      "The checkov rule accepts any log type; the policy asks for the engine's database log and refuses types the " +
      "engine does not have. cdk-nag's log export rule is for Aurora MySQL serverless clusters, which the platform does not run.",
  },

  // Edge
  "edge-cloudfront-waf": {
    checkov: [same("CKV_AWS_68")],
    cdkNag: [same("AwsSolutions-CFR2")],
  },
  "edge-cloudfront-viewer-https": {
    checkov: [same("CKV_AWS_34")],
    cdkNag: [],
    note: "The AwsSolutions rules check the viewer TLS version (edge-cloudfront-tls), not the viewer protocol policy.",
  },
  "edge-cloudfront-tls": {
    checkov: [partial("CKV_AWS_174")],
    cdkNag: [partial("AwsSolutions-CFR4")],
    note:
      "A distribution on the default CloudFront certificate is not checked, where both rules flag it; " +
      "the policy asks for TLSv1.2_2021 or newer and SNI.",
  },
  "edge-cloudfront-origin-https": {
    checkov: [],
    cdkNag: [same("AwsSolutions-CFR5")],
    note: "The checkov catalogue has no origin protocol check.",
  },
  "edge-cloudfront-s3-oac": {
    checkov: [],
    cdkNag: [same("AwsSolutions-CFR7")],
    note: "The checkov catalogue has no origin access control check.",
  },
  "edge-cloudfront-logging": {
    checkov: [same("CKV_AWS_86")],
    cdkNag: [same("AwsSolutions-CFR3")],
  },
  "edge-waf-rules": {
    checkov: [partial("CKV_AWS_175")],
    cdkNag: [],
    note:
      "WAFv2 web ACLs only (the rule also covers WAF Classic, which the platform does not run); the policy asks " +
      "for a rate-based rule and the AWS common rule set where the rule asks for any rule, and exempts a " +
      "REGIONAL ACL on an origin only CloudFront reaches from the rate rule. " +
      "The AwsSolutions rules do not look at a web ACL's rules.",
  },
  "edge-waf-logging": {
    checkov: [equivalent("CKV_AWS_176")],
    cdkNag: [],
    note:
      "The checkov rule checks WAF Classic web ACLs; WAFv2 web ACLs log through a separate logging " +
      "configuration, which the policy checks (checkov's WAFv2 check is a graph check, outside the catalogue). " +
      "The AwsSolutions rules have no WAF logging rule.",
  },
  "edge-s3-block-public-access": {
    checkov: [same("CKV_AWS_53"), same("CKV_AWS_54"), same("CKV_AWS_55"), same("CKV_AWS_56")],
    cdkNag: [same("AwsSolutions-S2")],
  },
  "edge-s3-tls-only": {
    checkov: [same("CKV_AWS_379")],
    cdkNag: [partial("AwsSolutions-S10")],
    note:
      "checkov asks it only of buckets an ACL makes public; the policy asks it of every bucket. cdk-nag also " +
      "checks that the denying statement covers every principal, action and object of the bucket; the policy " +
      "checks only the deny and its condition.",
  },
  "edge-s3-encryption": {
    checkov: [],
    cdkNag: [],
    note:
      "checkov checks bucket encryption with a graph check, outside the catalogue; the AwsSolutions rules have " +
      "no default-encryption rule.",
  },
  "edge-cloudfront-hsts": {
    checkov: [same("CKV_AWS_259")],
    cdkNag: [],
    note:
      "The policy also asks every cache behavior of a distribution to use a response headers policy of the stack. " +
      "The AwsSolutions rules do not check response headers.",
  },
  "edge-s3-abort-incomplete-uploads": {
    checkov: [same("CKV_AWS_300")],
    cdkNag: [],
    note:
      "The policy also flags a bucket with no lifecycle configuration at all, where the checkov rule judges only the " +
      "configurations that exist. The AwsSolutions rules have no lifecycle rule.",
  },

  // EKS
  "eks-endpoint-private": {
    checkov: [same("CKV_AWS_38"), partial("CKV_AWS_39")],
    cdkNag: [partial("AwsSolutions-EKS1")],
    note:
      "A public endpoint restricted to listed CIDRs is allowed, where the rules asking for no public endpoint " +
      "flag every public endpoint; the policy also asks for the private endpoint.",
  },
  "eks-control-plane-logs": {
    checkov: [same("CKV_AWS_37")],
    cdkNag: [same("AwsSolutions-EKS2")],
  },
  "eks-secrets-encryption": {
    checkov: [same("CKV_AWS_58")],
    cdkNag: [],
    note: "The AwsSolutions rules do not check an EKS cluster's secrets encryption.",
  },
  "eks-version-supported": {
    checkov: [partial("CKV_AWS_339")],
    cdkNag: [],
    note:
      "checkov keeps its own list of supported versions; the policy asks for EKS standard support, with a version " +
      "leaving it allowed on a cluster that opts into extended support. The AwsSolutions rules do not check versions.",
  },
  "eks-authentication-mode": {
    checkov: [],
    cdkNag: [],
    note: "Neither catalogue checks how an EKS cluster authenticates IAM principals.",
  },
  "eks-nodeclass-imdsv2": {
    checkov: [],
    cdkNag: [],
    note: "Karpenter's EC2NodeClass is a Kubernetes custom resource: the catalogues check AWS resource types only.",
  },
  "eks-nodeclass-encrypted-volumes": {
    checkov: [],
    cdkNag: [],
    note: "Karpenter's EC2NodeClass is a Kubernetes custom resource: the catalogues check AWS resource types only.",
  },
  "eks-interruption-queue-encrypted": {
    checkov: [partial("CKV_AWS_27")],
    cdkNag: [partial("AwsSolutions-SQS2")],
    note: "Only Karpenter's interruption queues are checked, where both rules check every queue.",
  },

  // Event pipeline
  "events-sqs-encrypted-cmk": {
    checkov: [same("CKV_AWS_27")],
    cdkNag: [same("AwsSolutions-SQS2")],
    note: "Both rules also accept SQS-managed encryption or the AWS managed key; the policy asks for a customer-managed key.",
  },
  "events-sns-encrypted-cmk": {
    checkov: [same("CKV_AWS_26")],
    cdkNag: [],
    note:
      "The checkov rule accepts the AWS managed key; the policy asks for a customer-managed key. The AwsSolutions rules " +
      "check a topic's TLS (events-sns-tls-only), not its encryption.",
  },
  "events-sqs-redrive": {
    checkov: [],
    cdkNag: [partial("AwsSolutions-SQS3")],
    note:
      "Karpenter's interruption queue is exempt (interruption notices that expire in five minutes). checkov has no " +
      "dead-letter queue rule in the catalogue.",
  },
  "events-resource-policy-source": {
    checkov: [same("CKV_AWS_168"), same("CKV_AWS_169")],
    cdkNag: [],
    note:
      "The policy accepts only source conditions (aws:SourceArn, aws:SourceAccount and the like) on a statement open " +
      "to everyone. The AwsSolutions rules have no queue or topic policy rule.",
  },
  "events-state-machine-logging": {
    checkov: [],
    cdkNag: [partial("AwsSolutions-SF1")],
    note:
      "Level ERROR is accepted where the cdk-nag rule asks for ALL. checkov's execution-history rule asks for " +
      "execution data in the logs, which the policy refuses unless its config allows it (order payloads carry " +
      "personal data), so it is not a counterpart.",
  },
  "events-state-machine-tracing": {
    checkov: [same("CKV_AWS_284")],
    cdkNag: [same("AwsSolutions-SF2")],
  },
  "events-bus-archive": {
    checkov: [],
    cdkNag: [],
    note: "Neither catalogue checks that an event bus is archived.",
  },
  "events-sns-tls-only": {
    checkov: [],
    cdkNag: [same("AwsSolutions-SNS3")],
    note:
      "cdk-nag exempts topics encrypted at rest; the policy does not, and it also accepts sns:* or * as the denied " +
      "actions where the rule asks for sns:Publish by name. The checkov catalogue has no topic TLS rule.",
  },
  "events-sqs-tls-only": {
    checkov: [],
    cdkNag: [same("AwsSolutions-SQS4")],
    note: "The checkov catalogue has no queue TLS rule.",
  },
  // Observability
  "observability-log-group-retention": {
    checkov: [same("CKV_AWS_66"), partial("CKV_AWS_338")],
    cdkNag: [],
    note:
      "The policy asks for a retention period of any length, where the one-year rule asks for at least 365 days " +
      "(the platform keeps a year by default, but config may choose less). The AwsSolutions rules do not check " +
      "log group retention.",
  },
  "observability-log-group-kms": {
    checkov: [same("CKV_AWS_158")],
    cdkNag: [],
    note: "The AwsSolutions rules do not check whether a log group is encrypted with a customer-managed key.",
  },
  "observability-alarm-actions": {
    checkov: [same("CKV_AWS_319")],
    cdkNag: [],
    note:
      "The policy also asks for at least one alarm action and judges composite alarms too; the AwsSolutions " +
      "rules have no alarm rule.",
  },

  // Cost
  "cost-instance-type-allowlist": {
    checkov: [],
    cdkNag: [],
    note: "A cost rule with platform-specific families: no catalogue rule limits instance types.",
  },
  "cost-asg-max-size": {
    checkov: [],
    cdkNag: [],
    note: "A cost rule with a configurable ceiling: no catalogue rule caps an Auto Scaling group's size.",
  },
  "cost-spot-share": {
    checkov: [],
    cdkNag: [],
    note: "A cost rule with a configurable share: no catalogue rule asks for Spot capacity.",
  },

  "cost-nodepool-limits": {
    checkov: [],
    cdkNag: [],
    note: "A cost rule on a Kubernetes custom resource with configurable ceilings: no catalogue rule limits a NodePool.",
  },
  "cost-stack-budget": {
    checkov: [],
    cdkNag: [],
    note: "A cost rule on the offline estimate: the catalogues check resources one by one, never a stack's cost.",
  },
  "cost-standby-share": {
    checkov: [],
    cdkNag: [],
    note: "A cost rule comparing two stacks' estimates: no catalogue rule spans stacks or prices them.",
  },
  "cost-nat-gateways-by-posture": {
    checkov: [],
    cdkNag: [],
    note: "A cost rule on this platform's postures: no catalogue rule counts NAT gateways.",
  },
  "cost-scheduled-action-ceiling": {
    checkov: [],
    cdkNag: [],
    note: "A cost rule with a configurable ceiling: no catalogue rule judges scheduled scaling actions.",
  },

  // Preflight
  "preflight-global-secondary-inherited": {
    checkov: [],
    cdkNag: [],
    note: `An AWS constraint on global database and datastore members: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-global-instance-classes": {
    checkov: [],
    cdkNag: [],
    note: `An AWS constraint on global database and datastore members: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-kms-key-region": {
    checkov: [],
    cdkNag: [],
    note: `An AWS constraint (keys never leave their region): ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-global-ignore-changes": {
    checkov: [],
    cdkNag: [],
    note: "A Pulumi resource option that keeps updates from detaching global members: no catalogue rule.",
  },
  "preflight-cloudfront-us-east-1": {
    checkov: [],
    cdkNag: [],
    note: `An AWS constraint on where CloudFront's certificates and web ACLs live: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-origin-failover-codes": {
    checkov: [],
    cdkNag: [],
    note:
      "An AWS constraint on failover status codes: checkov's origin failover rule asks that an origin group " +
      "exist, not which codes it fails over on.",
  },
  "preflight-service-role-confused-deputy": {
    checkov: [],
    cdkNag: [],
    note:
      "checkov's trust-policy rules check who may assume a role (no wildcard principal), not the source " +
      "conditions on a service principal; the AwsSolutions IAM rules check managed policies and wildcards.",
  },
  "preflight-global-datastore-member-drift": {
    checkov: [],
    cdkNag: [],
    note:
      'Prevents "InvalidParameterValue: Cluster [...] is part of a global cluster [...]. Request rejected." on ' +
      `every update of a member: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-aurora-autoscaling-secondary": {
    checkov: [],
    cdkNag: [],
    note: `Prevents Aurora Auto Scaling on a global database's secondary cluster, which AWS does not support: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-aurora-secondary-credentials": {
    checkov: [],
    cdkNag: [],
    note: `Prevents a database name or master credentials on a global database's secondary cluster, which CreateDBCluster rejects: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-proxy-read-only-endpoint": {
    checkov: [],
    cdkNag: [],
    note:
      'Prevents "The target group doesn\'t have any associated read/write instances" on every connection ' +
      `to a secondary's proxy: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-proxy-reader-instances": {
    checkov: [],
    cdkNag: [],
    note:
      "Prevents a proxy READ_ONLY endpoint that fails every request because its cluster has no reader (at once, " +
      `or after a switchover makes its only instance the writer): ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-secret-replica-local": {
    checkov: [],
    cdkNag: [],
    note:
      "Prevents reads of a replica no stack added (ResourceNotFoundException) and reads that fail while another " +
      `region is down: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-proxy-egress-to-target": {
    checkov: [],
    cdkNag: [],
    note:
      "Prevents a proxy whose target stays unavailable (connections time out) because its security group, " +
      `like every new group, has no egress: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-security-group-descriptions": {
    checkov: [],
    cdkNag: [],
    note:
      "Prevents EC2's `InvalidParameterValue: Invalid security group description` at apply time. checkov asks " +
      `only that a description exist; ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-key-policy-service-linked-roles": {
    checkov: [],
    cdkNag: [],
    note:
      "Prevents KMS's `MalformedPolicyDocumentException: Policy contains a statement with one or more invalid " +
      "principals` in an account where the named service-linked role does not exist yet; " +
      `${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-cloudfront-logging-acls": {
    checkov: [],
    cdkNag: [],
    note:
      "Prevents CloudFront's `The S3 bucket that you specified for CloudFront logs does not enable ACL access` " +
      "when the distribution is created before its log bucket's ACLs are enabled. The logging rules ask that " +
      `logging be on, not in which order its bucket is set up; ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-step-scaling-above-target": {
    checkov: [],
    cdkNag: [],
    note:
      "Prevents no API error: AWS accepts both policies and they fight at run time (step scaling adds or removes " +
      "instances that target tracking then takes back). The catalogues check security settings, not scaling behaviour.",
  },
  "preflight-karpenter-compatibility": {
    checkov: [],
    cdkNag: [],
    note: `A compatibility constraint between Karpenter and Kubernetes versions: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-karpenter-node-access-entry": {
    checkov: [],
    cdkNag: [],
    note: `An EKS constraint on how nodes join a cluster: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-karpenter-pass-node-role": {
    checkov: [],
    cdkNag: [],
    note: `An IAM permission Karpenter needs to launch nodes: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-karpenter-crds-first": {
    checkov: [],
    cdkNag: [],
    note: "A creation-order constraint between Kubernetes resources: no catalogue rule.",
  },
  "preflight-alarm-actions-region": {
    checkov: [],
    cdkNag: [],
    note: `CloudWatch's rule on where an alarm may notify: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-metric-math-alarm-limits": {
    checkov: [],
    cdkNag: [],
    note: `CloudWatch's limits on the queries of an alarm: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-route53-alarm-health-check": {
    checkov: [],
    cdkNag: [],
    note: `Route 53's rule on which alarms a health check can follow: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-encrypted-topic-publishers": {
    checkov: [],
    cdkNag: [],
    note:
      "The catalogues check that topics are encrypted, not that the services publishing to them can use the key; " +
      "a missing grant fails no apply, it drops notifications.",
  },
  "preflight-karpenter-bounded-teardown": {
    checkov: [],
    cdkNag: [],
    note: "A deletion-order and drain-bound constraint between Kubernetes resources: no catalogue rule.",
  },
  "preflight-eks-private-endpoint-reachable": {
    checkov: [],
    cdkNag: [],
    note:
      "Prevents a private-only cluster that no runner can reach (its Kubernetes resources time out); the catalogues " +
      "check that the endpoint is private (eks-endpoint-private's counterparts), not that it stays reachable: no catalogue rule.",
  },
  "preflight-iam-policy-size": {
    checkov: [],
    cdkNag: [],
    note: `An IAM quota on policy length: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-fifo-messaging": {
    checkov: [],
    cdkNag: [],
    note: `SQS and SNS naming and FIFO pairing rules: ${NOT_A_SECURITY_SETTING}.`,
  },
  "preflight-event-endpoint": {
    checkov: [],
    cdkNag: [],
    note: `EventBridge's rules for a global endpoint's buses, regions and health check: ${NOT_A_SECURITY_SETTING}.`,
  },

  // Red-team classes of issue 12: settings present but off, address space, segmentation, IAM and KMS,
  // data in transit, resource options, credentials, tags.
  "network-flow-logs-all-traffic": {
    checkov: [],
    cdkNag: [],
    note:
      "Both catalogues check only that a VPC has a flow log (checkov with a graph check outside the catalogue), " +
      "not what traffic it captures.",
  },
  "network-isolated-nacl-closed": {
    checkov: [],
    cdkNag: [],
    note:
      "checkov's network ACL rules look at all-port entries and at world-open entries on single ports, on every ACL " +
      "(the latter without an ID in the catalogue); none judges a tier's ACL by the address space it admits. " +
      "cdk-nag's only ACL rule warns that an ACL exists at all.",
  },
  "network-data-egress-not-world": {
    checkov: [],
    cdkNag: [],
    note: "checkov's egress check on security groups has no ID in the catalogue; the AwsSolutions rules do not look at egress.",
  },
  "application-iam-no-wildcard-write": {
    checkov: [same("CKV_AWS_62"), same("CKV_AWS_63"), partial("CKV_AWS_290"), partial("CKV_AWS_355")],
    cdkNag: [partial("AwsSolutions-IAM5")],
    note:
      "Read-only actions and the write actions no resource type scopes (Step Functions' log delivery, X-Ray) may " +
      "use every resource, where the catalogue rules and cdk-nag's wildcard rule flag those too.",
  },
  "application-iam-no-admin-policies": {
    checkov: [partial("CKV_AWS_274")],
    cdkNag: [partial("AwsSolutions-IAM4")],
    note:
      "checkov's rule refuses only the administrator policy, which the policy refuses with power user, IAM full " +
      "access and every full-access policy; cdk-nag refuses every AWS-managed policy, where the policy allows the " +
      "narrow ones AWS documents for EKS nodes, the CNI and Systems Manager.",
  },
  "application-iam-trust-not-open": {
    checkov: [partial("CKV_AWS_60")],
    cdkNag: [],
    note:
      "A wildcard principal pinned to an account or organisation by a condition is allowed. " +
      "The AwsSolutions rules do not look at trust policies.",
  },
  "application-asg-ignore-desired-capacity": {
    checkov: [],
    cdkNag: [],
    note: "A Pulumi resource option, which neither catalogue (both read the resource's settings) can see.",
  },
  "application-no-plaintext-credentials": {
    checkov: [partial("CKV_AWS_46")],
    cdkNag: [],
    note:
      "The checkov rule scans user data of instances and launch templates; the policy scans every input of every " +
      "resource, with fewer patterns. The AwsSolutions rules do not scan inputs for secrets.",
  },
  "data-kms-key-rotation": {
    checkov: [same("CKV_AWS_7")],
    cdkNag: [same("AwsSolutions-KMS5")],
  },
  "data-kms-key-policy-principal": {
    checkov: [partial("CKV_AWS_33")],
    cdkNag: [],
    note:
      "A wildcard principal pinned to the account by a condition (the pattern of KMS's service grants) is allowed. " +
      "The AwsSolutions rules do not look at key policies.",
  },
  "data-aurora-force-ssl": {
    checkov: [],
    cdkNag: [],
    note: "The catalogues check TLS parameters of DocumentDB and Redshift parameter groups, not of Aurora PostgreSQL.",
  },
  "data-proxy-tls-iam": {
    checkov: [],
    cdkNag: [],
    note: "Neither catalogue has an RDS Proxy rule.",
  },
  "data-performance-insights-cmk": {
    checkov: [same("CKV_AWS_354")],
    cdkNag: [],
    note: "The AwsSolutions rules do not look at Performance Insights.",
  },
  "data-secret-recovery-window": {
    checkov: [],
    cdkNag: [],
    note: "Neither catalogue checks a secret's recovery window.",
  },
  "data-stateful-protected": {
    checkov: [],
    cdkNag: [],
    note: "A Pulumi resource option, which neither catalogue can see.",
  },
  "data-tier-segmentation": {
    checkov: [],
    cdkNag: [],
    note: "The catalogues judge a security group's sources one rule at a time, not which tier may reach which.",
  },
  "edge-waf-rules-enforced": {
    checkov: [partial("CKV_AWS_342")],
    cdkNag: [],
    note:
      "The checkov rule refuses a rule without an action; the policy also refuses count actions and overrides and " +
      "a rate limit too high to limit. The AwsSolutions rules do not look at a web ACL's rules.",
  },
  "observability-log-group-retention-floor": {
    checkov: [partial("CKV_AWS_338")],
    cdkNag: [],
    note:
      "A log group without a retention is left to observability-log-group-retention. " +
      "The AwsSolutions rules do not check log group retention.",
  },
  "observability-required-tags": {
    checkov: [],
    cdkNag: [],
    note: "Neither catalogue requires tags by name.",
  },
};
