import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray } from "../lib/values";

/**
 * The log types each cluster engine can export to CloudWatch Logs, and the one that holds the
 * database's own log (RDS API reference, `EnableCloudwatchLogsExports` of the DB cluster calls:
 * Aurora PostgreSQL `instance`, `postgresql`, `iam-db-auth-error`; Aurora MySQL `audit`,
 * `error`, `general`, `instance`, `slowquery`, `iam-db-auth-error`; RDS for PostgreSQL
 * `postgresql`, `upgrade`, `iam-db-auth-error`; RDS for MySQL `error`, `general`, `slowquery`,
 * `iam-db-auth-error`). Other engines are checked only for exporting something.
 */
export const CLUSTER_LOG_TYPES: Readonly<
  Record<string, { readonly database: string; readonly all: readonly string[] }>
> = {
  "aurora-postgresql": { database: "postgresql", all: ["postgresql", "instance", "iam-db-auth-error"] },
  "aurora-mysql": {
    database: "error",
    all: ["audit", "error", "general", "slowquery", "instance", "iam-db-auth-error"],
  },
  postgres: { database: "postgresql", all: ["postgresql", "upgrade", "iam-db-auth-error"] },
  mysql: { database: "error", all: ["error", "general", "slowquery", "iam-db-auth-error"] },
};

/**
 * RDS clusters export their logs to CloudWatch Logs, and the export includes the database's own
 * log (`postgresql` for Aurora PostgreSQL, `error` for Aurora MySQL): a cluster exporting only
 * `instance` or `iam-db-auth-error` captures neither its errors nor its connections. A type the
 * engine does not have is reported too (RDS rejects it). Global secondaries set their own exports.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_324; cdk-nag none.
 */
export const auroraLogExports: ResourceValidationPolicy = {
  name: "data-aurora-log-exports",
  description:
    "RDS clusters must export the database log to CloudWatch Logs (postgresql for Aurora PostgreSQL).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!args.isType(aws.rds.Cluster)) return;
    const engine = typeof args.props.engine === "string" ? args.props.engine : "";
    const exported = asArray<unknown>(args.props.enabledCloudwatchLogsExports).map(String);
    const types = Object.keys(CLUSTER_LOG_TYPES).includes(engine) ? CLUSTER_LOG_TYPES[engine] : undefined;
    if (exported.length === 0) {
      reportViolation(
        `Cluster exports no logs to CloudWatch Logs: set enabledCloudwatchLogsExports to ${types ? `["${types.database}"]` : "the engine's log types"}.`,
      );
      return;
    }
    if (!types) return;
    if (!exported.includes(types.database))
      reportViolation(
        `Cluster exports ${JSON.stringify(exported)} but not the database log "${types.database}": add it to enabledCloudwatchLogsExports.`,
      );
    const unknown = exported.filter((t) => !types.all.includes(t));
    if (unknown.length > 0)
      reportViolation(
        `Cluster exports ${JSON.stringify(unknown)}, which ${engine} does not have: expected some of ${JSON.stringify(types.all)}.`,
      );
  },
};
