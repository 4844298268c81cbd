/**
 * The order-fulfilment definition (components/events/order-fulfilment.asl.json): valid Amazon
 * States Language by an independent validator, every Task retried with backoff and jitter and
 * caught, every Catch leading to the compensation path, and an execution role that allows exactly
 * what the Tasks call.
 */
import validator from "asl-validator";
import {
  allStates,
  integrationStatements,
  ORDER_FULFILMENT_TEMPLATE,
  publishedMessageTypes,
  renderDefinition,
  type AslDefinition,
  type AslState,
} from "../../components/events/asl";
import { CONSUMER_MESSAGE_TYPES } from "../../components/events/order-fanout";
import { executionRoleStatements, startPatterns } from "../../components/events/order-workflow";

const TOPIC = "arn:aws:sns:us-east-1:111122223333:prod-use1-orders";
const BUS = "arn:aws:events:us-east-1:111122223333:event-bus/prod-orders";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/k";
const rendered = renderDefinition(ORDER_FULFILMENT_TEMPLATE, { OrdersTopicArn: TOPIC, OrderBusArn: BUS });
const tasks = allStates(rendered).filter(({ state }) => state.Type === "Task");

/** The states reachable from `start` in a States map (Next, Default, Choices, Catch). */
function reachable(states: Readonly<Record<string, AslState>>, start: string): Set<string> {
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (seen.has(name) || !states[name]) continue;
    seen.add(name);
    const s = states[name];
    todo.push(
      ...[
        s.Next,
        s.Default,
        ...(s.Choices ?? []).map((c) => c.Next),
        ...(s.Catch ?? []).map((c) => c.Next),
      ].filter((x): x is string => typeof x === "string"),
    );
  }
  return seen;
}

describe("the order-fulfilment definition", () => {
  test("is valid Amazon States Language (asl-validator), before and after its placeholders are replaced", () => {
    for (const d of [ORDER_FULFILMENT_TEMPLATE, rendered]) {
      const result = validator(d);
      expect(result.errors).toEqual([]);
      expect(result.isValid).toBe(true);
    }
  });

  test("validates the order, reserves inventory and payment in parallel, ships, notifies and records the outcome", () => {
    const top = rendered.States;
    expect(rendered.StartAt).toBe("ValidateOrder");
    expect(top.ValidateOrder.Type).toBe("Choice");
    expect(top.ReserveInventoryAndPayment.Type).toBe("Parallel");
    expect(top.ReserveInventoryAndPayment.Branches!.map((b) => b.StartAt)).toEqual([
      "ReserveInventory",
      "AuthorizePayment",
    ]);
    expect(top.ReserveInventoryAndPayment.Next).toBe("ShipOrder");
    expect(top.ShipOrder.Next).toBe("NotifyCustomer");
    expect(top.NotifyCustomer.Next).toBe("RecordFulfilment");
    expect(top.RecordFulfilment.Resource).toBe("arn:aws:states:::events:putEvents");
  });

  test("every Task retries with exponential backoff, jitter and a bound, does not retry a business refusal, and catches everything", () => {
    expect(tasks.length).toBe(8);
    for (const { name, state } of tasks) {
      const retry = state.Retry ?? [];
      expect([name, retry[0]]).toEqual([name, { ErrorEquals: ["Order.Rejected"], MaxAttempts: 0 }]);
      const backoff = retry[retry.length - 1];
      expect([name, backoff.ErrorEquals, backoff.JitterStrategy]).toEqual([name, ["States.ALL"], "FULL"]);
      expect(backoff.BackoffRate as number).toBeGreaterThan(1);
      expect(backoff.MaxAttempts as number).toBeGreaterThanOrEqual(1);
      expect(backoff.MaxDelaySeconds as number).toBeGreaterThan(0);
      expect([name, (state.Catch ?? []).map((c) => c.ErrorEquals)]).toEqual([name, [["States.ALL"]]]);
    }
  });

  test("every Catch leads to the compensation path, directly or through its branch's failure to a Parallel that does", () => {
    const top = rendered.States;
    const compensation = reachable(top, "Compensate");
    expect([...compensation].sort()).toEqual([
      "Compensate",
      "FulfilmentFailed",
      "RecordFailure",
      "ReleaseReservations",
    ]);
    // Invalid orders reserved nothing: they join the path where it records the failure.
    expect(top.InvalidOrder.Next).toBe("RecordFailure");
    const leadsToCompensation = (state: AslState) =>
      (state.Catch ?? []).every((c) => compensation.has(c.Next));
    for (const [name, state] of Object.entries(top)) {
      if (state.Catch) expect([name, leadsToCompensation(state)]).toEqual([name, true]);
      for (const branch of state.Branches ?? []) {
        // Inside a branch, a Catch may only end the branch with a Fail state; the Parallel's own
        // Catch then takes the compensation path.
        expect([name, leadsToCompensation(state)]).toEqual([name, true]);
        for (const [inner, s] of Object.entries(branch.States)) {
          for (const c of s.Catch ?? []) expect([inner, branch.States[c.Next].Type]).toEqual([inner, "Fail"]);
        }
      }
    }
    // The compensation path releases both reservations unless the order shipped.
    expect(top.Compensate.Choices).toEqual([
      { Variable: "$.shipment", IsPresent: true, Next: "RecordFailure" },
    ]);
    expect(top.Compensate.Default).toBe("ReleaseReservations");
    expect(top.ReleaseReservations.Branches!.map((b) => b.StartAt)).toEqual([
      "ReleaseInventory",
      "ReleasePayment",
    ]);
    expect((top.RecordFailure.Parameters!.Entries as { DetailType: string }[])[0].DetailType).toBe(
      "OrderFulfilmentFailed",
    );
    expect(top.FulfilmentFailed.Type).toBe("Fail");
  });

  test("every message type it publishes reaches exactly one consumer, and every consumer's types are published", () => {
    const published = publishedMessageTypes(rendered)
      .map((m) => m.type)
      .sort();
    const routed = Object.values(CONSUMER_MESSAGE_TYPES).flat();
    expect(new Set(routed).size).toBe(routed.length);
    expect([...new Set(published)].sort()).toEqual([...routed].sort());
    expect(
      publishedMessageTypes(rendered)
        .filter((m) => m.waits)
        .map((m) => m.type),
    ).toEqual(["InventoryReservationRequested", "PaymentAuthorizationRequested", "ShipmentRequested"]);
  });
});

