/**
 * Realistic mock outputs for the offline plan: IDs in AWS's formats, ARNs and DNS names in the
 * resource's real region, physical names the way auto-naming makes them. Everything is derived
 * from a hash of the stack, type and name, so two runs of the same program give the same plan.
 */
import { createHash } from "node:crypto";
import type { MockResourceArgs, MockResourceResult } from "@pulumi/pulumi/runtime";
import { replicaArn } from "../aws/secret-replication";
import { SECRET_REPLICA_TYPE, WRITER_PLACEMENT_TYPE } from "../conventions";

export interface MockContext {
  readonly stack: string;
  readonly accountId: string;
  /** The region of a resource (own `region` input, else its provider's, else the stack's). */
  regionOf(args: MockResourceArgs): string;
  /** Outputs of an already planned stack, by its qualified StackReference name. */
  stackOutputs(name: string): Record<string, unknown> | undefined;
}

function hex(seed: string, length: number): string {
  return createHash("sha1").update(seed).digest("hex").slice(0, length);
}

/** EC2 resource-ID prefixes, by Pulumi type token. */
const EC2_PREFIX: Readonly<Record<string, string>> = {
  "aws:ec2/vpc:Vpc": "vpc",
  "aws:ec2/subnet:Subnet": "subnet",
  "aws:ec2/routeTable:RouteTable": "rtb",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
  "aws:ec2/internetGateway:InternetGateway": "igw",
  "aws:ec2/natGateway:NatGateway": "nat",
  "aws:ec2/eip:Eip": "eipalloc",
  "aws:ec2/securityGroup:SecurityGroup": "sg",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
  "aws:ec2/networkAcl:NetworkAcl": "acl",
  "aws:ec2/flowLog:FlowLog": "fl",
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": "pcx",
  "aws:ec2/launchTemplate:LaunchTemplate": "lt",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
};

/** The service part of an ARN, from the type token's module ("aws:ec2/vpc:Vpc" -> "ec2"). */
function serviceOf(type: string): string {
  const mod = type.split(":")[1]?.split("/")[0] ?? "unknown";
  const map: Record<string, string> = {
    cloudwatch: "logs",
    lb: "elasticloadbalancing",
    alb: "elasticloadbalancing",
  };
  return map[mod] ?? mod;
}

function kindOf(type: string): string {
  const last = type.split(":").pop() ?? type;
  return last.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
}

