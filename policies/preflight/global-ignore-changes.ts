import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

export const REQUIRED_IGNORE_CHANGES = [
  "globalClusterIdentifier",
  "replicationSourceIdentifier",
  "engineVersion",
];

/**
 * Members of an Aurora global database ignore changes to `globalClusterIdentifier`,
 * `replicationSourceIdentifier` and `engineVersion`: the provider does not read the first back,
 * and applying that diff detaches the cluster from the global database; engine upgrades of a
 * global database run on the global cluster, not per member.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const globalIgnoreChanges: ResourceValidationPolicy = {
  name: "preflight-global-ignore-changes",
  description:
    "Aurora global members must ignore changes to globalClusterIdentifier, replicationSourceIdentifier and engineVersion.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.rds.Cluster, (cluster, args, reportViolation) => {
    if (!cluster.globalClusterIdentifier) return;
    const missing = REQUIRED_IGNORE_CHANGES.filter((f) => !args.opts.ignoreChanges.includes(f));
    if (missing.length > 0) {
      reportViolation(
        `Global member ignores no changes to ${missing.join(", ")}: add them to ignoreChanges, or an update can detach it from the global database.`,
      );
    }
  }),
};
