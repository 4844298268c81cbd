/** Helpers of the IAM and KMS policies: statements, actions, principals. */
import { asArray, asObject } from "./values";
import { isEveryone, jsonOf, requiredConditionKeys, statementsOf, type PolicyStatement } from "./events";

export { isEveryone, jsonOf, requiredConditionKeys, statementsOf, type PolicyStatement };

/** A statement's actions (or not-actions), as strings. */
export const actionsOf = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((a) => String(a));

/** A statement's resources, as strings. */
export const resourcesOf = (s: Record<string, unknown>): string[] =>
  actionsOf((s as { Resource?: unknown }).Resource);

/**
 * Whether an action only reads: its verb (the part after `service:`) starts with Describe, Get,
 * List, BatchGet or View. Anything else (a wildcard included) may write.
 */
export const readOnly = (action: string): boolean =>
  /^[a-z0-9-]+:(Describe|Get|List|BatchGet|View)[A-Za-z0-9]*$/.test(action);

/** Whether an action names every action of a service or of all services (`*`, `s3:*`, `s3:Put*`). */
export const wildcardAction = (action: string): boolean => action.includes("*");

/** Statements of an inline document or a JSON string. */
export const statementsIn = (doc: unknown): (PolicyStatement & Record<string, unknown>)[] =>
  statementsOf(jsonOf(doc)) as (PolicyStatement & Record<string, unknown>)[];

/** Condition keys that pin a statement granted to everyone to one account or organisation. */
export const ACCOUNT_CONDITION_KEYS = [
  "kms:calleraccount",
  "aws:sourceaccount",
  "aws:principalaccount",
  "aws:principalorgid",
  "aws:sourceorgid",
  "aws:sourcearn",
];

/** Whether a statement granted to everyone is pinned to an account or organisation by a condition. */
export const pinnedToAccount = (s: PolicyStatement): boolean => {
  const keys = requiredConditionKeys(s);
  return ACCOUNT_CONDITION_KEYS.some((k) => keys.has(k));
};

export { asArray, asObject };