/** Computes the mock ID and output state of one resource. */
export function mockResource(args: MockResourceArgs, ctx: MockContext): MockResourceResult {
  const { type, name } = args;
  const inputs = args.inputs as Record<string, unknown>;
  const seed = `${ctx.stack}/${type}/${name}`;
  const region = ctx.regionOf(args);
  const account = ctx.accountId;
  const state: Record<string, unknown> = { ...inputs };

  if (type === "pulumi:pulumi:StackReference") {
    const refName = typeof inputs.name === "string" ? inputs.name : (args.id ?? name);
    // A stack not planned yet has no outputs, like a stack not deployed yet: the program's own
    // check of the outputs it needs then names the stack and the apply order.
    const outputs = ctx.stackOutputs(refName) ?? {};
    return { id: refName, state: { name: refName, outputs, secretOutputNames: [] } };
  }
  if (type.startsWith("pulumi:providers:")) {
    return { id: hex(seed, 8) + "-" + hex(seed + "p", 4) + "-" + hex(seed + "q", 4), state };
  }

  const physical = typeof inputs.name === "string" ? inputs.name : `${name}-${hex(seed + "n", 7)}`;
  let id: string;
  const prefix = EC2_PREFIX[type];
  if (
    type === "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter" ||
    type === "aws:ec2/peeringConnectionOptions:PeeringConnectionOptions"
  ) {
    id = String(inputs.vpcPeeringConnectionId);
    state.accepterVpcInfo = undefined;
    state.acceptStatus = "active";
  } else if (type === "aws:ec2/route:Route") {
    id = `r-${String(inputs.routeTableId)}${hex(seed, 8)}`;
  } else if (type === "aws:ec2/networkAclRule:NetworkAclRule") {
    id = `nacl-${hex(seed, 8)}`;
  } else if (prefix) {
    id = `${prefix}-${hex(seed, 17)}`;
    state.arn = `arn:aws:ec2:${region}:${account}:${kindOf(type)}/${id}`;
  } else if (type === "aws:kms/key:Key") {
    id = `${hex(seed, 8)}-${hex(seed + 1, 4)}-4${hex(seed + 2, 3)}-8${hex(seed + 3, 3)}-${hex(seed + 4, 12)}`;
    state.keyId = id;
    state.arn = `arn:aws:kms:${region}:${account}:key/${id}`;
  } else if (type === "aws:kms/alias:Alias") {
    id = String(inputs.name);
    state.arn = `arn:aws:kms:${region}:${account}:${id}`;
    state.targetKeyArn = `arn:aws:kms:${region}:${account}:key/${String(inputs.targetKeyId)}`;
  } else if (type === "aws:cloudwatch/logGroup:LogGroup") {
    id = physical;
    state.name = physical;
    state.arn = `arn:aws:logs:${region}:${account}:log-group:${physical}`;
  } else if (type === "aws:iam/role:Role") {
    id = physical;
    state.name = physical;
    state.arn = `arn:aws:iam::${account}:role/${physical}`;
    state.uniqueId = `AROA${hex(seed, 17).toUpperCase()}`;
  } else if (type === "aws:iam/rolePolicy:RolePolicy") {
    id = `${String(inputs.role)}:${physical}`;
  } else if (type === SECRET_REPLICA_TYPE) {
    // The dynamic provider's create: the replica's ARN (its ID) and status.
    id = replicaArn(String(inputs.primarySecretArn), String(inputs.region));
    state.arn = id;
    state.status = "InSync";
  } else if (type === WRITER_PLACEMENT_TYPE) {
    // The dynamic provider's create: the writers end where config asks.
    id = `${String(inputs.globalClusterIdentifier)}/${String(inputs.globalReplicationGroupId)}`;
    state.auroraWriterRegion = String(inputs.writerRegion);
    state.cachePrimaryRegion = String(inputs.writerRegion);
  } else {
    id = `${kindOf(type)}-${hex(seed, 12)}`;
    state.arn = `arn:aws:${serviceOf(type)}:${region}:${account}:${kindOf(type)}/${physical}`;
  }

  if (type === "aws:ec2/vpc:Vpc") {
    state.defaultSecurityGroupId = `sg-${hex(seed + "dsg", 17)}`;
    state.defaultNetworkAclId = `acl-${hex(seed + "dacl", 17)}`;
    state.mainRouteTableId = `rtb-${hex(seed + "main", 17)}`;
    state.ownerId = account;
  } else if (type === "aws:ec2/eip:Eip") {
    state.allocationId = id;
    state.publicIp = `203.0.113.${(parseInt(hex(seed, 2), 16) % 254) + 1}`;
  } else if (type === "aws:ec2/natGateway:NatGateway") {
    state.publicIp = `198.51.100.${(parseInt(hex(seed, 2), 16) % 254) + 1}`;
  } else if (type === "aws:ec2/vpcEndpoint:VpcEndpoint" && inputs.vpcEndpointType === "Interface") {
    state.dnsEntries = [
      {
        dnsName: `${id}.${String(inputs.serviceName).split(".").pop()}.${region}.vpce.amazonaws.com`,
        hostedZoneId: "Z7HUB22UULQXV",
      },
    ];
  }
  Object.assign(state, extraState(type, inputs, { id, seed, region, account, physical }));
  if (state.name === undefined) state.name = physical;
  if (inputs.tags !== undefined) state.tagsAll = inputs.tags;
  return { id, state };
}

/** Hosted zone IDs of Application Load Balancers, by region (for alias records). */
const ALB_ZONE_IDS: Readonly<Record<string, string>> = {
  "us-east-1": "Z35SXDOTRQ7X7K",
  "us-east-2": "Z3AADJGX6KTTL2",
  "us-west-2": "Z1H1FL5HABSF5",
  "eu-west-1": "Z32O12XQLNTSW2",
  "eu-central-1": "Z215JYRZR1TBD5",
  "ap-south-1": "ZP97RAFLXTNZK",
  "ap-southeast-1": "Z1LMS91P8CMLE5",
  "ap-northeast-1": "Z14GRHDCWA56QT",
};

interface Facts {
  id: string;
  seed: string;
  region: string;
  account: string;
  physical: string;
}

