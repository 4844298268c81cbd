import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { asArray, asObject } from "../lib/values";

const TOPIC = "aws:sns/topic:Topic";
const KEY = "aws:kms/key:Key";
const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const COMPOSITE_ALARM = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
const ANOMALY_SUBSCRIPTION = "aws:costexplorer/anomalySubscription:AnomalySubscription";
const ALARM_FIELDS = ["alarmActions", "okActions", "insufficientDataActions"];

/** The service principal a planned resource publishes to SNS as, and the topics it publishes to. */
function publications(r: PolicyResource): { principal: string; fields: string[] } | undefined {
  if (r.type === METRIC_ALARM || r.type === COMPOSITE_ALARM)
    return { principal: "cloudwatch.amazonaws.com", fields: ALARM_FIELDS };
  if (r.type === ANOMALY_SUBSCRIPTION)
    return { principal: "costalerts.amazonaws.com", fields: ["subscribers"] };
  return undefined;
}

const listOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : [];

/** Whether a key policy lets `principal` generate data keys and decrypt (what SNS needs of a publisher). */
export function keyAllowsPublisher(policy: unknown, principal: string): boolean {
  let doc: unknown = policy;
  if (typeof policy === "string") {
    try {
      doc = JSON.parse(policy);
    } catch {
      return false;
    }
  }
  const statements = asArray(asObject(doc).Statement);
  const granted = (action: string) =>
    statements.some((s) => {
      if (s.Effect !== "Allow" || !listOf(asObject(s.Principal).Service).includes(principal)) return false;
      return listOf(s.Action).some(
        (a) => a === "kms:*" || a === action || (a.endsWith("*") && action.startsWith(a.slice(0, -1))),
      );
    });
  return granted("kms:GenerateDataKey") && granted("kms:Decrypt");
}

/**
 * An AWS service publishing to an SSE-KMS topic can use the topic's key: CloudWatch (for alarm
 * actions) and Cost Anomaly Detection (for SNS subscribers) need `kms:GenerateDataKey*` and
 * `kms:Decrypt` in the key's policy, and cannot use the AWS managed key `alias/aws/sns`, whose
 * policy no one can change (SNS Developer Guide, "Enable compatibility between event sources from
 * AWS services and encrypted topics"). Nothing fails at apply time: the notifications are dropped,
 * so the plan is where this shows. Judges topics planned in the stack and keys planned with them.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const encryptedTopicPublishers: StackValidationPolicy = {
  name: "preflight-encrypted-topic-publishers",
  description:
    "An encrypted SNS topic that CloudWatch alarms or Cost Anomaly Detection publish to must have a customer-managed key whose policy lets that service use it.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const byUrn = new Map(args.resources.map((r) => [r.urn, r]));
    for (const publisher of args.resources) {
      const p = publications(publisher);
      if (!p) continue;
      const topics = new Set<PolicyResource>();
      for (const field of p.fields)
        for (const dep of publisher.propertyDependencies[field] ?? [])
          if (dep.type === TOPIC) topics.add(dep);
      for (const topic of topics) {
        const keyId: unknown = topic.props.kmsMasterKeyId;
        if (typeof keyId !== "string") continue;
        if (/(^|:)alias\/aws\/sns$/.test(keyId)) {
          reportViolation(
            `"${publisher.name}" publishes to topic "${topic.name}", encrypted with the AWS managed key alias/aws/sns, whose policy cannot let ${p.principal} use it: its notifications would be dropped. Encrypt the topic with a customer-managed key that grants ${p.principal} kms:GenerateDataKey* and kms:Decrypt.`,
            publisher.urn,
          );
          continue;
        }
        const key = (topic.propertyDependencies.kmsMasterKeyId ?? [])
          .map((k) => byUrn.get(k.urn))
          .find((k) => k?.type === KEY);
        if (key && !keyAllowsPublisher(key.props.policy, p.principal)) {
          reportViolation(
            `"${publisher.name}" publishes to topic "${topic.name}", whose key "${key.name}" does not let ${p.principal} use it: its notifications would be dropped. Grant ${p.principal} kms:GenerateDataKey* and kms:Decrypt in the key policy.`,
            publisher.urn,
          );
        }
      }
    }
  },
};
