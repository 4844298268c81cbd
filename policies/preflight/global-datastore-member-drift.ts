import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";

/** Settings of a global datastore member that the member itself can no longer change. */
export const MEMBER_DRIFT_FIELDS = ["autoMinorVersionUpgrade", "nodeType", "engineVersion"] as const;

/** The replication groups of the stack that belong to a global datastore: its secondaries and the groups a GlobalReplicationGroup names as primary. */
export function globalDatastoreMembers(resources: readonly PolicyResource[]): PolicyResource[] {
  const groups = resources.filter((r) => r.isType(aws.elasticache.ReplicationGroup));
  const globals = resources.filter((r) => r.isType(aws.elasticache.GlobalReplicationGroup));
  const isPrimary = (g: PolicyResource) =>
    globals.some(
      (grg) =>
        (grg.propertyDependencies.primaryReplicationGroupId ?? []).some((d) => d.urn === g.urn) ||
        (grg.props.primaryReplicationGroupId !== undefined &&
          grg.props.primaryReplicationGroupId === g.props.replicationGroupId),
    );
  return groups.filter((g) => g.props.globalReplicationGroupId || isPrimary(g));
}

/**
 * A member of an ElastiCache global datastore neither sets `autoMinorVersionUpgrade`, `nodeType`
 * or `engineVersion` nor lets them drift: it leaves them out, or ignores changes to them. ElastiCache
 * turns automatic minor upgrades off when a group joins a global datastore (terraform-provider-aws
 * #24919), so a member that sends the setting again, or a new node type or version, is rejected:
 * "InvalidParameterValue: Cluster [...] is part of a global cluster [...]. Request rejected."
 * (#22528, #27875). Version and node type change on the GlobalReplicationGroup.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const globalDatastoreMemberDrift: StackValidationPolicy = {
  name: "preflight-global-datastore-member-drift",
  description:
    "Global datastore members must not set autoMinorVersionUpgrade, nodeType or engineVersion unless they ignore changes to them.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const g of globalDatastoreMembers(args.resources)) {
      const drifting = MEMBER_DRIFT_FIELDS.filter(
        (k) => g.props[k] !== undefined && !g.opts.ignoreChanges.includes(k),
      );
      if (drifting.length > 0) {
        reportViolation(
          `Global datastore member "${g.name}" sets ${drifting.join(", ")} without ignoring changes: ElastiCache rejects ` +
            `ModifyReplicationGroup on a member ("Cluster [...] is part of a global cluster [...]. Request rejected."); ` +
            `leave them out of the member or add them to ignoreChanges, and change version and node type on the GlobalReplicationGroup.`,
          g.urn,
        );
      }
    }
  },
};