/** Outputs that providers compute, for the types the platform reads them from. */
function extraState(type: string, inputs: Record<string, unknown>, f: Facts): Record<string, unknown> {
  const { seed, region, account, physical } = f;
  switch (type) {
    case "aws:acm/certificate:Certificate": {
      const names = [
        inputs.domainName,
        ...((inputs.subjectAlternativeNames as unknown[] | undefined) ?? []),
      ].map(String);
      return {
        arn: `arn:aws:acm:${region}:${account}:certificate/${hex(seed, 8)}-${hex(seed + 1, 4)}-${hex(seed + 2, 4)}-${hex(seed + 3, 4)}-${hex(seed + 4, 12)}`,
        domainValidationOptions: names.map((domainName) => ({
          domainName,
          resourceRecordName: `_${hex(account + domainName, 32)}.${domainName}.`,
          resourceRecordType: "CNAME",
          resourceRecordValue: `_${hex(domainName + account, 32)}.jkddzztszm.acm-validations.aws.`,
        })),
        status: "ISSUED",
      };
    }
    case "aws:acm/certificateValidation:CertificateValidation":
      return { certificateArn: inputs.certificateArn };
    case "aws:route53/record:Record":
      return { fqdn: String(inputs.name).replace(/\.$/, "") };
    case "aws:lb/loadBalancer:LoadBalancer": {
      const suffix = `app/${physical.slice(0, 32)}/${hex(seed, 16)}`;
      const host = `${physical.slice(0, 32)}-${parseInt(hex(seed, 8), 16)}.${region}.elb.amazonaws.com`;
      return {
        arn: `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/${suffix}`,
        arnSuffix: suffix,
        dnsName: inputs.internal === true ? `internal-${host}` : host,
        zoneId: ALB_ZONE_IDS[region] ?? `Z${hex(region, 12).toUpperCase()}`,
      };
    }
    case "aws:lb/targetGroup:TargetGroup": {
      const suffix = `targetgroup/${physical.slice(0, 32)}/${hex(seed, 16)}`;
      return { arn: `arn:aws:elasticloadbalancing:${region}:${account}:${suffix}`, arnSuffix: suffix };
    }
    case "aws:lb/listener:Listener":
    case "aws:lb/listenerRule:ListenerRule":
      return {
        arn: `arn:aws:elasticloadbalancing:${region}:${account}:listener/app/${hex(seed, 16)}/${hex(seed + 1, 16)}`,
      };
    case "aws:ec2/launchTemplate:LaunchTemplate":
      return { latestVersion: 1, defaultVersion: 1 };
    case "aws:iam/instanceProfile:InstanceProfile":
      return { arn: `arn:aws:iam::${account}:instance-profile/${physical}` };
    case "aws:autoscaling/group:Group":
      return {
        arn: `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:${hex(seed, 8)}:autoScalingGroupName/${physical}`,
      };
    case "aws:autoscaling/policy:Policy":
      return {
        arn: `arn:aws:autoscaling:${region}:${account}:scalingPolicy:${hex(seed, 8)}:autoScalingGroupName/x:policyName/${physical}`,
      };
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
      return { arn: `arn:aws:cloudwatch:${region}:${account}:alarm:${physical}` };
    case "aws:s3/bucket:Bucket":
      return {
        bucket: physical,
        arn: `arn:aws:s3:::${physical}`,
        bucketDomainName: `${physical}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${physical}.s3.${region}.amazonaws.com`,
        region,
      };
    case "aws:rds/globalCluster:GlobalCluster": {
      const id =
        typeof inputs.globalClusterIdentifier === "string" ? inputs.globalClusterIdentifier : physical;
      return {
        arn: `arn:aws:rds::${account}:global-cluster:${id}`,
        endpoint: `${id}.global-${hex(seed, 10)}.global.rds.amazonaws.com`,
        globalClusterResourceId: `cluster-${hex(seed, 26)}`,
      };
    }
    case "aws:rds/cluster:Cluster": {
      const id = typeof inputs.clusterIdentifier === "string" ? inputs.clusterIdentifier : physical;
      return {
        clusterIdentifier: id,
        arn: `arn:aws:rds:${region}:${account}:cluster:${id}`,
        endpoint: `${id}.cluster-${hex(region + account, 12)}.${region}.rds.amazonaws.com`,
        readerEndpoint: `${id}.cluster-ro-${hex(region + account, 12)}.${region}.rds.amazonaws.com`,
        port: 5432,
      };
    }
    case "aws:rds/clusterInstance:ClusterInstance":
      return {
        arn: `arn:aws:rds:${region}:${account}:db:${physical}`,
        endpoint: `${physical}.${hex(region + account, 12)}.${region}.rds.amazonaws.com`,
      };
    case "aws:rds/proxy:Proxy":
      return {
        endpoint: `${physical}.proxy-${hex(region + account, 12)}.${region}.rds.amazonaws.com`,
        arn: `arn:aws:rds:${region}:${account}:db-proxy:prx-${hex(seed, 17)}`,
      };
    case "aws:rds/proxyEndpoint:ProxyEndpoint":
      return {
        endpoint: `${String(inputs.dbProxyEndpointName)}.endpoint.proxy-${hex(region + account, 12)}.${region}.rds.amazonaws.com`,
        arn: `arn:aws:rds:${region}:${account}:db-proxy-endpoint:prx-endpoint-${hex(seed, 17)}`,
      };
    case "aws:elasticache/replicationGroup:ReplicationGroup":
      return {
        arn: `arn:aws:elasticache:${region}:${account}:replicationgroup:${physical}`,
        primaryEndpointAddress: `master.${physical}.${hex(seed, 6)}.${region}.cache.amazonaws.com`,
        readerEndpointAddress: `replica.${physical}.${hex(seed, 6)}.${region}.cache.amazonaws.com`,
      };
    case "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup":
      return {
        globalReplicationGroupId: `${hex(account, 5).replace(/[0-9]/g, "x")}-${String(inputs.globalReplicationGroupIdSuffix)}`,
        arn: `arn:aws:elasticache::${account}:globalreplicationgroup:${String(inputs.globalReplicationGroupIdSuffix)}`,
      };
    case "aws:secretsmanager/secret:Secret":
      return { arn: `arn:aws:secretsmanager:${region}:${account}:secret:${physical}-${hex(seed, 6)}` };
    case "aws:cloudfront/distribution:Distribution": {
      const id = `E${hex(seed, 13).toUpperCase()}`;
      return {
        arn: `arn:aws:cloudfront::${account}:distribution/${id}`,
        domainName: `d${hex(seed, 13)}.cloudfront.net`,
        hostedZoneId: "Z2FDTNDATAQYW2",
        status: "Deployed",
      };
    }
    case "aws:wafv2/webAcl:WebAcl": {
      const scope = inputs.scope === "CLOUDFRONT" ? "global" : "regional";
      return {
        arn: `arn:aws:wafv2:${region}:${account}:${scope}/webacl/${physical}/${hex(seed, 8)}-${hex(seed + 1, 4)}-${hex(seed + 2, 4)}-${hex(seed + 3, 4)}-${hex(seed + 4, 12)}`,
      };
    }
    case "random:index/randomId:RandomId":
      return { hex: hex(seed, 2 * Number(inputs.byteLength ?? 4)) };
    case "aws:eks/cluster:Cluster": {
      const name = typeof inputs.name === "string" ? inputs.name : physical;
      const vpcConfig = (inputs.vpcConfig ?? {}) as Record<string, unknown>;
      return {
        arn: `arn:aws:eks:${region}:${account}:cluster/${name}`,
        endpoint: `https://${hex(seed, 32).toUpperCase()}.gr7.${region}.eks.amazonaws.com`,
        certificateAuthority: { data: Buffer.from(`mock CA of ${name}`).toString("base64") },
        identities: [
          {
            oidcs: [
              {
                issuer: `https://oidc.eks.${region}.amazonaws.com/id/${hex(seed + "oidc", 32).toUpperCase()}`,
              },
            ],
          },
        ],
        vpcConfig: {
          ...vpcConfig,
          clusterSecurityGroupId: `sg-${hex(seed + "csg", 17)}`,
          vpcId: `vpc-${hex(seed + "vpc", 17)}`,
        },
        platformVersion: "eks.1",
        status: "ACTIVE",
      };
    }
    case "aws:eks/nodeGroup:NodeGroup":
      return {
        arn: `arn:aws:eks:${region}:${account}:nodegroup/${String(inputs.clusterName)}/${physical}/${hex(seed, 8)}`,
        nodeGroupName: physical,
        status: "ACTIVE",
      };
    case "aws:eks/addon:Addon":
      return {
        arn: `arn:aws:eks:${region}:${account}:addon/${String(inputs.clusterName)}/${String(inputs.addonName)}/${hex(seed, 8)}`,
      };
    case "aws:eks/accessEntry:AccessEntry":
      return {
        accessEntryArn: `arn:aws:eks:${region}:${account}:access-entry/${String(inputs.clusterName)}/${hex(seed, 8)}`,
      };
    case "aws:eks/podIdentityAssociation:PodIdentityAssociation":
      return {
        associationId: `a-${hex(seed, 17)}`,
        associationArn: `arn:aws:eks:${region}:${account}:podidentityassociation/${String(inputs.clusterName)}/a-${hex(seed, 17)}`,
      };
    case "aws:iam/policy:Policy":
      return {
        arn: `arn:aws:iam::${account}:policy/${physical}`,
        policyId: `ANPA${hex(seed, 17).toUpperCase()}`,
      };
    case "aws:sqs/queue:Queue": {
      const name = typeof inputs.name === "string" ? inputs.name : physical;
      return {
        arn: `arn:aws:sqs:${region}:${account}:${name}`,
        url: `https://sqs.${region}.amazonaws.com/${account}/${name}`,
      };
    }
    case "aws:cloudwatch/eventRule:EventRule": {
      // A rule on a custom bus has the bus in its ARN: rule/<bus>/<rule>.
      const bus =
        typeof inputs.eventBusName === "string" && inputs.eventBusName !== "default"
          ? `${inputs.eventBusName}/`
          : "";
      return { arn: `arn:aws:events:${region}:${account}:rule/${bus}${physical}` };
    }
    case "aws:cloudwatch/eventBus:EventBus":
      return { arn: `arn:aws:events:${region}:${account}:event-bus/${physical}` };
    case "aws:cloudwatch/eventArchive:EventArchive":
      return { arn: `arn:aws:events:${region}:${account}:archive/${physical}` };
    case "aws:cloudwatch/eventEndpoint:EventEndpoint":
      return {
        arn: `arn:aws:events:${region}:${account}:endpoint/${physical}`,
        endpointUrl: `https://${hex(seed, 5)}.${hex(seed + "e", 4)}.endpoint.events.amazonaws.com`,
      };
    case "aws:sns/topic:Topic":
      return { arn: `arn:aws:sns:${region}:${account}:${physical}` };
    case "aws:sns/topicSubscription:TopicSubscription":
      return {
        arn: `arn:aws:sns:${region}:${account}:${String(inputs.topic).split(":").pop()}:${hex(seed, 8)}-${hex(seed + 1, 4)}-${hex(seed + 2, 4)}-${hex(seed + 3, 4)}-${hex(seed + 4, 12)}`,
      };
    case "aws:sfn/stateMachine:StateMachine":
      return { arn: `arn:aws:states:${region}:${account}:stateMachine:${physical}` };
    case "aws:cloudwatch/compositeAlarm:CompositeAlarm": {
      const name = typeof inputs.alarmName === "string" ? inputs.alarmName : physical;
      return { arn: `arn:aws:cloudwatch:${region}:${account}:alarm:${name}` };
    }
    case "aws:cloudwatch/dashboard:Dashboard": {
      const name = typeof inputs.dashboardName === "string" ? inputs.dashboardName : physical;
      return { dashboardArn: `arn:aws:cloudwatch::${account}:dashboard/${name}` };
    }
    case "aws:costexplorer/anomalyMonitor:AnomalyMonitor":
      return {
        arn: `arn:aws:ce::${account}:anomalymonitor/${hex(seed, 8)}-${hex(seed + 1, 4)}-${hex(seed + 2, 4)}-${hex(seed + 3, 4)}-${hex(seed + 4, 12)}`,
      };
    case "aws:costexplorer/anomalySubscription:AnomalySubscription":
      return {
        arn: `arn:aws:ce::${account}:anomalysubscription/${hex(seed, 8)}-${hex(seed + 1, 4)}-${hex(seed + 2, 4)}-${hex(seed + 3, 4)}-${hex(seed + 4, 12)}`,
      };
    case "random:index/randomPassword:RandomPassword":
      return {
        result: (hex(seed + "a", 40) + hex(seed + "b", 40) + hex(seed + "c", 40)).slice(
          0,
          Number(inputs.length ?? 32),
        ),
      };
    default:
      return {};
  }
}
