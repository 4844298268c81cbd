/**
 * Coverage of the catalogues (policies/reference/) over what the platform creates: for every AWS
 * resource type in the real stacks' plans, the Terraform type checkov's checks name and the
 * cdk-nag AwsSolutions rules that judge it; every such catalogue rule either maps to a policy
 * (policies/catalog.ts) or has a line below saying why the pack has none. A test
 * (tests/policies/coverage.test.ts) fails on a type of the plans missing here, or on a rule that
 * applies and is neither mapped nor explained; docs/policies.md shows the table.
 */

/** The Terraform resource type of each AWS type the plans hold (checkov's checks name these). */
export const TERRAFORM_TYPES: Readonly<Record<string, string>> = {
  "aws:acm/certificate:Certificate": "aws_acm_certificate",
  "aws:acm/certificateValidation:CertificateValidation": "aws_acm_certificate_validation",
  "aws:appautoscaling/policy:Policy": "aws_appautoscaling_policy",
  "aws:appautoscaling/target:Target": "aws_appautoscaling_target",
  "aws:autoscaling/group:Group": "aws_autoscaling_group",
  "aws:autoscaling/policy:Policy": "aws_autoscaling_policy",
  "aws:autoscaling/schedule:Schedule": "aws_autoscaling_schedule",
  "aws:cloudfront/cachePolicy:CachePolicy": "aws_cloudfront_cache_policy",
  "aws:cloudfront/distribution:Distribution": "aws_cloudfront_distribution",
  "aws:cloudfront/originAccessControl:OriginAccessControl": "aws_cloudfront_origin_access_control",
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": "aws_cloudfront_response_headers_policy",
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": "aws_cloudwatch_composite_alarm",
  "aws:cloudwatch/dashboard:Dashboard": "aws_cloudwatch_dashboard",
  "aws:cloudwatch/eventArchive:EventArchive": "aws_cloudwatch_event_archive",
  "aws:cloudwatch/eventBus:EventBus": "aws_cloudwatch_event_bus",
  "aws:cloudwatch/eventEndpoint:EventEndpoint": "aws_cloudwatch_event_endpoint",
  "aws:cloudwatch/eventRule:EventRule": "aws_cloudwatch_event_rule",
  "aws:cloudwatch/eventTarget:EventTarget": "aws_cloudwatch_event_target",
  "aws:cloudwatch/logGroup:LogGroup": "aws_cloudwatch_log_group",
  "aws:cloudwatch/metricAlarm:MetricAlarm": "aws_cloudwatch_metric_alarm",
  "aws:costexplorer/anomalyMonitor:AnomalyMonitor": "aws_ce_anomaly_monitor",
  "aws:costexplorer/anomalySubscription:AnomalySubscription": "aws_ce_anomaly_subscription",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "aws_default_security_group",
  "aws:ec2/eip:Eip": "aws_eip",
  "aws:ec2/flowLog:FlowLog": "aws_flow_log",
  "aws:ec2/internetGateway:InternetGateway": "aws_internet_gateway",
  "aws:ec2/launchTemplate:LaunchTemplate": "aws_launch_template",
  "aws:ec2/natGateway:NatGateway": "aws_nat_gateway",
  "aws:ec2/networkAcl:NetworkAcl": "aws_network_acl",
  "aws:ec2/networkAclRule:NetworkAclRule": "aws_network_acl_rule",
  "aws:ec2/peeringConnectionOptions:PeeringConnectionOptions": "aws_vpc_peering_connection_options",
  "aws:ec2/route:Route": "aws_route",
  "aws:ec2/routeTable:RouteTable": "aws_route_table",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "aws_route_table_association",
  "aws:ec2/securityGroup:SecurityGroup": "aws_security_group",
  "aws:ec2/subnet:Subnet": "aws_subnet",
  "aws:ec2/tag:Tag": "aws_ec2_tag",
  "aws:ec2/vpc:Vpc": "aws_vpc",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "aws_vpc_endpoint",
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": "aws_vpc_peering_connection",
  "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter": "aws_vpc_peering_connection_accepter",
  "aws:eks/accessEntry:AccessEntry": "aws_eks_access_entry",
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": "aws_eks_access_policy_association",
  "aws:eks/addon:Addon": "aws_eks_addon",
  "aws:eks/cluster:Cluster": "aws_eks_cluster",
  "aws:eks/nodeGroup:NodeGroup": "aws_eks_node_group",
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": "aws_eks_pod_identity_association",
  "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup": "aws_elasticache_global_replication_group",
  "aws:elasticache/replicationGroup:ReplicationGroup": "aws_elasticache_replication_group",
  "aws:elasticache/subnetGroup:SubnetGroup": "aws_elasticache_subnet_group",
  "aws:iam/instanceProfile:InstanceProfile": "aws_iam_instance_profile",
  "aws:iam/policy:Policy": "aws_iam_policy",
  "aws:iam/role:Role": "aws_iam_role",
  "aws:iam/rolePolicy:RolePolicy": "aws_iam_role_policy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "aws_iam_role_policy_attachment",
  "aws:kms/alias:Alias": "aws_kms_alias",
  "aws:kms/key:Key": "aws_kms_key",
  "aws:lb/listener:Listener": "aws_lb_listener",
  "aws:lb/listenerRule:ListenerRule": "aws_lb_listener_rule",
  "aws:lb/loadBalancer:LoadBalancer": "aws_lb",
  "aws:lb/targetGroup:TargetGroup": "aws_lb_target_group",
  "aws:rds/cluster:Cluster": "aws_rds_cluster",
  "aws:rds/clusterInstance:ClusterInstance": "aws_rds_cluster_instance",
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": "aws_rds_cluster_parameter_group",
  "aws:rds/globalCluster:GlobalCluster": "aws_rds_global_cluster",
  "aws:rds/proxy:Proxy": "aws_db_proxy",
  "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup": "aws_db_proxy_default_target_group",
  "aws:rds/proxyEndpoint:ProxyEndpoint": "aws_db_proxy_endpoint",
  "aws:rds/proxyTarget:ProxyTarget": "aws_db_proxy_target",
  "aws:rds/subnetGroup:SubnetGroup": "aws_db_subnet_group",
  "aws:route53/healthCheck:HealthCheck": "aws_route53_health_check",
  "aws:route53/record:Record": "aws_route53_record",
  "aws:route53/zone:Zone": "aws_route53_zone",
  "aws:s3/bucket:Bucket": "aws_s3_bucket",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": "aws_s3_bucket_lifecycle_configuration",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": "aws_s3_bucket_ownership_controls",
  "aws:s3/bucketPolicy:BucketPolicy": "aws_s3_bucket_policy",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "aws_s3_bucket_public_access_block",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
    "aws_s3_bucket_server_side_encryption_configuration",
  "aws:s3/bucketVersioning:BucketVersioning": "aws_s3_bucket_versioning",
  "aws:secretsmanager/secret:Secret": "aws_secretsmanager_secret",
  "aws:secretsmanager/secretVersion:SecretVersion": "aws_secretsmanager_secret_version",
  "aws:sfn/stateMachine:StateMachine": "aws_sfn_state_machine",
  "aws:sns/topic:Topic": "aws_sns_topic",
  "aws:sns/topicPolicy:TopicPolicy": "aws_sns_topic_policy",
  "aws:sns/topicSubscription:TopicSubscription": "aws_sns_topic_subscription",
  "aws:sqs/queue:Queue": "aws_sqs_queue",
  "aws:sqs/queuePolicy:QueuePolicy": "aws_sqs_queue_policy",
  "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy": "aws_sqs_queue_redrive_allow_policy",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "aws_vpc_security_group_egress_rule",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "aws_vpc_security_group_ingress_rule",
  "aws:wafv2/webAcl:WebAcl": "aws_wafv2_web_acl",
  "aws:wafv2/webAclAssociation:WebAclAssociation": "aws_wafv2_web_acl_association",
  "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration":
    "aws_wafv2_web_acl_logging_configuration",
};