describe("the execution role, derived from the definition", () => {
  test("allows exactly the actions the Tasks call, on exactly the resources they name", () => {
    expect(integrationStatements(rendered)).toEqual([
      { Sid: "PutEventsOnBus", Effect: "Allow", Action: ["events:PutEvents"], Resource: [BUS] },
      { Sid: "PublishToTopic", Effect: "Allow", Action: ["sns:Publish"], Resource: [TOPIC] },
    ]);
    // Every Task's call is allowed by a statement on the resource it names.
    const statements = integrationStatements(rendered);
    for (const { state } of tasks) {
      const p = state.Parameters!;
      const [action, resources]: [string, string[]] = state.Resource!.startsWith(
        "arn:aws:states:::sns:publish",
      )
        ? ["sns:Publish", [p.TopicArn as string]]
        : ["events:PutEvents", (p.Entries as { EventBusName: string }[]).map((e) => e.EventBusName)];
      for (const r of resources) {
        expect(statements.some((s) => s.Action.includes(action) && s.Resource.includes(r))).toBe(true);
      }
    }
  });

  test("adds the topic's key through SNS only, log delivery and tracing, and nothing else", () => {
    const statements = executionRoleStatements(rendered, "us-east-1", { [TOPIC]: KEY });
    expect(statements.map((s) => s.Sid)).toEqual([
      "PutEventsOnBus",
      "PublishToTopic",
      "UseKeysOfNamedResources",
      "DeliverLogs",
      "SendTraces",
    ]);
    expect(statements[2]).toEqual({
      Sid: "UseKeysOfNamedResources",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: [KEY],
      Condition: { StringEquals: { "kms:ViaService": ["sns.us-east-1.amazonaws.com"] } },
    });
    // Only log delivery and tracing, which have no resource-level permissions, are on "*".
    expect(statements.filter((s) => s.Resource.includes("*")).map((s) => s.Sid)).toEqual([
      "DeliverLogs",
      "SendTraces",
    ]);
  });

  test("a Task calling another integration, or naming its resource dynamically, stops the build", () => {
    const lambda: AslDefinition = {
      StartAt: "Call",
      States: {
        Call: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: {}, End: true },
      },
    };
    expect(() => integrationStatements(lambda)).toThrow(
      'Task Call: "arn:aws:states:::lambda:invoke" is not an integration the platform derives permissions for',
    );
    const dynamic: AslDefinition = {
      StartAt: "Publish",
      States: {
        Publish: {
          Type: "Task",
          Resource: "arn:aws:states:::sns:publish",
          Parameters: { "TopicArn.$": "$.topic", Message: "m" },
          End: true,
        },
      },
    };
    expect(() => integrationStatements(dynamic)).toThrow("Task Publish: TopicArn must be a fixed ARN");
  });

  test("a placeholder without a value stops the build", () => {
    expect(() => renderDefinition(ORDER_FULFILMENT_TEMPLATE, { OrdersTopicArn: TOPIC })).toThrow(
      "renderDefinition: no value for placeholder ${OrderBusArn}",
    );
  });
});

describe("the rules that start the workflow", () => {
  test("new orders that entered this region start it once; replays go to the replay rule only", () => {
    expect(startPatterns("eu-west-1")).toEqual({
      start: {
        source: ["platform.orders"],
        "detail-type": ["OrderPlaced"],
        region: ["eu-west-1"],
        "replay-name": [{ exists: false }],
      },
      replay: {
        source: ["platform.orders"],
        "detail-type": ["OrderPlaced"],
        "replay-name": [{ exists: true }],
      },
    });
  });
});
