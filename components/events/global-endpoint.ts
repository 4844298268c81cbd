import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";

/** Arguments of {@link OrderGlobalEndpoint}. */
export interface OrderGlobalEndpointArgs {
  readonly accountId: string;
  /** The endpoint's name (1 to 64 of `.-_A-Za-z0-9`). */
  readonly name: string;
  /** The name both order buses have (a global endpoint pairs two buses of one name). */
  readonly busName: string;
  /** The primary region: the endpoint is created there, and routes there while the health check is healthy. */
  readonly primaryRegion: string;
  /** The region events fail over to while the health check is unhealthy. */
  readonly secondaryRegion: string;
  /** The Route 53 health check of the primary region (its ID; the endpoint takes its ARN). */
  readonly healthCheckId: pulumi.Input<string>;
  /** @default {} */
  readonly tags?: Tags;
}

/** The ARN of a custom bus. */
export const busArn = (region: string, accountId: string, busName: string) =>
  `arn:aws:events:${region}:${accountId}:event-bus/${busName}`;

/**
 * The replication role's policy, as AWS's own acceptance tests of the endpoint write it
 * (hashicorp/terraform-provider-aws, internal/service/events/endpoint_test.go): EventBridge
 * manages the replication rules (`GlobalEndpointManagedRule-*`) on the buses, puts events on both
 * buses, and passes the role to itself.
 */
export function replicationStatements(a: {
  accountId: string;
  busName: string;
  regions: readonly string[];
  roleName: string;
}): object[] {
  return [
    {
      Sid: "ManageReplicationRules",
      Effect: "Allow",
      Action: ["events:DeleteRule", "events:PutRule", "events:PutTargets", "events:RemoveTargets"],
      Resource: a.regions.map(
        (r) => `arn:aws:events:${r}:${a.accountId}:rule/${a.busName}/GlobalEndpointManagedRule-*`,
      ),
    },
    {
      Sid: "ReplicateEvents",
      Effect: "Allow",
      Action: "events:PutEvents",
      Resource: a.regions.map((r) => busArn(r, a.accountId, a.busName)),
    },
    {
      Sid: "PassReplicationRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: `arn:aws:iam::${a.accountId}:role/${a.roleName}`,
      Condition: { StringLike: { "iam:PassedToService": "events.amazonaws.com" } },
    },
  ];
}

/**
 * The EventBridge global endpoint of the order buses: publishers put events through it
 * (`EndpointId`, SigV4a); Route 53's health check of the primary region decides where they land,
 * and event replication (managed rules on both buses) copies every event to the other region, so
 * the endpoint returns to the primary by itself once the check is healthy again (EventBridge User
 * Guide, "Event replication"). Owned by the stack applied later (the secondary); the endpoint
 * itself lives in the primary region (the primary bus's region), reached through its `region`
 * input, as the peering's accepter is.
 */
export class OrderGlobalEndpoint extends pulumi.ComponentResource {
  readonly endpoint: aws.cloudwatch.EventEndpoint;
  readonly replicationRole: aws.iam.Role;
  readonly endpointArn: pulumi.Output<string>;
  readonly endpointUrl: pulumi.Output<string>;

  constructor(name: string, args: OrderGlobalEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:events:OrderGlobalEndpoint", name, {}, opts);
    const child = { parent: this };
    const { accountId, busName, primaryRegion, secondaryRegion } = args;
    if (primaryRegion === secondaryRegion) {
      throw new Error(
        `OrderGlobalEndpoint ${name}: the primary and secondary regions are both ${primaryRegion}`,
      );
    }
    const roleName = `${args.name}-replication`;
    this.replicationRole = new aws.iam.Role(
      `${name}-replication`,
      {
        name: roleName,
        description: `EventBridge replicates ${busName} events between ${primaryRegion} and ${secondaryRegion}`,
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "events.amazonaws.com" },
              Action: "sts:AssumeRole",
              Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
          ],
        }),
        tags: tagsFor(args.tags, `${name}-replication`),
      },
      child,
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-replication`,
      {
        role: this.replicationRole.id,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: replicationStatements({
            accountId,
            busName,
            regions: [primaryRegion, secondaryRegion],
            roleName,
          }),
        }),
      },
      child,
    );
    this.endpoint = new aws.cloudwatch.EventEndpoint(
      name,
      {
        region: primaryRegion,
        name: args.name,
        description: `Order events: ${primaryRegion}, failing over to ${secondaryRegion}`,
        // EventBridge API reference, CreateEndpoint: exactly two buses, identical names.
        eventBuses: [
          { eventBusArn: busArn(primaryRegion, accountId, busName) },
          { eventBusArn: busArn(secondaryRegion, accountId, busName) },
        ],
        routingConfig: {
          failoverConfig: {
            // FailoverConfig.Primary.HealthCheck is the health check's ARN.
            primary: { healthCheck: pulumi.interpolate`arn:aws:route53:::healthcheck/${args.healthCheckId}` },
            secondary: { route: secondaryRegion },
          },
        },
        // Required to return to the primary by itself after a failover (EventBridge User Guide).
        replicationConfig: { state: "ENABLED" },
        roleArn: this.replicationRole.arn,
      },
      { ...child, dependsOn: [policy] },
    );
    this.endpointArn = this.endpoint.arn;
    this.endpointUrl = this.endpoint.endpointUrl;
    this.registerOutputs({ endpointArn: this.endpointArn, endpointUrl: this.endpointUrl });
  }
}
