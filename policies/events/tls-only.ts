/** Shared by the SQS and SNS TLS policies: the documents that decide a queue's or topic's resource policy. */
import type { PolicyResource } from "@pulumi/policy";
import { lastPart } from "../lib/events";

/**
 * The policy documents in force on `owner` (a queue or topic): those of the separate policy
 * resources that attach to it (through their `link` input's dependency, or its value ending in
 * the owner's name), which replace the owner's own `policy` input (a queue or topic has one
 * policy, and the last write wins, so each of them must do the job); else the owner's own input.
 * An empty list: no policy at all.
 */
export function documentsInForce(
  resources: readonly PolicyResource[],
  owner: PolicyResource,
  policyType: string,
  link: string,
): unknown[] {
  const name = typeof owner.props.name === "string" ? owner.props.name : undefined;
  const linksTo = (r: PolicyResource): boolean => {
    if ((r.propertyDependencies[link] ?? []).some((d) => d.urn === owner.urn)) return true;
    const value: unknown = r.props[link];
    return name !== undefined && typeof value === "string" && lastPart(value) === name;
  };
  const attached = resources.filter((r) => r.type === policyType && linksTo(r));
  if (attached.length > 0) return attached.map((r) => r.props.policy as unknown);
  return owner.props.policy === undefined || owner.props.policy === null
    ? []
    : [owner.props.policy as unknown];
}
