/**
 * The order-fulfilment state machine's definition (Amazon States Language, kept readable in
 * `order-fulfilment.asl.json`), its placeholders, and what its execution role may do, derived
 * from the definition itself so that the role can never drift from the states that use it.
 */
import template from "./order-fulfilment.asl.json";

/** A state of an ASL definition, as far as this module reads it. */
export interface AslState {
  readonly Type: string;
  readonly Resource?: string;
  readonly Parameters?: Record<string, unknown>;
  readonly Next?: string;
  readonly Default?: string;
  readonly End?: boolean;
  readonly Choices?: readonly { readonly Next: string }[];
  readonly Catch?: readonly { readonly ErrorEquals: readonly string[]; readonly Next: string }[];
  readonly Retry?: readonly Record<string, unknown>[];
  readonly Branches?: readonly AslDefinition[];
}

/** An ASL definition (a state machine, or a Parallel state's branch). */
export interface AslDefinition {
  readonly Comment?: string;
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AslState>>;
}

/** The definition as written in the repository, placeholders included. */
export const ORDER_FULFILMENT_TEMPLATE = template as unknown as AslDefinition;

/** The placeholders of the definition: `${OrdersTopicArn}` and `${OrderBusArn}`. */
export interface OrderFulfilmentResources {
  /** The fan-out topic the workflow publishes its requests to. */
  readonly OrdersTopicArn: string;
  /** The region's order bus, where the workflow records each outcome. */
  readonly OrderBusArn: string;
}

const PLACEHOLDER = /\$\{(\w+)\}/g;

/**
 * The definition with every `${Name}` replaced by its value (the role of CloudFormation's
 * `DefinitionSubstitutions`, which the Step Functions API itself does not have). Throws on a
 * placeholder without a value, so a new one cannot reach AWS unreplaced.
 */
export function renderDefinition(
  definition: AslDefinition,
  values: Readonly<Record<string, string>>,
): AslDefinition {
  const text = JSON.stringify(definition).replace(PLACEHOLDER, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`renderDefinition: no value for placeholder ${whole}`);
    return v;
  });
  return JSON.parse(text) as AslDefinition;
}

/** Every state of a definition, those of Parallel branches included, with its name. */
export function allStates(definition: AslDefinition): { name: string; state: AslState }[] {
  return Object.entries(definition.States).flatMap(([name, state]) => [
    { name, state },
    ...(state.Branches ?? []).flatMap(allStates),
  ]);
}

/** An IAM statement (the subset the platform writes). */
export interface Statement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** What one service integration's Task calls: the IAM action and the resources it names. */
interface Integration {
  readonly sid: string;
  readonly action: string;
  readonly resources: (parameters: Record<string, unknown>, state: string) => string[];
}

const staticArn = (parameters: Record<string, unknown>, key: string, state: string): string => {
  const v = parameters[key];
  if (typeof v !== "string" || parameters[`${key}.$`] !== undefined) {
    throw new Error(
      `Task ${state}: ${key} must be a fixed ARN (the execution role is derived from it), found ${JSON.stringify(v ?? parameters[`${key}.$`])}`,
    );
  }
  return v;
};

/**
 * The optimized integrations the platform's workflows may call, with the IAM permission each
 * needs (Step Functions Developer Guide, "IAM policies for integrated services": `sns:Publish` on
 * the topic, `events:PutEvents` on the bus; the `.waitForTaskToken` variants need nothing more).
 * A Task calling anything else is refused, so the role never has to be widened by hand.
 */
const INTEGRATIONS: Readonly<Record<string, Integration>> = {
  "arn:aws:states:::sns:publish": {
    sid: "PublishToTopic",
    action: "sns:Publish",
    resources: (p, s) => [staticArn(p, "TopicArn", s)],
  },
  "arn:aws:states:::sns:publish.waitForTaskToken": {
    sid: "PublishToTopic",
    action: "sns:Publish",
    resources: (p, s) => [staticArn(p, "TopicArn", s)],
  },
  "arn:aws:states:::events:putEvents": {
    sid: "PutEventsOnBus",
    action: "events:PutEvents",
    resources: (p, s) => {
      const entries = p.Entries;
      if (!Array.isArray(entries) || entries.length === 0)
        throw new Error(`Task ${s}: Entries must be a fixed list (the execution role is derived from it)`);
      return (entries as Record<string, unknown>[]).map((e) => staticArn(e, "EventBusName", s));
    },
  },
};

/** The Task resources the platform's workflows may call. */
export const SUPPORTED_INTEGRATIONS: readonly string[] = Object.keys(INTEGRATIONS);

/**
 * The execution role's statements for what the definition's Tasks call: one statement per action,
 * on exactly the resources the Tasks name (sorted, each once). Throws on a Task whose integration
 * is not in {@link SUPPORTED_INTEGRATIONS} or whose resource is not a fixed ARN.
 */
export function integrationStatements(definition: AslDefinition): Statement[] {
  const byAction = new Map<string, { sid: string; resources: Set<string> }>();
  for (const { name, state } of allStates(definition)) {
    if (state.Type !== "Task") continue;
    const integration = INTEGRATIONS[state.Resource ?? ""];
    if (!integration) {
      throw new Error(
        `Task ${name}: ${JSON.stringify(state.Resource)} is not an integration the platform derives permissions for: expected one of ${SUPPORTED_INTEGRATIONS.join(", ")}`,
      );
    }
    const entry = byAction.get(integration.action) ?? { sid: integration.sid, resources: new Set<string>() };
    for (const r of integration.resources(state.Parameters ?? {}, name)) entry.resources.add(r);
    byAction.set(integration.action, entry);
  }
  return [...byAction.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([action, { sid, resources }]) => ({
      Sid: sid,
      Effect: "Allow",
      Action: [action],
      Resource: [...resources].sort(),
    }));
}

/**
 * The message types each Task publishes to the topic (the `type` attribute subscriptions filter
 * on), and whether the publisher waits for a task token.
 */
export function publishedMessageTypes(definition: AslDefinition): { type: string; waits: boolean }[] {
  return allStates(definition).flatMap(({ state }) => {
    if (state.Type !== "Task" || !state.Resource?.startsWith("arn:aws:states:::sns:publish")) return [];
    const attrs = (state.Parameters?.MessageAttributes ?? {}) as Record<string, { StringValue?: string }>;
    const type = attrs.type?.StringValue;
    return type ? [{ type, waits: state.Resource.endsWith(".waitForTaskToken") }] : [];
  });
}