/**
 * The cdk-nag AwsSolutions rules that judge each AWS type of the plans (the catalogue names no
 * resource types; read from each rule's cause). Rules on other kinds of the same service are left
 * out: classic load balancers (the platform runs ALBs), standalone instances, non-Aurora and
 * Aurora MySQL databases, streaming distributions.
 */
export const CDK_NAG_RULES: Readonly<Record<string, readonly string[]>> = {
  "aws:autoscaling/group:Group": ["AwsSolutions-AS1", "AwsSolutions-AS2", "AwsSolutions-AS3"],
  "aws:cloudfront/distribution:Distribution": [
    "AwsSolutions-CFR1",
    "AwsSolutions-CFR2",
    "AwsSolutions-CFR3",
    "AwsSolutions-CFR4",
    "AwsSolutions-CFR5",
    "AwsSolutions-CFR7",
  ],
  "aws:cloudwatch/eventBus:EventBus": ["AwsSolutions-EVB1"],
  "aws:ec2/launchTemplate:LaunchTemplate": ["AwsSolutions-EC26", "AwsSolutions-EC28"],
  "aws:ec2/networkAcl:NetworkAcl": ["AwsSolutions-VPC3"],
  "aws:ec2/networkAclRule:NetworkAclRule": ["AwsSolutions-VPC3"],
  "aws:ec2/securityGroup:SecurityGroup": ["AwsSolutions-EC23", "AwsSolutions-EC27"],
  "aws:ec2/vpc:Vpc": ["AwsSolutions-VPC7"],
  "aws:eks/cluster:Cluster": ["AwsSolutions-EKS1", "AwsSolutions-EKS2"],
  "aws:elasticache/replicationGroup:ReplicationGroup": [
    "AwsSolutions-AEC1",
    "AwsSolutions-AEC3",
    "AwsSolutions-AEC4",
    "AwsSolutions-AEC5",
    "AwsSolutions-AEC6",
  ],
  "aws:iam/policy:Policy": ["AwsSolutions-IAM5"],
  "aws:iam/role:Role": ["AwsSolutions-IAM4", "AwsSolutions-IAM5"],
  "aws:iam/rolePolicy:RolePolicy": ["AwsSolutions-IAM5"],
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["AwsSolutions-IAM4"],
  "aws:kms/key:Key": ["AwsSolutions-KMS5"],
  "aws:lb/loadBalancer:LoadBalancer": ["AwsSolutions-ELB2"],
  "aws:rds/cluster:Cluster": [
    "AwsSolutions-RDS2",
    "AwsSolutions-RDS6",
    "AwsSolutions-RDS10",
    "AwsSolutions-RDS11",
  ],
  "aws:s3/bucket:Bucket": ["AwsSolutions-S1", "AwsSolutions-S2", "AwsSolutions-S10"],
  "aws:s3/bucketPolicy:BucketPolicy": ["AwsSolutions-S5", "AwsSolutions-S10"],
  "aws:secretsmanager/secret:Secret": ["AwsSolutions-SMG4"],
  "aws:sfn/stateMachine:StateMachine": ["AwsSolutions-SF1", "AwsSolutions-SF2"],
  "aws:sns/topic:Topic": ["AwsSolutions-SNS3"],
  "aws:sqs/queue:Queue": ["AwsSolutions-SQS2", "AwsSolutions-SQS3", "AwsSolutions-SQS4"],
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ["AwsSolutions-EC23"],
};

