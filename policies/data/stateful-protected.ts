import type { StackValidationPolicy } from "@pulumi/policy";
import { SECRET_REPLICA_TYPE } from "../../src/conventions";
import { tagValue } from "../lib/values";

/** Resource types whose deletion loses data or locks data away: databases, caches, keys, secrets, buckets. */
export const STATEFUL_TYPES: readonly string[] = [
  "aws:rds/cluster:Cluster",
  "aws:rds/globalCluster:GlobalCluster",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
  "aws:kms/key:Key",
  "aws:secretsmanager/secret:Secret",
  SECRET_REPLICA_TYPE,
  "aws:s3/bucket:Bucket",
];

/** Environments whose stacks must protect their state; any other environment may turn `protect` off. */
export const isProduction = (environment: string | undefined): boolean =>
  environment !== undefined && /^(prod|production)(-|$)/.test(environment);

/**
 * Every stateful resource of a production stack is protected (Pulumi's `protect` option), so no
 * `pulumi up` or `destroy` can delete it: a stack file that sets `platform:protect` to false in a
 * production environment is a violation, not a choice. The environment is the `environment` tag
 * the stack sets on all its resources (from `platform:environment`); a stack where no resource
 * carries one is judged as production.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const statefulProtected: StackValidationPolicy = {
  name: "data-stateful-protected",
  description:
    "In a production environment, databases, caches, KMS keys, secrets and buckets must have Pulumi's protect option.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const environments = new Set(
      args.resources.map((r) => tagValue(r.props, "environment")).filter((e): e is string => e !== undefined),
    );
    if (environments.size > 0 && ![...environments].some(isProduction)) return;
    for (const r of args.resources.filter((x) => STATEFUL_TYPES.includes(x.type))) {
      if (r.opts.protect !== true) {
        reportViolation(
          `Stateful resource "${r.name}" (${r.type}) is not protected in a production environment: set protect (platform:protect = true).`,
          r.urn,
        );
      }
    }
  },
};
