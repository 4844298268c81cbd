/**
 * The lifecycle of one Secrets Manager replica region of a secret, as a Pulumi dynamic provider:
 * the stack applied later adds its own region to a secret an earlier stack owns
 * (components/security/secret-replica.ts). No provider resource exists for a single replica
 * region: @pulumi/aws 7.48.0 has only the `replicas` block of `aws.secretsmanager.Secret`, and a
 * separate resource is an open request (hashicorp/terraform-provider-aws#32467, "Add a
 * aws_secretsmanager_secret_replica resource").
 *
 * Everything that talks to AWS lives here, as plain functions of an SDK module, so that tests drive
 * them with aws-sdk-client-mock. The provider object at the end is what Pulumi serializes into the
 * resource's state: its methods load `@aws-sdk/client-secrets-manager` with `require` inside the
 * method (Pulumi's function serialization captures local modules by value and recommends
 * requiring packages inside the function: "Consider using import('x') or require('x') inside"),
 * so the program itself never loads the SDK and the serialized provider stays small.
 *
 * Secrets Manager facts this relies on (Secrets Manager API reference and User Guide):
 * - ReplicateSecretToRegions adds replicas, each `{ Region, KmsKeyId }`; without a KmsKeyId the
 *   replica uses `aws/secretsmanager`. It needs `secretsmanager:ReplicateSecretToRegions`,
 *   `kms:Decrypt` on the primary's key and `kms:GenerateDataKey` + `kms:Encrypt` on the replica's.
 * - DescribeSecret on the primary lists every replica in `ReplicationStatus`: Region, KmsKeyId
 *   ("Can be an ARN, Key ID, or Alias"), Status (`InSync | Failed | InProgress`; Failed "indicates
 *   that the replica was not created") and a StatusMessage ("Secret with this name already exists
 *   in this region").
 * - RemoveRegionsFromReplication "deletes the secret replicas from the Regions you specify".
 * - The ARN of a replica "is the same as the primary secret except for the Region" (User Guide,
 *   "Replicate secrets across Regions").
 * - A replica "can't be updated independently from its primary secret, except for its encryption
 *   key" (User Guide, "Promote a replica secret"): tags, policies and values come from the primary;
 *   a call on the replica answers "Operation not permitted on a replica secret. Call must be made in
 *   primary secret's region." (lgallard/terraform-aws-secrets-manager#188).
 */
import type * as SecretsManager from "@aws-sdk/client-secrets-manager";
import type * as dynamic from "@pulumi/pulumi/dynamic";

/** The SDK module, as `require("@aws-sdk/client-secrets-manager")` returns it. */
export type SecretsManagerSdk = typeof SecretsManager;

/** The inputs of a replica: which secret, which region, which key. All four replace it when changed. */
export interface ReplicaInputs {
  /** The region the replica lives in. */
  readonly region: string;
  /** The ARN of the primary secret (in `primaryRegion`). */
  readonly primarySecretArn: string;
  /** The primary secret's region: every replication call goes there. */
  readonly primaryRegion: string;
  /** The customer-managed KMS key, in `region`, that encrypts the replica. */
  readonly kmsKeyArn: string;
}

/** What the provider records of a replica. */
export interface ReplicaState extends ReplicaInputs {
  /** The replica's ARN: the primary's with `region`. */
  readonly arn: string;
  /** The replication status AWS last reported: InSync, InProgress or Failed. */
  readonly status: string;
  /** The status message AWS last reported, if any. */
  readonly statusMessage?: string;
}

/** The input keys of a replica, in a fixed order. */
export const REPLICA_INPUT_KEYS = ["region", "primarySecretArn", "primaryRegion", "kmsKeyArn"] as const;

/** How the provider reaches AWS and waits; tests replace the waits. */
export interface ReplicationEnv {
  /** The SDK module (`@aws-sdk/client-secrets-manager`). */
  readonly sdk: SecretsManagerSdk;
  /** A named profile for the clients (the stack's `aws:profile`). @default the SDK's default chain */
  readonly profile?: string;
  /** Pause between two polls of the replication status, in ms. @default 3000 */
  readonly pollIntervalMs?: number;
  /** Longest wait for a replica to be InSync (or to be gone), in ms. @default 300000 */
  readonly timeoutMs?: number;
  /** Sleeps `ms`. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The time, in ms. @default Date.now */
  readonly now?: () => number;
}

