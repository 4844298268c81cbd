/**
 * OrderFanout and ConsumerQueue on the mock runtime: FIFO topics and queues are named `.fifo`
 * with FIFO dead-letter queues, and a FIFO queue on a standard topic is refused before anything
 * is registered for it.
 */
import { OrderFanout } from "../../components/events/order-fanout";
import { queueName } from "../../components/events/consumer-queue";
import { run } from "../helpers/run";

const consumer = (fifo: boolean) => ({ fifo, maxReceiveCount: 4, visibilityTimeoutSeconds: 30 });
const args = (topicFifo: boolean, paymentFifo: boolean) => ({
  region: "us-east-1",
  name: "t-orders",
  fifo: topicFifo,
  consumers: {
    inventory: consumer(false),
    payment: consumer(paymentFifo),
    shipping: consumer(false),
    notifications: consumer(false),
  },
  kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k",
  messageRetentionSeconds: 345600,
  deadLetterRetentionSeconds: 1209600,
});

describe("OrderFanout", () => {
  test("a FIFO topic with content-based deduplication; a FIFO consumer gets a FIFO queue and a FIFO DLQ, the others standard ones", async () => {
    const ran = await run(() => new OrderFanout("t-orders", args(true, true)));
    const topic = ran.one("aws:sns/topic:Topic", "t-orders");
    expect(topic.inputs).toMatchObject({
      name: "t-orders.fifo",
      fifoTopic: true,
      contentBasedDeduplication: true,
    });
    const queues = Object.fromEntries(
      ran.ofType("aws:sqs/queue:Queue").map((q) => [q.inputs.name, q.inputs.fifoQueue ?? false]),
    );
    expect(queues).toEqual({
      "t-orders-inventory": false,
      "t-orders-inventory-dlq": false,
      "t-orders-payment.fifo": true,
      "t-orders-payment-dlq.fifo": true,
      "t-orders-shipping": false,
      "t-orders-shipping-dlq": false,
      "t-orders-notifications": false,
      "t-orders-notifications-dlq": false,
    });
    expect(
      JSON.parse(ran.one("aws:sqs/queue:Queue", "t-orders-payment").inputs.redrivePolicy as string),
    ).toEqual({
      deadLetterTargetArn: "arn:aws:sqs:us-east-1:111122223333:t-orders-payment-dlq.fifo",
      maxReceiveCount: 4,
    });
  });

  test("a FIFO queue on a standard topic is refused", async () => {
    await expect(run(() => new OrderFanout("t-orders", args(false, true)))).rejects.toThrow(
      'OrderFanout t-orders: consumer "payment" has a FIFO queue but the topic is standard: an SNS standard topic cannot deliver to an SQS FIFO queue',
    );
  });

  test("queue names: .fifo only on FIFO queues, 80 characters at most", () => {
    expect(queueName("a", true)).toBe("a.fifo");
    expect(queueName("a", false)).toBe("a");
    expect(() => queueName("x".repeat(80), true)).toThrow("is not a valid SQS queue name");
    expect(() => queueName("bad name", false)).toThrow('queueName: "bad name" is not a valid SQS queue name');
  });
});
