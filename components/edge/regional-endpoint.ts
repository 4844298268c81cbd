import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tagsFor, type Tags } from "../lib/tags";

/** Arguments of {@link RegionalEndpoint}. */
export interface RegionalEndpointArgs {
  readonly hostedZoneId: string;
  /** This region's own name for its web tier, e.g. "origin-eu-west-1.shop.example.com". */
  readonly regionalName: string;
  /**
   * This region's member of a failover pair: the shared name (e.g. "origin.shop.example.com" at
   * the top), its role and its set identifier. With `via`, the member is an alias to that record
   * of the zone (the next pair of a chain of three or more regions), whose health Route 53
   * evaluates; without, an alias to this region's load balancer with this region's health check.
   * @default none: no failover record
   */
  readonly failover?: {
    readonly name: string;
    readonly role: "PRIMARY" | "SECONDARY";
    readonly setIdentifier: string;
    /** The record of the zone this member aliases. @default none: this region's load balancer */
    readonly via?: string;
  };
  /**
   * In a chain of three or more regions, the pair this region heads below the top: its PRIMARY
   * member at `name`, an alias to this region's load balancer with this region's health check.
   * @default none
   */
  readonly chainHead?: { readonly name: string; readonly setIdentifier: string };
  /** The web load balancer the names alias. */
  readonly loadBalancer: { readonly dnsName: pulumi.Input<string>; readonly zoneId: pulumi.Input<string> };
  readonly healthCheck: {
    readonly path: string;
    /** 10 (fast) or 30 seconds. */
    readonly intervalSeconds: number;
    readonly failureThreshold: number;
    /**
     * Report the opposite of what the checkers see: the way to force a failover in a drill
     * without touching anything else (a disabled health check would count as healthy).
     */
    readonly invert: boolean;
  };
  readonly tags?: Tags;
}

/**
 * A region's entry in Route 53: an HTTPS health check of its web tier (through its regional name,
 * so it tests TLS and the load balancer end to end), an alias record for the regional name, and
 * its member of the failover record. All of this is Route 53 data plane, provisioned ahead of
 * time: a failover needs no control-plane call in the failed region.
 */
export class RegionalEndpoint extends pulumi.ComponentResource {
  readonly healthCheckId: pulumi.Output<string>;
  readonly recordNames: string[];

  constructor(name: string, args: RegionalEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:edge:RegionalEndpoint", name, {}, opts);
    const child = { parent: this };
    const check = new aws.route53.HealthCheck(
      name,
      {
        type: "HTTPS",
        fqdn: args.regionalName,
        port: 443,
        resourcePath: args.healthCheck.path,
        requestInterval: args.healthCheck.intervalSeconds,
        failureThreshold: args.healthCheck.failureThreshold,
        enableSni: true,
        invertHealthcheck: args.healthCheck.invert,
        tags: tagsFor(args.tags, name),
      },
      child,
    );
    const alias = {
      name: args.loadBalancer.dnsName,
      zoneId: args.loadBalancer.zoneId,
      evaluateTargetHealth: true,
    };
    new aws.route53.Record(
      `${name}-regional`,
      { zoneId: args.hostedZoneId, name: args.regionalName, type: "A", aliases: [alias] },
      child,
    );
    this.recordNames = [args.regionalName];
    let chainRecord: aws.route53.Record | undefined;
    if (args.chainHead) {
      chainRecord = new aws.route53.Record(
        `${name}-failover-chain`,
        {
          zoneId: args.hostedZoneId,
          name: args.chainHead.name,
          type: "A",
          setIdentifier: args.chainHead.setIdentifier,
          failoverRoutingPolicies: [{ type: "PRIMARY" }],
          healthCheckId: check.id,
          aliases: [alias],
        },
        child,
      );
    }
    if (args.failover) {
      const via = args.failover.via;
      new aws.route53.Record(
        `${name}-failover`,
        {
          zoneId: args.hostedZoneId,
          name: args.failover.name,
          type: "A",
          setIdentifier: args.failover.setIdentifier,
          failoverRoutingPolicies: [{ type: args.failover.role }],
          // An alias to the next pair of the chain inherits its health (evaluateTargetHealth:
          // "inherits the health of the referenced ... resource record set in the hosted zone",
          // Route 53 API reference, AliasTarget): healthy while any region below it is.
          ...(via
            ? { aliases: [{ name: via, zoneId: args.hostedZoneId, evaluateTargetHealth: true }] }
            : { healthCheckId: check.id, aliases: [alias] }),
        },
        // Route 53 refuses an alias whose target record does not exist yet ("Tried to create an
        // alias that targets ..., but that target was not found"): the chain's next pair first.
        via && chainRecord && via === args.chainHead?.name ? { ...child, dependsOn: [chainRecord] } : child,
      );
      this.recordNames.push(args.failover.name);
    }
    if (args.chainHead) this.recordNames.push(args.chainHead.name);
    this.healthCheckId = check.id;
    this.registerOutputs({ healthCheckId: this.healthCheckId });
  }
}