const DEFAULT_POLL_MS = 3000;
const DEFAULT_TIMEOUT_MS = 300_000;

/**
 * The ARN of a secret's replica in `region`: the secret's ARN with that region ("The ARN for a
 * replicated secret is the same as the primary secret except for the Region": Secrets Manager
 * User Guide, "Replicate secrets across Regions").
 */
export function replicaArn(secretArn: string, region: string): string {
  const parts = secretArn.split(":");
  if (parts.length < 7 || parts[0] !== "arn" || parts[2] !== "secretsmanager") {
    throw new Error(`replicaArn: "${secretArn}" is not a Secrets Manager secret ARN`);
  }
  parts[3] = region;
  return parts.join(":");
}

/**
 * Whether two KMS key references name the same key: equal, or the same key ID once a key ARN
 * (`arn:aws:kms:<region>:<account>:key/<id>`) is reduced to its ID. DescribeSecret reports a
 * replica's key as it was given ("Can be an ARN, Key ID, or Alias"); an alias is equal only to
 * itself (resolving it would need KMS).
 */
export function sameKey(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const id = (k: string) => /^arn:[^:]+:kms:[^:]*:[^:]*:key\/(.+)$/.exec(k)?.[1] ?? k;
  return a === b || id(a) === id(b);
}

/**
 * A failure with what to do next. A plain Error, not a subclass: Pulumi's function serialization
 * rebuilds classes as functions, and a serialized `class extends Error` loses its message.
 */
export function replicaError(message: string): Error {
  return Object.assign(new Error(message), { name: "ReplicaError" });
}

interface AwsError {
  name?: string;
  message?: string;
  code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
}
const asAws = (e: unknown): AwsError => (e !== null && typeof e === "object" ? e : {});

/** No HTTP answer (DNS, connection, timeout) or a server fault: the region is unreachable or failing. */
function isUnreachable(e: unknown): boolean {
  const err = asAws(e);
  const status = err.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500;
  return err.$fault === "server" || err.name === "TimeoutError" || typeof err.code === "string";
}

const isNotFound = (e: unknown) => asAws(e).name === "ResourceNotFoundException";
const isAccessDenied = (e: unknown) => /AccessDenied/.test(asAws(e).name ?? "");

/**
 * Wraps an AWS error of `action` on the replica of `inputs` into a {@link replicaError} that says
 * what to do next.
 */
function explain(e: unknown, action: string, inputs: ReplicaInputs): Error {
  const err = asAws(e);
  const what = `${action} for the replica in ${inputs.region} of ${inputs.primarySecretArn}`;
  const detail = `${err.name ?? "Error"}: ${err.message ?? String(e)}`;
  if (isAccessDenied(e)) {
    return replicaError(
      `${what} was denied (${detail}). The identity running pulumi needs secretsmanager:DescribeSecret, ` +
        `secretsmanager:ReplicateSecretToRegions and secretsmanager:RemoveRegionsFromReplication on the primary secret ` +
        `in ${inputs.primaryRegion}, kms:Decrypt on the primary secret's key, and kms:GenerateDataKey and kms:Encrypt ` +
        `on ${inputs.kmsKeyArn} (Secrets Manager API reference, ReplicateSecretToRegions).`,
    );
  }
  if (isUnreachable(e)) {
    return replicaError(
      `${what} failed: Secrets Manager in ${inputs.primaryRegion}, the primary secret's region, did not answer ` +
        `(${detail}). Adding, removing or refreshing a replica needs the primary region; an existing replica keeps ` +
        `serving reads in ${inputs.region}. Retry when ${inputs.primaryRegion} answers, and meanwhile run ` +
        `\`pulumi up\` without --refresh (nothing is sent to AWS for an unchanged replica); see docs/architecture.md, ` +
        `"Credentials in every region".`,
    );
  }
  return replicaError(`${what} failed: ${detail}`);
}

function client(env: ReplicationEnv, region: string): SecretsManager.SecretsManagerClient {
  return new env.sdk.SecretsManagerClient({ region, ...(env.profile ? { profile: env.profile } : {}) });
}

/** DescribeSecret on the primary, in its region; `undefined` when the secret does not exist. */
async function describePrimary(
  env: ReplicationEnv,
  inputs: ReplicaInputs,
  action: string,
): Promise<SecretsManager.DescribeSecretResponse | undefined> {
  try {
    return await client(env, inputs.primaryRegion).send(
      new env.sdk.DescribeSecretCommand({ SecretId: inputs.primarySecretArn }),
    );
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw explain(e, action, inputs);
  }
}