/**
 * Catalogue rules that judge a type of the plans and map to no policy: why not. Keyed by the
 * catalogue's ID. (The reasons may name rule IDs: this table is the place for them.)
 */
export const NOT_COVERED: Readonly<Record<string, string>> = {
  CKV_AWS_233:
    "Create-before-destroy is Terraform's lifecycle option; Pulumi replaces create-first unless deleteBeforeReplace is set, which no certificate sets.",
  CKV_AWS_234:
    "Certificate transparency logging is ACM's default and the program does not turn it off; not a risk worth a rule.",
  CKV_AWS_153:
    "Launch configurations are refused (application-asg-launch-template); the groups propagate their tags at launch, and observability-required-tags checks the tags.",
  CKV_AWS_374:
    "Geo restriction is a business choice: the shop sells worldwide (also cdk-nag's CloudFront geo rule, a warning).",
  CKV_AWS_305:
    "A default root object matters for S3 website origins; the distribution's default origin is the web tier's load balancer.",
  CKV_AWS_216:
    "A disabled distribution serves nothing; enabling it is the point of the program, not a security setting.",
  CKV_AWS_310:
    "The distribution has an origin group with failover to the standby region; preflight-origin-failover-codes checks its codes, no policy requires the group.",
  CKV_AWS_226:
    "Minor upgrades are applied through the global cluster's engineVersion (all members at once), so instances turn automatic minor upgrades off on purpose.",
  CKV_AWS_100:
    "The EKS node groups declare no remote access (SSH) at all; nodes are reached through Systems Manager.",
  CKV_AWS_393: "The platform has no GitHub Actions OIDC role.",
  CKV_AWS_61:
    "The checkov rule refuses trust in a whole account (its root); the platform's roles trust services only, and application-iam-trust-not-open refuses open trust.",
  CKV_AWS_227:
    "A disabled key is the decision of a key administrator, not a program setting; the program never sets isEnabled false.",
  CKV_AWS_152:
    "Cross-zone balancing is always on for Application Load Balancers; the rule concerns network and gateway load balancers.",
  CKV_AWS_261:
    "The target groups define health checks in the program; application-asg-elb-health-check makes the groups use them.",
  CKV_AWS_352:
    "The isolated tier's ACL allows all ports from the VPC's and peered VPCs' CIDRs on purpose (security groups filter ports); network-isolated-nacl-closed refuses the internet.",
  CKV_AWS_325: "MySQL audit logging: the platform runs Aurora PostgreSQL.",
  CKV_AWS_326: "Backtrack exists only for Aurora MySQL (also cdk-nag's backtrack rule).",
  CKV_AWS_313:
    "The clusters copy tags to snapshots in the program; tags are not a security control, so no policy.",
  CKV_AWS_118:
    "Enhanced monitoring is off: Performance Insights and CloudWatch metrics are the platform's database monitoring.",
  CKV_AWS_353:
    "Performance Insights is on in the program; data-performance-insights-cmk checks its key where it is on.",
  CKV_AWS_250:
    "The log_fdw advisory concerns PostgreSQL versions before 13; the clusters run 16, and preflight checks the engine version's support.",
  CKV_AWS_70:
    "Bucket policies grant only to CloudFront and log delivery services with source conditions; edge-s3-block-public-access blocks public policies.",
  CKV_AWS_143:
    "Object lock would make the access-log buckets' lifecycle expiry impossible; logs need no write-once storage here.",
  CKV_AWS_93:
    "The bucket policies only allow service principals and deny plain HTTP; none denies all but root.",
  CKV_AWS_385:
    "The order topic's policy allows cross-region (same-account) publishers under source conditions; events-resource-policy-source checks them.",
  CKV_AWS_387:
    "events-resource-policy-source refuses queue policies open to everyone without a source condition.",
  CKV_AWS_72:
    "events-resource-policy-source names the principals; the queue policies allow sqs:SendMessage only.",
  CKV_AWS_285:
    "The state machine logs errors (not every event, which would copy order payloads into logs); events-state-machine-logging requires a log destination.",
  CKV_AWS_192:
    "AWSManagedRulesKnownBadInputsRuleSet (which blocks Log4j lookups) is on both web ACLs; edge-waf-rules asks only for the common set.",
  "AwsSolutions-AS2":
    "The rule asks for a health-check grace period with ELB health checks; application-asg-elb-health-check requires the ELB health check, and the groups set a grace period in the program.",
  "AwsSolutions-EC27":
    "Every group has a description in the program (EC2 requires one); preflight-security-group-descriptions checks what EC2 accepts in it, not that it says something.",
  "AwsSolutions-AS1":
    "The groups use target tracking with instance warm-up, which replaces the simple-scaling cooldown.",
  "AwsSolutions-AS3":
    "Scaling notifications: the platform watches capacity with CloudWatch alarms (observability layer) instead.",
  "AwsSolutions-CFR1": "Geo restriction is a business choice: the shop sells worldwide.",
  "AwsSolutions-VPC3":
    "A warning that an ACL exists: the isolated tier's ACL is deliberate defence in depth.",
  "AwsSolutions-AEC1":
    "Replication groups are always in a VPC when given a subnet group, which the cache component always sets.",
  "AwsSolutions-AEC5":
    "Port obfuscation is not a control; the platform uses the engine's port (src/conventions.ts PORT).",
  "AwsSolutions-RDS11":
    "Port obfuscation is not a control; the platform uses the engine's port (src/conventions.ts PORT).",
  "AwsSolutions-S1":
    "The buckets are log buckets themselves (CloudFront and load balancer access logs); logging a log bucket's access into another would recurse.",
  "AwsSolutions-S5":
    "No bucket is a static website; the content bucket is reached through origin access control (edge-cloudfront-s3-oac).",
  "AwsSolutions-SMG4":
    "The Aurora master secret is rotated out of band: global database members cannot use RDS-managed rotation (docs/architecture.md).",
  "AwsSolutions-EVB1":
    "events-resource-policy-source refuses bus policies open to everyone without a source condition.",
};
