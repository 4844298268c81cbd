/**
 * `platform:pipeline`: defaults, and bad config rejected with exact messages (max receives of 0, a
 * FIFO queue on a standard topic, a consumer the workflow does not know, the global endpoint on
 * the primary or in a region without global endpoints).
 */
import { validateStackConfig } from "../../src/config";
import { PIPELINE_CONSUMER_DEFAULTS, PIPELINE_DEFAULTS } from "../../src/config/defaults";
import { problemsOf, rawConfig, stackValues, withOverrides } from "../helpers/config";

const pipeline = (p: Record<string, unknown>) => ({ "platform:pipeline": p });

describe("platform:pipeline", () => {
  test("left out, every consumer gets the defaults: standard queues, 5 receives, on EKS", () => {
    const values = stackValues("us-east-1");
    delete values["platform:pipeline"];
    const cfg = validateStackConfig(rawConfig("us-east-1", values));
    expect(cfg.pipeline.topic.fifo).toBe(false);
    expect(cfg.pipeline.globalEndpoint).toBe(false);
    expect(cfg.pipeline.kubernetesNamespace).toBe(PIPELINE_DEFAULTS.kubernetesNamespace);
    expect(cfg.pipeline.archiveRetentionDays).toBe(30);
    for (const c of ["inventory", "payment", "shipping", "notifications"] as const) {
      expect(cfg.pipeline.consumers[c]).toEqual({
        fifo: false,
        maxReceiveCount: PIPELINE_CONSUMER_DEFAULTS.maxReceiveCount,
        visibilityTimeoutSeconds: 60,
        runsOn: "eks",
      });
    }
    expect(cfg.pipeline.workflow).toEqual({
      logLevel: "ERROR",
      includeExecutionData: false,
      logRetentionDays: 365,
    });
  });

  test("the stack files: notifications on the app tier, the global endpoint owned by eu-west-1", () => {
    const use1 = validateStackConfig(withOverrides("us-east-1", {}));
    const euw1 = validateStackConfig(withOverrides("eu-west-1", {}));
    expect(use1.pipeline.consumers.notifications.runsOn).toBe("app-tier");
    expect(use1.pipeline.globalEndpoint).toBe(false);
    expect(euw1.pipeline.globalEndpoint).toBe(true);
  });

  test("a max receive count of 0 is refused", () => {
    expect(problemsOf("us-east-1", pipeline({ consumers: { inventory: { maxReceiveCount: 0 } } }))).toEqual([
      "platform:pipeline.consumers.inventory.maxReceiveCount = 0 is too small: expected receives from 1 to 1000",
    ]);
  });

  test("a FIFO queue on a standard topic is refused, naming both keys", () => {
    expect(
      problemsOf("us-east-1", pipeline({ topic: { fifo: false }, consumers: { payment: { fifo: true } } })),
    ).toEqual([
      "platform:pipeline.consumers.payment.fifo = true needs a FIFO topic, but platform:pipeline.topic.fifo = false: " +
        "expected platform:pipeline.topic.fifo = true (an SNS standard topic cannot deliver to an SQS FIFO queue), or fifo = false",
    ]);
    // A FIFO topic takes FIFO and standard queues.
    const cfg = validateStackConfig(
      withOverrides("us-east-1", pipeline({ topic: { fifo: true }, consumers: { payment: { fifo: true } } })),
    );
    expect([
      cfg.pipeline.topic.fifo,
      cfg.pipeline.consumers.payment.fifo,
      cfg.pipeline.consumers.inventory.fifo,
    ]).toEqual([true, true, false]);
  });

  test("a consumer the workflow does not send to is refused, listing the consumers", () => {
    expect(problemsOf("us-east-1", pipeline({ consumers: { billing: {} } }))).toEqual([
      "platform:pipeline.consumers.billing = {} is not a known key: expected only inventory, payment, shipping, notifications",
    ]);
  });

  test("a service account that is not a Kubernetes name is refused", () => {
    expect(
      problemsOf("us-east-1", pipeline({ consumers: { shipping: { serviceAccount: "Shipping_SA" } } })),
    ).toEqual([
      'platform:pipeline.consumers.shipping.serviceAccount = "Shipping_SA" is not a Kubernetes service account name: ' +
        'expected 1 to 63 lower-case letters, digits or "-", starting and ending with a letter or digit',
    ]);
  });

  test("the primary cannot own the global endpoint", () => {
    expect(problemsOf("us-east-1", pipeline({ globalEndpoint: true }))).toEqual([
      'platform:pipeline.globalEndpoint = true is not allowed on a "primary" stack: expected it on the secondary that ' +
        "pairs with the primary (the endpoint joins both regions' buses, so the stack applied later owns it, as it owns the peering)",
    ]);
  });

  test("both regions of the global endpoint must offer global endpoints", () => {
    const problems = problemsOf("eu-west-1", {
      "aws:region": "ap-east-1",
      "platform:network": {
        ...(stackValues("eu-west-1")["platform:network"] as object),
        availabilityZones: ["ap-east-1a", "ap-east-1b"],
      },
      "platform:cloudfrontPrefixListId": "pl-14a5407d",
    });
    expect(problems.filter((p) => p.startsWith("platform:pipeline"))).toEqual([
      'platform:pipeline.globalEndpoint = true joins "us-east-1" (primary) and "ap-east-1", but "ap-east-1" does not offer ' +
        'EventBridge global endpoints: expected both regions among "us-east-1", "us-east-2", "us-west-1", "us-west-2", ' +
        '"ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-south-1", "eu-west-3", "eu-north-1", "ap-south-1", ' +
        '"ap-northeast-3", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1", or globalEndpoint = false',
    ]);
  });
});