/** This region's entry in the primary's replication status. */
const entryOf = (d: SecretsManager.DescribeSecretResponse | undefined, region: string) =>
  d?.ReplicationStatus?.find((s) => s.Region === region);

const removeCommand = (region: string) =>
  `aws secretsmanager remove-regions-from-replication --secret-id <primary secret ARN> --remove-replica-regions ${region} --region <primary region>`;

function stateOf(
  inputs: ReplicaInputs,
  entry: SecretsManager.ReplicationStatusType,
  kmsKeyArn = inputs.kmsKeyArn,
): ReplicaState {
  return {
    region: inputs.region,
    primarySecretArn: inputs.primarySecretArn,
    primaryRegion: inputs.primaryRegion,
    kmsKeyArn,
    arn: replicaArn(inputs.primarySecretArn, inputs.region),
    status: entry.Status ?? "Unknown",
    ...(entry.StatusMessage ? { statusMessage: entry.StatusMessage } : {}),
  };
}

/** Polls the primary until this region's replica is no longer InProgress; returns its entry. */
async function waitForReplica(
  env: ReplicationEnv,
  inputs: ReplicaInputs,
): Promise<SecretsManager.ReplicationStatusType | undefined> {
  const now = env.now ?? Date.now;
  const sleep = env.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const timeout = env.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const start = now();
  for (;;) {
    const entry = entryOf(await describePrimary(env, inputs, "Waiting for replication"), inputs.region);
    if (entry?.Status !== "InProgress") return entry;
    if (now() - start >= timeout) {
      throw replicaError(
        `The replica in ${inputs.region} of ${inputs.primarySecretArn} is still InProgress after ${Math.round(timeout / 1000)} s. ` +
          `It was requested and will usually finish on its own: run \`pulumi up\` again, which adopts it once it is InSync.`,
      );
    }
    await sleep(env.pollIntervalMs ?? DEFAULT_POLL_MS);
  }
}

/** Removes this region from the primary's replication and waits until it is gone from the status. */
async function removeReplica(env: ReplicationEnv, inputs: ReplicaInputs): Promise<void> {
  try {
    await client(env, inputs.primaryRegion).send(
      new env.sdk.RemoveRegionsFromReplicationCommand({
        SecretId: inputs.primarySecretArn,
        RemoveReplicaRegions: [inputs.region],
      }),
    );
  } catch (e) {
    if (isNotFound(e)) return;
    throw explain(e, "RemoveRegionsFromReplication", inputs);
  }
  const now = env.now ?? Date.now;
  const sleep = env.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const timeout = env.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const start = now();
  while (entryOf(await describePrimary(env, inputs, "Waiting for the replica's removal"), inputs.region)) {
    if (now() - start >= timeout) {
      throw replicaError(
        `The replica in ${inputs.region} of ${inputs.primarySecretArn} is still listed ${Math.round(timeout / 1000)} s after ` +
          `RemoveRegionsFromReplication: run the operation again once Secrets Manager no longer lists it.`,
      );
    }
    await sleep(env.pollIntervalMs ?? DEFAULT_POLL_MS);
  }
}

/**
 * Adds `inputs.region` as a replica of the primary secret under `inputs.kmsKeyArn`, and waits until
 * it is InSync. Idempotent: a replica already there under the same key is adopted (a Failed one is
 * removed and added again); one under another key is refused with what to do. If replication fails,
 * the replica this call added is removed again, so that a failed create leaves nothing behind
 * (a dynamic provider's create must be transactional: Pulumi dynamic providers, `create`).
 */
