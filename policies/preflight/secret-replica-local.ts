import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { replicaArn } from "../../src/aws/secret-replication";
import { SECRET_REPLICA_TYPE } from "../../src/conventions";
import { regionOf } from "../lib/aws";
import { asArray, asObject } from "../lib/values";

/** Actions that read a secret's value. */
const READS = /^(\*|secretsmanager:(\*|Get\*|GetSecretValue))$/;
const SECRET_ARN = /^arn:[^:]+:secretsmanager:([^:]+):\d+:secret:.+/;

/** A secret ARN a resource of the stack reads, with the input it comes from. */
interface SecretRead {
  readonly reader: PolicyResource;
  readonly prop: string;
  readonly arn: string;
  /** The reader's own region, when it has one (an RDS Proxy; IAM is global). */
  readonly readerRegion?: string;
}

const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");

/** The secret ARNs that an IAM policy document grants reading. */
function grantedSecrets(policy: unknown): string[] {
  let doc: unknown = policy;
  if (typeof policy === "string") {
    try {
      doc = JSON.parse(policy);
    } catch {
      return [];
    }
  }
  return asArray(asObject(doc).Statement)
    .filter((s) => s.Effect !== "Deny" && strings(s.Action).some((a) => READS.test(a)))
    .flatMap((s) => strings(s.Resource))
    .filter((arn) => SECRET_ARN.test(arn));
}

/** Every known secret ARN read by an RDS Proxy (its auths) or granted by an IAM policy of the stack. */
function secretReads(resources: readonly PolicyResource[]): SecretRead[] {
  const reads: SecretRead[] = [];
  for (const r of resources) {
    if (r.isType(aws.rds.Proxy)) {
      const readerRegion = regionOf(r.props, r.provider);
      for (const auth of asArray(r.props.auths)) {
        for (const arn of strings(auth.secretArn).filter((a) => SECRET_ARN.test(a))) {
          reads.push({ reader: r, prop: "auths", arn, ...(readerRegion ? { readerRegion } : {}) });
        }
      }
    } else if (r.isType(aws.iam.RolePolicy) || r.isType(aws.iam.Policy)) {
      for (const arn of grantedSecrets(r.props.policy)) reads.push({ reader: r, prop: "policy", arn });
    }
  }
  return reads;
}

/** Whether this stack creates the secret `read` names, or adds the replica it names, in its region. */
function isLocal(read: SecretRead, resources: readonly PolicyResource[]): boolean {
  const region = SECRET_ARN.exec(read.arn)![1];
  const replicas = resources.filter((r) => r.type === SECRET_REPLICA_TYPE && r.props.region === region);
  const derived = (r: PolicyResource) =>
    typeof r.props.primarySecretArn === "string" && SECRET_ARN.test(r.props.primarySecretArn)
      ? replicaArn(r.props.primarySecretArn, region)
      : undefined;
  if (replicas.some((r) => derived(r) === read.arn)) return true;
  // Unknown until applied (a new replica or secret): judged by where the value comes from.
  return (read.reader.propertyDependencies[read.prop] ?? []).some(
    (d) =>
      (d.type === SECRET_REPLICA_TYPE && d.props.region === region) ||
      (d.isType(aws.secretsmanager.Secret) && regionOf(d.props, d.provider) === region),
  );
}

/**
 * Every secret an RDS Proxy or an IAM policy of the stack reads is one the stack creates, or a
 * replica the stack itself adds (a SecretReplica), in the secret's region; a proxy reads one in its
 * own region. A replica's ARN (the primary's with another region: Secrets Manager User Guide,
 * "Replicate secrets across Regions") names nothing until some stack adds that replica, so a
 * stack that reads a replica owns it; and a secret read across regions fails while that region
 * is down, which is what the replicas are for. Later stacks replicate the primary's credentials
 * into their own region (docs/architecture.md, "Credentials in every region"): this checks, on
 * each stack's plan, that every secondary's region is covered.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const secretReplicaLocal: StackValidationPolicy = {
  name: "preflight-secret-replica-local",
  description:
    "Secrets read by an RDS Proxy or granted by an IAM policy must be created, or replicated, by the stack in their region (a proxy's in its own region).",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const read of secretReads(args.resources)) {
      const region = SECRET_ARN.exec(read.arn)![1];
      const kind = read.reader.isType(aws.rds.Proxy) ? "RDS Proxy" : "IAM policy";
      if (read.readerRegion && read.readerRegion !== region) {
        reportViolation(
          `${kind} "${read.reader.name}" in ${read.readerRegion} reads ${read.arn}, a secret in ${region}: it fails while ` +
            `${region} is down. Replicate the secret into ${read.readerRegion} (SecretReplica) and give the proxy the ` +
            `replica's ARN.`,
          read.reader.urn,
        );
      } else if (!isLocal(read, args.resources)) {
        reportViolation(
          `${kind} "${read.reader.name}" reads ${read.arn}, a secret in ${region} that this stack neither creates nor ` +
            `replicates there: a replica's ARN names no secret until a stack adds the replica (reads fail with ` +
            `ResourceNotFoundException). Add a SecretReplica of the primary secret in ${region} to this stack and read its arn.`,
          read.reader.urn,
        );
      }
    }
  },
};
