import * as aws from "@pulumi/aws";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { SECRET_REPLICA_TYPE } from "../../src/conventions";
import { regionOf } from "../lib/aws";

const KEY_FIELDS: readonly [new (...a: never[]) => unknown, string][] = [
  [aws.rds.Cluster, "kmsKeyId"],
  [aws.rds.ClusterInstance, "performanceInsightsKmsKeyId"],
  [aws.elasticache.ReplicationGroup, "kmsKeyId"],
  [aws.secretsmanager.Secret, "kmsKeyId"],
  [aws.cloudwatch.LogGroup, "kmsKeyId"],
];

/**
 * A resource encrypted with a KMS key names a key of its own region: keys never leave their
 * region, and each member of a global database needs its own (AWS rejects a foreign key ARN).
 * Likewise each replica of a Secrets Manager secret names a key of the replica's region: in the
 * secret's `replicas` block, or as a SecretReplica (a dynamic resource, found by its type; its
 * `kmsKeyArn` and `region` inputs).
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const kmsKeyRegion: ResourceValidationPolicy = {
  name: "preflight-kms-key-region",
  description:
    "KMS keys named by databases, caches, secrets and log groups must be in the resource's own region.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.isType(aws.secretsmanager.Secret)) {
      for (const r of (args.props.replicas ?? []) as { region?: unknown; kmsKeyId?: unknown }[]) {
        const key = r.kmsKeyId;
        if (typeof key === "string" && key.startsWith("arn:") && key.split(":")[3] !== r.region) {
          reportViolation(
            `The replica in ${String(r.region)} names a key in ${key.split(":")[3]}: use a key of ${String(r.region)}.`,
          );
        }
      }
    }
    if (args.type === SECRET_REPLICA_TYPE) {
      const key: unknown = args.props.kmsKeyArn;
      const region: unknown = args.props.region;
      if (
        typeof key === "string" &&
        key.startsWith("arn:") &&
        typeof region === "string" &&
        key.split(":")[3] !== region
      ) {
        reportViolation(
          `The secret replica in ${region} names a key in ${key.split(":")[3]} (kmsKeyArn): use a key of ${region}.`,
        );
      }
      return;
    }
    const entry = KEY_FIELDS.find(([cls]) => args.isType(cls as never));
    if (!entry) return;
    const key: unknown = args.props[entry[1]];
    if (typeof key !== "string" || !key.startsWith("arn:")) return;
    const keyRegion = key.split(":")[3];
    const region = regionOf(args.props, args.provider);
    if (region !== undefined && keyRegion !== region) {
      reportViolation(
        `${entry[1]} is a key in ${keyRegion} but the resource is in ${region}: use a key of ${region}.`,
      );
    }
  },
};