export async function createReplica(env: ReplicationEnv, inputs: ReplicaInputs): Promise<ReplicaState> {
  const primary = await describePrimary(env, inputs, "DescribeSecret");
  if (!primary || primary.DeletedDate) {
    throw replicaError(
      `The primary secret ${inputs.primarySecretArn} ${primary ? "is scheduled for deletion" : "does not exist"} in ` +
        `${inputs.primaryRegion}: ${primary ? "restore it (aws secretsmanager restore-secret)" : "apply the stack that owns it"} ` +
        `before the stack that replicates it to ${inputs.region} (apply order: every stack after its peers).`,
    );
  }
  if (primary.PrimaryRegion && primary.PrimaryRegion !== inputs.primaryRegion) {
    throw replicaError(
      `${inputs.primarySecretArn} is itself a replica (its primary is in ${primary.PrimaryRegion}): replicate the primary secret.`,
    );
  }
  let entry = entryOf(primary, inputs.region);
  if (entry && !sameKey(entry.KmsKeyId, inputs.kmsKeyArn)) {
    throw replicaError(
      `${inputs.primarySecretArn} already has a replica in ${inputs.region}, encrypted with ${entry.KmsKeyId ?? "aws/secretsmanager"}, ` +
        `not ${inputs.kmsKeyArn}. Replicas are keyed by region, so this stack cannot add its own. Remove the existing ` +
        `replica (reads of it in ${inputs.region} fail until the new one is InSync): \`${removeCommand(inputs.region)}\`, ` +
        `then run \`pulumi up\` again (docs/architecture.md, "Credentials in every region", migration).`,
    );
  }
  if (entry?.Status === "Failed") {
    // A failed replica was never created ("Failed, which indicates that the replica was not
    // created"): nothing reads it, so it is replaced.
    await removeReplica(env, inputs);
    entry = undefined;
  }
  const added = !entry;
  if (!entry) {
    try {
      await client(env, inputs.primaryRegion).send(
        new env.sdk.ReplicateSecretToRegionsCommand({
          SecretId: inputs.primarySecretArn,
          AddReplicaRegions: [{ Region: inputs.region, KmsKeyId: inputs.kmsKeyArn }],
          // Never overwrite a secret of the same name in the region: it is not ours.
          ForceOverwriteReplicaSecret: false,
        }),
      );
    } catch (e) {
      throw explain(e, "ReplicateSecretToRegions", inputs);
    }
  }
  const final = await waitForReplica(env, inputs);
  if (!final) {
    throw replicaError(
      `The replica in ${inputs.region} of ${inputs.primarySecretArn} disappeared while replication was in progress ` +
        `(removed by someone else?): run \`pulumi up\` again.`,
    );
  }
  if (final.Status === "Failed") {
    if (added) await removeReplica(env, inputs);
    throw replicaError(
      `Replication of ${inputs.primarySecretArn} to ${inputs.region} failed: ${final.StatusMessage ?? "no status message"}. ` +
        `Fix the cause (a secret of the same name already in ${inputs.region}: delete or rename it, replication never ` +
        `overwrites it; a key ${inputs.kmsKeyArn} that the identity running pulumi cannot use: kms:GenerateDataKey and ` +
        `kms:Encrypt), then run \`pulumi up\` again.`,
    );
  }
  return stateOf(inputs, final);
}

/**
 * The live state of a replica, for `pulumi refresh`: `undefined` when it no longer exists (the
 * region left the primary's replication, the replica was promoted to a standalone secret, or the
 * primary is gone), else its status and key (the key AWS reports, when it is another key than the
 * one recorded, so that the next `pulumi up` replaces it).
 */
export async function readReplica(
  env: ReplicationEnv,
  inputs: ReplicaInputs,
): Promise<ReplicaState | undefined> {
  const primary = await describePrimary(env, inputs, "DescribeSecret (refresh)");
  if (!primary || primary.DeletedDate) return undefined;
  const entry = entryOf(primary, inputs.region);
  if (!entry) return undefined;
  const key = sameKey(entry.KmsKeyId, inputs.kmsKeyArn)
    ? inputs.kmsKeyArn
    : (entry.KmsKeyId ?? "aws/secretsmanager");
  return stateOf(inputs, entry, key);
}

/**
 * Removes the replica (RemoveRegionsFromReplication, which deletes the replica secret in its
 * region; the primary keeps the value). Nothing to do when the region is no longer a replica or
 * the primary is gone.
 */
export async function deleteReplica(env: ReplicationEnv, inputs: ReplicaInputs): Promise<void> {
  const primary = await describePrimary(env, inputs, "DescribeSecret (delete)");
  if (!entryOf(primary, inputs.region)) return;
  await removeReplica(env, inputs);
}

/**
 * What a change of inputs does, decided from the recorded state and the new inputs alone: no AWS
 * call, so `pulumi up` of the replica's stack works while the primary region is down, as long as
 * nothing about the replica changes. Every input replaces the replica (AWS keys replicas by
 * region, and a replica's key is set when it is added); a new key of the same replica must remove
 * the old one first (one replica per region), so that replacement deletes before it creates.
 */
