import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TAG } from "../../src/conventions";
import { tagsFor, type Tags } from "../lib/tags";
import { subnetLayout } from "./layout";
import { NETWORK_DEFAULTS } from "../../src/config/defaults";

export type NatStrategy = "one-per-az" | "single" | "none";

/** Arguments of {@link Vpc}. */
export interface VpcArgs {
  /** The VPC's IPv4 CIDR, an RFC 1918 block of /16 to /20 (see `layout.ts` for the split). */
  readonly cidr: string;
  /** The region the VPC and every resource of it live in (also names the endpoint services). */
  readonly region: string;
  /** The account that owns the VPC: the flow logs role admits the service only for its flow logs. */
  readonly accountId: string;
  /**
   * Availability Zone names, at least 2. Position i gets subnet slot i in every tier, so append
   * new zones at the end: reordering renumbers subnets.
   */
  readonly availabilityZones: readonly string[];
  /**
   * NAT gateways for the private tier: one per zone (zone-independent egress), a single one
   * (cheaper, one zone's failure cuts egress everywhere) or none (no internet egress).
   * @default "one-per-az"
   */
  readonly natStrategy?: NatStrategy;
  /** Interface endpoint services (e.g. "ssm", "ecr.api"), placed in the private subnets. @default [] */
  readonly interfaceEndpoints?: readonly string[];
  /** KMS key ARN that encrypts the flow log group. */
  readonly flowLogKmsKeyArn: pulumi.Input<string>;
  /** Flow log retention in days (a CloudWatch Logs retention value). @default 365 */
  readonly flowLogRetentionDays?: number;
  /** Value of the `karpenter.sh/discovery` tag on private subnets. @default no tag */
  readonly karpenterDiscovery?: string;
  /** Tags for every resource; each also gets a `Name`. @default {} */
  readonly tags?: Tags;
}

/** One tier's subnets and route tables, in zone order. */
export interface TierOutputs {
  readonly subnetIds: pulumi.Output<string>[];
  readonly routeTableIds: pulumi.Output<string>[];
}

/**
 * A VPC with three subnet tiers in every Availability Zone:
 * - public: internet gateway route, NAT gateways, load balancers; no public IP auto-assignment;
 * - private: egress through NAT (per `natStrategy`), one route table per subnet;
 * - isolated: no internet route, one route table per subnet, a network ACL that admits the VPC.
 *
 * Also: DNS support and hostnames, the default security group stripped of every rule, flow logs
 * of all traffic to a KMS-encrypted log group, S3 and DynamoDB gateway endpoints on the private
 * route tables (the isolated tier's ACL would deny their traffic), and interface endpoints from
 * `interfaceEndpoints`.
 */
export class Vpc extends pulumi.ComponentResource {
  readonly vpc: aws.ec2.Vpc;
  readonly vpcId: pulumi.Output<string>;
  readonly cidr: string;
  readonly public: TierOutputs;
  readonly private: TierOutputs;
  readonly isolated: TierOutputs;
  readonly natGatewayIds: pulumi.Output<string>[];
  readonly isolatedNetworkAclId: pulumi.Output<string>;
  readonly flowLogGroupName: pulumi.Output<string>;

