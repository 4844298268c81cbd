import type { StackValidationPolicy } from "@pulumi/policy";
import { globalSecondaryClusters } from "./aurora-autoscaling-secondary";

/** What a global database's secondary cluster inherits from the primary and may not send itself. */
export const SECONDARY_INHERITED_FIELDS = ["databaseName", "masterUsername", "masterPassword"] as const;

/**
 * A global database's secondary cluster sets no database name and no master credentials: it
 * replicates the primary's databases and users, and CreateDBCluster refuses them on a
 * cross-region replica ("InvalidParameterCombination: Cannot specify database name for cross
 * region replication cluster": pulumi/pulumi-aws#3751; "Cannot specify password for cross region
 * replication cluster": crossplane-contrib/provider-aws#2072). Only the primary's cluster (and the
 * GlobalCluster) name the database.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const auroraSecondaryCredentials: StackValidationPolicy = {
  name: "preflight-aurora-secondary-credentials",
  description:
    "A global database's secondary cluster sets no databaseName, masterUsername or masterPassword (AWS rejects them).",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const c of globalSecondaryClusters(args.resources)) {
      const set = SECONDARY_INHERITED_FIELDS.filter((k) => c.props[k] !== undefined);
      if (set.length === 0) continue;
      reportViolation(
        `Aurora cluster "${c.name}" is a secondary of a global database and sets ${set.join(", ")}: CreateDBCluster ` +
          `rejects them on a cross-region replica ("InvalidParameterCombination: Cannot specify database name for ` +
          `cross region replication cluster"); leave them out, the secondary inherits the primary's database and users.`,
        c.urn,
      );
    }
  },
};