export function diffReplica(olds: Partial<ReplicaInputs>, news: Partial<ReplicaInputs>): dynamic.DiffResult {
  const replaces = REPLICA_INPUT_KEYS.filter((k) => olds[k] !== news[k]);
  if (replaces.length === 0) return { changes: false };
  const sameReplica = olds.region === news.region && olds.primarySecretArn === news.primarySecretArn;
  return { changes: true, replaces: [...replaces], deleteBeforeReplace: sameReplica };
}

/** Validates a replica's inputs (known values only); the failures Pulumi reports at preview. */
export function checkReplica(news: Partial<Record<keyof ReplicaInputs, unknown>>): dynamic.CheckFailure[] {
  const failures: dynamic.CheckFailure[] = [];
  const known = (v: unknown): v is string => typeof v === "string" && !/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(v);
  for (const k of REPLICA_INPUT_KEYS) {
    if (news[k] === undefined || news[k] === "") failures.push({ property: k, reason: `${k} is required` });
  }
  const { region, primaryRegion, primarySecretArn, kmsKeyArn } = news;
  if (known(primarySecretArn) && !/^arn:[^:]+:secretsmanager:[^:]+:\d+:secret:.+/.test(primarySecretArn)) {
    failures.push({
      property: "primarySecretArn",
      reason: `"${primarySecretArn}" is not a Secrets Manager secret ARN`,
    });
  } else if (
    known(primarySecretArn) &&
    known(primaryRegion) &&
    primarySecretArn.split(":")[3] !== primaryRegion
  ) {
    failures.push({
      property: "primaryRegion",
      reason: `"${primaryRegion}" is not the region of ${primarySecretArn}`,
    });
  }
  if (known(region) && region === primaryRegion) {
    failures.push({ property: "region", reason: `a secret is not replicated to its own region (${region})` });
  }
  if (
    known(kmsKeyArn) &&
    known(region) &&
    kmsKeyArn.startsWith("arn:") &&
    kmsKeyArn.split(":")[3] !== region
  ) {
    failures.push({
      property: "kmsKeyArn",
      reason: `${kmsKeyArn} is a key in ${kmsKeyArn.split(":")[3]}: a replica in ${region} needs a key of ${region}`,
    });
  }
  return failures;
}

/** Settings the provider receives from the stack's config (`configure`), shared by its methods. */
const settings: { profile?: string } = {};

/** The inputs of a replica out of a bag of properties (state or inputs). */
function inputsOf(props: Record<string, unknown>): ReplicaInputs {
  return {
    region: String(props.region),
    primarySecretArn: String(props.primarySecretArn),
    primaryRegion: String(props.primaryRegion),
    kmsKeyArn: String(props.kmsKeyArn),
  };
}

/** The environment of the deployed provider: the real SDK, loaded on first use. */
function deployedEnv(): ReplicationEnv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require("@aws-sdk/client-secrets-manager") as SecretsManagerSdk;
  return { sdk, ...(settings.profile ? { profile: settings.profile } : {}) };
}

/**
 * The dynamic provider of a secret replica. Pulumi serializes this object with the resource
 * (Pulumi dynamic providers: the provider is serialized into the `__provider` input and run by
 * the `pulumi-resource-pulumi-nodejs` plugin); `diff` never calls AWS. `read` serves
 * `pulumi refresh` (the SDK's dynamic provider host calls it with the recorded state); `pulumi
 * import` of a dynamic resource is not supported (pulumi/pulumi#16175), so an existing replica is
 * adopted by `create` instead. No `update`: every input replaces the replica.
 */
export const secretReplicaProvider: dynamic.ResourceProvider = {
  configure(req) {
    // The stack's AWS profile, when it names one, so that the replica is made with the same
    // credentials as the stack's other resources.
    settings.profile = req.config.get("aws:profile");
    return Promise.resolve();
  },
  check(_olds, news: Record<string, unknown>) {
    return Promise.resolve({ inputs: news, failures: checkReplica(news) });
  },
  diff(_id, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return Promise.resolve(diffReplica(olds, news));
  },
  async create(inputs: Record<string, unknown>) {
    const state = await createReplica(deployedEnv(), inputsOf(inputs));
    return { id: state.arn, outs: state };
  },
  async read(id, props?: Record<string, unknown>) {
    const state = await readReplica(deployedEnv(), inputsOf(props ?? {}));
    return state ? { id, props: state } : {};
  },
  async delete(_id, props: Record<string, unknown>) {
    await deleteReplica(deployedEnv(), inputsOf(props));
  },
};