  constructor(name: string, args: VpcArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:Vpc", name, {}, opts);
    const child = { parent: this };
    const region = args.region;
    const tags = (n: string, extra?: Tags) => tagsFor(args.tags, n, extra);
    const nat = args.natStrategy ?? NETWORK_DEFAULTS.natStrategy;
    const zones = subnetLayout(args.cidr, args.availabilityZones);
    if (zones.length < 2)
      throw new Error(`Vpc ${name}: needs at least 2 Availability Zones, got ${zones.length}`);

    this.cidr = args.cidr;
    this.vpc = new aws.ec2.Vpc(
      name,
      { region, cidrBlock: args.cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: tags(name) },
      child,
    );
    const vpcId = this.vpc.id;
    this.vpcId = vpcId;

    // Adopting the default security group with no rules strips AWS's allow-all-from-itself rules.
    new aws.ec2.DefaultSecurityGroup(
      `${name}-default-sg`,
      { region, vpcId, ingress: [], egress: [], tags: tags(`${name}-default-sg`) },
      child,
    );

    const igw = new aws.ec2.InternetGateway(
      `${name}-igw`,
      { region, vpcId, tags: tags(`${name}-igw`) },
      child,
    );

    // Public tier: one route table shared by the public subnets, default route to the internet gateway.
    const publicRt = new aws.ec2.RouteTable(
      `${name}-public`,
      { region, vpcId, tags: tags(`${name}-public`) },
      child,
    );
    new aws.ec2.Route(
      `${name}-public-default`,
      { region, routeTableId: publicRt.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
      child,
    );
    const publicSubnets = zones.map((z) => {
      const n = `${name}-public-${z.availabilityZone}`;
      const subnet = new aws.ec2.Subnet(
        n,
        {
          region,
          vpcId,
          cidrBlock: z.public,
          availabilityZone: z.availabilityZone,
          mapPublicIpOnLaunch: false,
          tags: tags(n, { [TAG.subnetTier]: "public", "kubernetes.io/role/elb": "1" }),
        },
        child,
      );
      new aws.ec2.RouteTableAssociation(n, { region, subnetId: subnet.id, routeTableId: publicRt.id }, child);
      return subnet;
    });

    // NAT gateways per strategy, each in a public subnet.
    const natCount = nat === "one-per-az" ? zones.length : nat === "single" ? 1 : 0;
    const natGateways = zones.slice(0, natCount).map((z, i) => {
      const n = `${name}-nat-${z.availabilityZone}`;
      const eip = new aws.ec2.Eip(
        n,
        { region, domain: "vpc", tags: tags(n) },
        { ...child, dependsOn: [igw] },
      );
      return new aws.ec2.NatGateway(
        n,
        {
          region,
          allocationId: eip.id,
          subnetId: publicSubnets[i].id,
          connectivityType: "public",
          tags: tags(n),
        },
        child,
      );
    });
    this.natGatewayIds = natGateways.map((g) => g.id);

    // Private tier: a route table per subnet, default route to the zone's NAT (or the single one).
    const privateTier = zones.map((z, i) => {
      const n = `${name}-private-${z.availabilityZone}`;
      const subnet = new aws.ec2.Subnet(
        n,
        {
          region,
          vpcId,
          cidrBlock: z.private,
          availabilityZone: z.availabilityZone,
          mapPublicIpOnLaunch: false,
          tags: tags(n, {
            [TAG.subnetTier]: "private",
            "kubernetes.io/role/internal-elb": "1",
            ...(args.karpenterDiscovery ? { "karpenter.sh/discovery": args.karpenterDiscovery } : {}),
          }),
        },
        child,
      );
      const rt = new aws.ec2.RouteTable(n, { region, vpcId, tags: tags(n) }, child);
      new aws.ec2.RouteTableAssociation(n, { region, subnetId: subnet.id, routeTableId: rt.id }, child);
      if (natGateways.length > 0) {
        const gw = natGateways[Math.min(i, natGateways.length - 1)];
        new aws.ec2.Route(
          `${n}-default`,
          { region, routeTableId: rt.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: gw.id },
          child,
        );
      }
      return { subnet, rt };
    });

    // Isolated tier: no route out of the VPC (peering routes are added by the peering owner).
    const isolatedTier = zones.map((z) => {
      const n = `${name}-isolated-${z.availabilityZone}`;
      const subnet = new aws.ec2.Subnet(
        n,
        {
          region,
          vpcId,
          cidrBlock: z.isolated,
          availabilityZone: z.availabilityZone,
          mapPublicIpOnLaunch: false,
          tags: tags(n, { [TAG.subnetTier]: "isolated" }),
        },
        child,
      );
      const rt = new aws.ec2.RouteTable(n, { region, vpcId, tags: tags(n) }, child);
      new aws.ec2.RouteTableAssociation(n, { region, subnetId: subnet.id, routeTableId: rt.id }, child);
      return { subnet, rt };
    });

    // Network ACL on the isolated tier: traffic only to and from the VPC (peers add their own rules).
    const acl = new aws.ec2.NetworkAcl(
      `${name}-isolated`,
      { region, vpcId, subnetIds: isolatedTier.map((t) => t.subnet.id), tags: tags(`${name}-isolated`) },
      child,
    );
    for (const egress of [false, true]) {
      new aws.ec2.NetworkAclRule(
        `${name}-isolated-${egress ? "egress" : "ingress"}-vpc`,
        {
          region,
          networkAclId: acl.id,
          ruleNumber: 100,
          egress,
          protocol: "-1",
          ruleAction: "allow",
          cidrBlock: args.cidr,
        },
        child,
      );
    }
    this.isolatedNetworkAclId = acl.id;

    this.public = { subnetIds: publicSubnets.map((s) => s.id), routeTableIds: [publicRt.id] };
    this.private = {
      subnetIds: privateTier.map((t) => t.subnet.id),
      routeTableIds: privateTier.map((t) => t.rt.id),
    };
    this.isolated = {
      subnetIds: isolatedTier.map((t) => t.subnet.id),
      routeTableIds: isolatedTier.map((t) => t.rt.id),
    };

    // Gateway endpoints (free) keep S3 and DynamoDB traffic off the NAT gateways, on the private
    // route tables only: traffic through a gateway endpoint goes to the service's public ranges,
    // which the isolated tier's network ACL (VPC and peer CIDRs) denies, and ACL rules cannot name
    // the services' prefix lists ("Gateway endpoints for Amazon S3", considerations, AWS PrivateLink
    // guide). The private tier keeps the default ACL. Changing routeTableIds is an in-place update
    // (ModifyVpcEndpoint Add/RemoveRouteTableIds: terraform-provider-aws vpc_endpoint.go).
    for (const service of ["s3", "dynamodb"]) {
      new aws.ec2.VpcEndpoint(
        `${name}-${service}`,
        {
          region,
          vpcId,
          serviceName: `com.amazonaws.${args.region}.${service}`,
          vpcEndpointType: "Gateway",
          routeTableIds: this.private.routeTableIds,
          tags: tags(`${name}-${service}`),
        },
        child,
      );
    }

    const endpoints = args.interfaceEndpoints ?? [];
    if (endpoints.length > 0) {
      const sg = new aws.ec2.SecurityGroup(
        `${name}-endpoints`,
        {
          region,
          vpcId,
          description: "Interface endpoints: HTTPS from inside the VPC",
          ingress: [
            {
              protocol: "tcp",
              fromPort: 443,
              toPort: 443,
              cidrBlocks: [args.cidr],
              description: "HTTPS from the VPC",
            },
          ],
          egress: [],
          tags: tags(`${name}-endpoints`),
        },
        child,
      );
      for (const service of endpoints) {
        const n = `${name}-${service.replace(/\./g, "-")}`;
        new aws.ec2.VpcEndpoint(
          n,
          {
            region,
            vpcId,
            serviceName: `com.amazonaws.${args.region}.${service}`,
            vpcEndpointType: "Interface",
            privateDnsEnabled: true,
            subnetIds: this.private.subnetIds,
            securityGroupIds: [sg.id],
            tags: tags(n),
          },
          child,
        );
      }
    }

    // Flow logs: all traffic, one-minute aggregation, KMS-encrypted group with a retention period.
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-flow-logs`,
      {
        region,
        name: `/platform/vpc/${name}/flow-logs`,
        kmsKeyId: args.flowLogKmsKeyArn,
        retentionInDays: args.flowLogRetentionDays ?? NETWORK_DEFAULTS.flowLogRetentionDays,
        tags: tags(`${name}-flow-logs`),
      },
      child,
    );
    const role = new aws.iam.Role(
      `${name}-flow-logs`,
      {
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "vpc-flow-logs.amazonaws.com" },
              Action: "sts:AssumeRole",
              // Against the confused deputy: only this account's flow logs in this region (VPC User
              // Guide, "IAM role for publishing flow logs to CloudWatch Logs"; the flow log's ID is
              // not known before the role exists, hence the wildcard).
              Condition: {
                StringEquals: { "aws:SourceAccount": args.accountId },
                ArnLike: { "aws:SourceArn": `arn:aws:ec2:${region}:${args.accountId}:vpc-flow-log/*` },
              },
            },
          ],
        }),
        tags: tags(`${name}-flow-logs`),
      },
      child,
    );
    new aws.iam.RolePolicy(
      `${name}-flow-logs`,
      {
        role: role.id,
        policy: logGroup.arn.apply((arn) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: [arn, `${arn}:*`],
              },
            ],
          }),
        ),
      },
      child,
    );
    new aws.ec2.FlowLog(
      `${name}-flow-logs`,
      {
        region,
        vpcId,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: 60,
        tags: tags(`${name}-flow-logs`),
      },
      child,
    );
    this.flowLogGroupName = logGroup.name;

    this.registerOutputs({
      vpcId: this.vpcId,
      publicSubnetIds: this.public.subnetIds,
      privateSubnetIds: this.private.subnetIds,
      isolatedSubnetIds: this.isolated.subnetIds,
      privateRouteTableIds: this.private.routeTableIds,
      isolatedRouteTableIds: this.isolated.routeTableIds,
      isolatedNetworkAclId: this.isolatedNetworkAclId,
    });
  }
}
