import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TAG } from "../../src/conventions";
import { tagsFor, type Tags } from "../lib/tags";

/** The `source` of the events applications put on the order bus (OrderPlaced, ...). */
export const ORDER_EVENT_SOURCE = "platform.orders";
/** The `source` of the events the order-fulfilment workflow records (OrderFulfilled, OrderFulfilmentFailed). */
export const FULFILMENT_EVENT_SOURCE = "platform.order-fulfilment";

/** Arguments of {@link OrderBus}. */
export interface OrderBusArgs {
  readonly region: string;
  /**
   * The bus's name. The same in every region: an EventBridge global endpoint pairs two buses of
   * one name (CreateEndpoint: "The names of the event buses must be identical in each Region").
   */
  readonly busName: string;
  /** The archive's name (unique in the region, at most 48 characters). */
  readonly archiveName: string;
  /** Days the archive keeps events (replay window). */
  readonly archiveRetentionDays: number;
  /** Protect the archive (the events it holds) from deletion by Pulumi. @default true */
  readonly protect?: boolean;
  /** @default {} */
  readonly tags?: Tags;
}

/**
 * The region's custom event bus for order events and its archive. The archive keeps every order
 * event that reaches the bus (put here, routed here by the global endpoint, or replicated from the
 * other region), so either region can replay what it has seen. Replays are not archived again:
 * EventBridge's archive rule matches `{"replay-name": [{"exists": false}]}`.
 */
export class OrderBus extends pulumi.ComponentResource {
  readonly bus: aws.cloudwatch.EventBus;
  readonly archive: aws.cloudwatch.EventArchive;
  readonly busName: pulumi.Output<string>;
  readonly busArn: pulumi.Output<string>;
  readonly archiveArn: pulumi.Output<string>;

  constructor(name: string, args: OrderBusArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:events:OrderBus", name, {}, opts);
    const child = { parent: this };
    const { region } = args;
    this.bus = new aws.cloudwatch.EventBus(
      name,
      {
        region,
        name: args.busName,
        description: "Order events (placed, fulfilled, failed); archived for replay",
        // Read by events-bus-archive: a bus that carries orders has an archive.
        tags: { ...tagsFor(args.tags, name), [TAG.carries]: CARRIES_ORDERS },
      },
      child,
    );
    this.archive = new aws.cloudwatch.EventArchive(
      name,
      {
        region,
        name: args.archiveName,
        description: `Order events of ${args.busName} in ${region}, for replay`,
        eventSourceArn: this.bus.arn,
        retentionDays: args.archiveRetentionDays,
        eventPattern: JSON.stringify({ source: [ORDER_EVENT_SOURCE, FULFILMENT_EVENT_SOURCE] }),
      },
      { ...child, protect: args.protect ?? true },
    );
    this.busName = this.bus.name;
    this.busArn = this.bus.arn;
    this.archiveArn = this.archive.arn;
    this.registerOutputs({ busArn: this.busArn, archiveArn: this.archiveArn });
  }
}

/** The value of {@link TAG.carries} on a bus that carries order events. */
export const CARRIES_ORDERS = "orders";
