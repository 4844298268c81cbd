import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { asArray } from "../lib/values";

const forcesSsl = (group: PolicyResource) =>
  asArray(group.props.parameters).some((p) => p.name === "rds.force_ssl" && String(p.value) === "1");

/**
 * Aurora PostgreSQL accepts only TLS connections: every aurora-postgresql cluster uses a cluster
 * parameter group of this stack that sets `rds.force_ssl` to 1. Aurora PostgreSQL's default is
 * 0 before version 17 (Aurora User Guide, "Securing Aurora PostgreSQL data with SSL/TLS"), so a
 * cluster on the default group, or on a group that leaves the parameter out, takes plain-text
 * connections.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const auroraForceSsl: StackValidationPolicy = {
  name: "data-aurora-force-ssl",
  description: "Aurora PostgreSQL clusters must use a cluster parameter group that sets rds.force_ssl = 1.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const groups = args.resources.filter((r) => r.isType(aws.rds.ClusterParameterGroup));
    for (const g of groups) {
      if (String(g.props.family ?? "").startsWith("aurora-postgresql") && !forcesSsl(g)) {
        reportViolation(
          `Cluster parameter group "${g.name}" does not set rds.force_ssl = 1: add the parameter so the clusters refuse plain-text connections.`,
          g.urn,
        );
      }
    }
    for (const c of args.resources.filter(
      (r) => r.isType(aws.rds.Cluster) && String(r.props.engine ?? "").startsWith("aurora-postgresql"),
    )) {
      const name: unknown = c.props.dbClusterParameterGroupName;
      const group =
        (c.propertyDependencies.dbClusterParameterGroupName ?? []).find((d) =>
          d.isType(aws.rds.ClusterParameterGroup),
        ) ?? groups.find((g) => name !== undefined && g.props.name === name);
      if (!group) {
        reportViolation(
          `Cluster "${c.name}" does not use a cluster parameter group of this stack (it gets ${
            typeof name === "string" ? `"${name}"` : "the default one"
          }, where rds.force_ssl is not 1): set dbClusterParameterGroupName to a group that forces TLS.`,
          c.urn,
        );
      } else if (!forcesSsl(group)) {
        reportViolation(
          `Cluster "${c.name}" uses parameter group "${group.name}", which does not force TLS (rds.force_ssl = 1).`,
          c.urn,
        );
      }
    }
  },
};
