/** Helpers of the event-pipeline policies: queues, their dead-letter queues, policy documents. */
import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { asArray, asObject } from "./values";

/** A JSON document given as a string or an object; undefined when not known (preview) or not JSON. */
export function jsonOf(v: unknown): Record<string, unknown> | undefined {
  if (typeof v === "string") {
    try {
      const parsed: unknown = JSON.parse(v);
      return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : undefined;
}

/** The last part of an ARN or URL (`...:name`, `.../name`): an SQS queue's name. */
export const lastPart = (s: string): string => s.split(/[:/]/).pop() ?? s;

/** The dead-letter target ARN a redrive policy names, if it is known. */
export const deadLetterTargetOf = (redrivePolicy: unknown): string | undefined => {
  const t = jsonOf(redrivePolicy)?.deadLetterTargetArn;
  return typeof t === "string" ? t : undefined;
};

/**
 * The queues of the stack that serve as dead-letter queues: those an SQS redrive policy (inline
 * or `aws.sqs.RedrivePolicy`), an EventBridge target's or bus's `deadLetterConfig` or an SNS
 * subscription's redrive policy points at, found through the input's dependencies (known at
 * preview) or the ARN's queue name.
 */
export function deadLetterQueues(resources: readonly PolicyResource[]): Set<PolicyResource> {
  const queues = resources.filter((r) => r.isType(aws.sqs.Queue));
  const found = new Set<PolicyResource>();
  const byDependency = (r: PolicyResource, input: string) =>
    (r.propertyDependencies[input] ?? []).filter((d) => d.isType(aws.sqs.Queue)).forEach((d) => found.add(d));
  const byArn = (arn: unknown) => {
    if (typeof arn !== "string") return;
    for (const q of queues) if (q.props.name === lastPart(arn)) found.add(q);
  };
  for (const r of resources) {
    if (r.isType(aws.sqs.Queue) || r.isType(aws.sqs.RedrivePolicy) || r.isType(aws.sns.TopicSubscription)) {
      byDependency(r, "redrivePolicy");
      byArn(deadLetterTargetOf(r.props.redrivePolicy));
    } else if (r.isType(aws.cloudwatch.EventTarget) || r.isType(aws.cloudwatch.EventBus)) {
      byDependency(r, "deadLetterConfig");
      byArn(asObject(r.props.deadLetterConfig).arn);
    }
  }
  return found;
}

/** One statement of an IAM-style policy document. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Action?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

export const statementsOf = (doc: Record<string, unknown> | undefined): PolicyStatement[] => {
  const s = doc?.Statement;
  return asArray<PolicyStatement>(Array.isArray(s) ? s : s ? [s] : []);
};

/** Whether a statement's principal is everyone (`"*"`, `{"AWS": "*"}`, or a list holding `"*"`). */
export function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  const aws = asObject(principal).AWS;
  return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
}

/** Condition keys a statement requires (an `...IfExists` operator requires nothing), lower-cased. */
export const requiredConditionKeys = (s: PolicyStatement): Set<string> =>
  new Set(
    Object.entries(s.Condition ?? {})
      .filter(([operator]) => !operator.endsWith("IfExists"))
      .flatMap(([, keys]) => Object.keys(asObject(keys)).map((k) => k.toLowerCase())),
  );

/** An AWS managed key (`alias/aws/sqs`, `alias/aws/sns`): not customer-managed. */
export const isAwsManagedKey = (keyId: string): boolean => /(^|:)alias\/aws\//.test(keyId);

/** Whether an IAM pattern (`*` and `?` wildcards, case-insensitive) matches a value. */
export function globMatches(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`, "i").test(value);
}

/** A policy value as text: strings as they are, anything else (`false`, a number) as JSON. */
const asText = (v: unknown): string => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""));
/** A policy element that may be one value or a list, as a list of texts. */
const listOf = (v: unknown): string[] =>
  (Array.isArray(v) ? (v as unknown[]) : v === undefined ? [] : [v]).map(asText);

/**
 * Whether a statement's conditions hold exactly when a request does not use TLS: the only key is
 * `aws:SecureTransport`, under `Bool` or `BoolIfExists`, with the value false. Any other key
 * narrows the statement (conditions are ANDed), so a Deny carrying one lets some plain requests through.
 */
export function onlyWithoutTls(s: PolicyStatement): boolean {
  const pairs = Object.entries(s.Condition ?? {}).flatMap(([operator, keys]) =>
    Object.entries(asObject(keys)).map(([key, value]) => ({ operator, key: key.toLowerCase(), value })),
  );
  return (
    pairs.length > 0 &&
    pairs.every(
      (p) =>
        /^Bool(IfExists)?$/.test(p.operator) &&
        p.key === "aws:securetransport" &&
        listOf(p.value).some((v) => v.toLowerCase() === "false"),
    )
  );
}

/**
 * Whether a resource policy document denies, to everyone, every request without TLS that `covers`
 * accepts as the denied actions, on a resource named `name` (the last part of its ARN; any
 * resource when the name is not known). Judges effect: a statement that allows, names some
 * principals, carries another condition, or names another resource does not count.
 */
export function deniesWithoutTls(
  doc: unknown,
  covers: (s: PolicyStatement & Record<string, unknown>) => boolean,
  name: string | undefined,
): boolean {
  return statementsOf(jsonOf(doc)).some((st) => {
    const s = st as PolicyStatement & Record<string, unknown>;
    if (s.Effect !== "Deny" || !isEveryone(s.Principal) || s.NotPrincipal !== undefined) return false;
    if (!onlyWithoutTls(s) || !covers(s)) return false;
    if (s.NotResource !== undefined) return false;
    const resources = listOf(s.Resource);
    return name === undefined || resources.some((r) => r === "*" || globMatches(lastPart(r), name));
  });
}

/** Whether a statement's actions include `action` (through `Action` patterns, or a `NotAction` that leaves it out). */
export function coversAction(s: Record<string, unknown>, action: string): boolean {
  if (s.NotAction !== undefined) return !listOf(s.NotAction).some((p) => globMatches(p, action));
  return listOf(s.Action).some((p) => globMatches(p, action));
}

/** Whether a statement covers every action of a service (`*`, `sqs:*`, or a `NotAction` naming none of it). */
export function coversService(s: Record<string, unknown>, service: string): boolean {
  if (s.NotAction !== undefined)
    return !listOf(s.NotAction).some((p) => p === "*" || p.toLowerCase().startsWith(`${service}:`));
  return listOf(s.Action).some((p) => p === "*" || p.toLowerCase() === `${service}:*`);
}
