import type { StackValidationPolicy } from "@pulumi/policy";
import { tagValue } from "../lib/values";

/** Tags every taggable resource carries: who owns it, who pays for it, which environment it is. */
export const REQUIRED_TAGS = ["owner", "cost-center", "environment"] as const;

/**
 * The resource types of the platform that take `tags` (their Args declare it in @pulumi/aws;
 * tests/policies/observability/required-tags.test.ts checks the list against the provider for every
 * type in the real plans, so a new taggable type cannot slip by).
 */
export const TAGGABLE_TYPES: readonly string[] = [
  "aws:acm/certificate:Certificate",
  "aws:appautoscaling/target:Target",
  "aws:autoscaling/group:Group",
  "aws:cloudfront/distribution:Distribution",
  "aws:cloudwatch/compositeAlarm:CompositeAlarm",
  "aws:cloudwatch/eventBus:EventBus",
  "aws:cloudwatch/eventRule:EventRule",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:costexplorer/anomalyMonitor:AnomalyMonitor",
  "aws:costexplorer/anomalySubscription:AnomalySubscription",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  "aws:ec2/eip:Eip",
  "aws:ec2/flowLog:FlowLog",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:ec2/managedPrefixList:ManagedPrefixList",
  "aws:ec2/natGateway:NatGateway",
  "aws:ec2/networkAcl:NetworkAcl",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/vpc:Vpc",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
  "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
  "aws:eks/accessEntry:AccessEntry",
  "aws:eks/addon:Addon",
  "aws:eks/cluster:Cluster",
  "aws:eks/nodeGroup:NodeGroup",
  "aws:eks/podIdentityAssociation:PodIdentityAssociation",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:elasticache/subnetGroup:SubnetGroup",
  "aws:iam/instanceProfile:InstanceProfile",
  "aws:iam/policy:Policy",
  "aws:iam/role:Role",
  "aws:kms/key:Key",
  "aws:lb/listener:Listener",
  "aws:lb/listenerRule:ListenerRule",
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:lb/targetGroup:TargetGroup",
  "aws:rds/cluster:Cluster",
  "aws:rds/clusterInstance:ClusterInstance",
  "aws:rds/clusterParameterGroup:ClusterParameterGroup",
  "aws:rds/globalCluster:GlobalCluster",
  "aws:rds/proxy:Proxy",
  "aws:rds/proxyEndpoint:ProxyEndpoint",
  "aws:rds/subnetGroup:SubnetGroup",
  "aws:route53/healthCheck:HealthCheck",
  "aws:route53/zone:Zone",
  "aws:s3/bucket:Bucket",
  "aws:secretsmanager/secret:Secret",
  "aws:sfn/stateMachine:StateMachine",
  "aws:sns/topic:Topic",
  "aws:sqs/queue:Queue",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:wafv2/webAcl:WebAcl",
];

/**
 * Every taggable resource carries the `owner`, `cost-center` and `environment` tags (non-empty),
 * as a map or, on an Auto Scaling group, as its list of tags. Cost allocation, ownership and the
 * production rules (data-stateful-protected) read them.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const requiredTags: StackValidationPolicy = {
  name: "observability-required-tags",
  description: "Every taggable resource must carry the owner, cost-center and environment tags.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const r of args.resources.filter((x) => TAGGABLE_TYPES.includes(x.type))) {
      const missing = REQUIRED_TAGS.filter((k) => !tagValue(r.props, k));
      if (missing.length > 0) {
        reportViolation(
          `"${r.name}" (${r.type}) lacks the tags ${missing.join(", ")}: set them (platform:tags, platform:environment).`,
          r.urn,
        );
      }
    }
  },
};
