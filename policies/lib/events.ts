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
