/**
 * The secret replica provider (src/aws/secret-replication.ts) against a mocked Secrets Manager
 * (aws-sdk-client-mock): what it sends, in which region, how it waits, and what it tells the
 * operator when AWS says no.
 */
import { createRequire } from "node:module";
import * as sdk from "@aws-sdk/client-secrets-manager";
import * as pulumi from "@pulumi/pulumi";
import { mockClient } from "aws-sdk-client-mock";
import {
  checkReplica,
  createReplica,
  deleteReplica,
  diffReplica,
  readReplica,
  replicaArn,
  sameKey,
  secretReplicaProvider,
  type ReplicaInputs,
  type ReplicationEnv,
} from "../../src/aws/secret-replication";

const PRIMARY = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod-use1-aurora-master-AbCdEf";
const KEY_ID = "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
const KEY = `arn:aws:kms:eu-west-1:111122223333:key/${KEY_ID}`;
const OTHER_KEY = "arn:aws:kms:eu-west-1:111122223333:key/another";
const inputs: ReplicaInputs = {
  region: "eu-west-1",
  primarySecretArn: PRIMARY,
  primaryRegion: "us-east-1",
  kmsKeyArn: KEY,
};
const REPLICA = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod-use1-aurora-master-AbCdEf";

const sm = mockClient(sdk.SecretsManagerClient);
const sleeps: number[] = [];
let clock = 0;
const env: ReplicationEnv = {
  sdk,
  pollIntervalMs: 1000,
  timeoutMs: 5000,
  sleep: async (ms) => {
    sleeps.push(ms);
    clock += ms;
  },
  now: () => clock,
};
const described = (...replicas: sdk.ReplicationStatusType[]): sdk.DescribeSecretResponse => ({
  ARN: PRIMARY,
  PrimaryRegion: "us-east-1",
  ...(replicas.length > 0 ? { ReplicationStatus: replicas } : {}),
});
const here = (Status: string, KmsKeyId = KEY, StatusMessage?: string): sdk.ReplicationStatusType => ({
  Region: "eu-west-1",
  KmsKeyId,
  Status: Status as sdk.StatusType,
  ...(StatusMessage ? { StatusMessage } : {}),
});
const notFound = () =>
  new sdk.ResourceNotFoundException({
    message: "Secrets Manager can't find the specified secret.",
    $metadata: {},
  });
const names = () => sm.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);

beforeEach(() => {
  sm.reset();
  sleeps.length = 0;
  clock = 0;
});

describe("createReplica", () => {
  test("adds this region under this region's key, in the primary's region, and waits until InSync", async () => {
    sm.on(sdk.DescribeSecretCommand)
      .resolvesOnce(described())
      .resolvesOnce(described(here("InProgress")))
      .resolves(described(here("InSync")));
    sm.on(sdk.ReplicateSecretToRegionsCommand).resolves({ ARN: PRIMARY });
    expect(await createReplica(env, inputs)).toEqual({ ...inputs, arn: REPLICA, status: "InSync" });
    expect(names()).toEqual([
      "DescribeSecretCommand",
      "ReplicateSecretToRegionsCommand",
      "DescribeSecretCommand",
      "DescribeSecretCommand",
    ]);
    expect(sm.commandCalls(sdk.ReplicateSecretToRegionsCommand)[0].args[0].input).toEqual({
      SecretId: PRIMARY,
      AddReplicaRegions: [{ Region: "eu-west-1", KmsKeyId: KEY }],
      ForceOverwriteReplicaSecret: false,
    });
    for (const call of sm.calls()) {
      expect(await (call.thisValue as sdk.SecretsManagerClient).config.region()).toBe("us-east-1");
    }
    expect(sleeps).toEqual([1000]);
  });

  test("adopts a replica already there under the same key (named by key ID), without adding it", async () => {
    sm.on(sdk.DescribeSecretCommand).resolves(described(here("InSync", KEY_ID)));
    expect(await createReplica(env, inputs)).toEqual({ ...inputs, arn: REPLICA, status: "InSync" });
    expect(names()).toEqual(["DescribeSecretCommand", "DescribeSecretCommand"]);
  });

  test("refuses a replica already there under another key, saying how to remove it, and changes nothing", async () => {
    sm.on(sdk.DescribeSecretCommand).resolves(described(here("InSync", OTHER_KEY)));
    await expect(createReplica(env, inputs)).rejects.toThrow(
      `${PRIMARY} already has a replica in eu-west-1, encrypted with ${OTHER_KEY}, not ${KEY}. Replicas are keyed by ` +
        "region, so this stack cannot add its own. Remove the existing replica (reads of it in eu-west-1 fail until the " +
        "new one is InSync): `aws secretsmanager remove-regions-from-replication --secret-id <primary secret ARN> " +
        "--remove-replica-regions eu-west-1 --region <primary region>`, then run `pulumi up` again",
    );
    expect(names()).toEqual(["DescribeSecretCommand"]);
  });

  test("a failed replication is removed again (create is transactional) and reported with AWS's message", async () => {
    sm.on(sdk.DescribeSecretCommand)
      .resolvesOnce(described())
      .resolvesOnce(described(here("Failed", KEY, "Secret with this name already exists in this region")))
      .resolves(described());
    sm.on(sdk.ReplicateSecretToRegionsCommand).resolves({});
    sm.on(sdk.RemoveRegionsFromReplicationCommand).resolves({});
    await expect(createReplica(env, inputs)).rejects.toThrow(
      `Replication of ${PRIMARY} to eu-west-1 failed: Secret with this name already exists in this region. Fix the cause`,
    );
    expect(sm.commandCalls(sdk.RemoveRegionsFromReplicationCommand)[0].args[0].input).toEqual({
      SecretId: PRIMARY,
      RemoveReplicaRegions: ["eu-west-1"],
    });
  });

  test("a Failed replica under the same key (never created) is removed and added again", async () => {
    sm.on(sdk.DescribeSecretCommand)
      .resolvesOnce(described(here("Failed", KEY, "Access to KMS is not allowed")))
      .resolvesOnce(described())
      .resolves(described(here("InSync")));
    sm.on(sdk.RemoveRegionsFromReplicationCommand).resolves({});
    sm.on(sdk.ReplicateSecretToRegionsCommand).resolves({});
    expect((await createReplica(env, inputs)).status).toBe("InSync");
    expect(names()).toEqual([
      "DescribeSecretCommand",
      "RemoveRegionsFromReplicationCommand",
      "DescribeSecretCommand",
      "ReplicateSecretToRegionsCommand",
      "DescribeSecretCommand",
    ]);
  });

  test("a primary secret that does not exist yet: apply its stack first", async () => {
    sm.on(sdk.DescribeSecretCommand).rejects(notFound());
    await expect(createReplica(env, inputs)).rejects.toThrow(
      `The primary secret ${PRIMARY} does not exist in us-east-1: apply the stack that owns it before the stack that ` +
        "replicates it to eu-west-1 (apply order: every stack after its peers).",
    );
  });

  test("a primary scheduled for deletion is restored first", async () => {
    sm.on(sdk.DescribeSecretCommand).resolves({ ...described(), DeletedDate: new Date(0) });
    await expect(createReplica(env, inputs)).rejects.toThrow(
      "is scheduled for deletion in us-east-1: restore it",
    );
  });

  test("access denied names every permission replication needs", async () => {
    sm.on(sdk.DescribeSecretCommand).resolves(described());
    sm.on(sdk.ReplicateSecretToRegionsCommand).rejects(
      Object.assign(new Error("User is not authorized to perform: secretsmanager:ReplicateSecretToRegions"), {
        name: "AccessDeniedException",
        $metadata: { httpStatusCode: 400 },
      }),
    );
    await expect(createReplica(env, inputs)).rejects.toThrow(
      `ReplicateSecretToRegions for the replica in eu-west-1 of ${PRIMARY} was denied (AccessDeniedException: User is ` +
        "not authorized to perform: secretsmanager:ReplicateSecretToRegions). The identity running pulumi needs " +
        "secretsmanager:DescribeSecret, secretsmanager:ReplicateSecretToRegions and " +
        "secretsmanager:RemoveRegionsFromReplication on the primary secret in us-east-1, kms:Decrypt on the primary " +
        `secret's key, and kms:GenerateDataKey and kms:Encrypt on ${KEY}`,
    );
  });

  test("an unreachable primary region: a new replica needs it, existing ones keep serving reads", async () => {
    sm.on(sdk.DescribeSecretCommand).rejects(
      Object.assign(new Error("getaddrinfo ENOTFOUND secretsmanager.us-east-1.amazonaws.com"), {
        code: "ENOTFOUND",
      }),
    );
    await expect(createReplica(env, inputs)).rejects.toThrow(
      `DescribeSecret for the replica in eu-west-1 of ${PRIMARY} failed: Secrets Manager in us-east-1, the primary ` +
        "secret's region, did not answer (Error: getaddrinfo ENOTFOUND secretsmanager.us-east-1.amazonaws.com). " +
        "Adding, removing or refreshing a replica needs the primary region; an existing replica keeps serving reads in " +
        "eu-west-1.",
    );
  });

  test("the wait is bounded: still InProgress after the timeout, the next pulumi up adopts it", async () => {
    sm.on(sdk.DescribeSecretCommand)
      .resolvesOnce(described())
      .resolves(described(here("InProgress")));
    sm.on(sdk.ReplicateSecretToRegionsCommand).resolves({});
    await expect(createReplica(env, inputs)).rejects.toThrow(
      `The replica in eu-west-1 of ${PRIMARY} is still InProgress after 5 s. It was requested and will usually finish ` +
        "on its own: run `pulumi up` again, which adopts it once it is InSync.",
    );
    expect(sleeps).toEqual([1000, 1000, 1000, 1000, 1000]);
  });
});

describe("readReplica (pulumi refresh)", () => {
  test("reports the replica's status and keeps the recorded key when AWS names the same key", async () => {
    sm.on(sdk.DescribeSecretCommand).resolves(described(here("InSync", KEY_ID)));
    expect(await readReplica(env, inputs)).toEqual({ ...inputs, arn: REPLICA, status: "InSync" });
  });

  test("reports another key as it is, so that the next pulumi up replaces the replica", async () => {
    sm.on(sdk.DescribeSecretCommand).resolves(described(here("InSync", OTHER_KEY)));
    expect((await readReplica(env, inputs))?.kmsKeyArn).toBe(OTHER_KEY);
  });

  test("gone when the region is no longer a replica (removed, or promoted), or the primary is gone", async () => {
    sm.on(sdk.DescribeSecretCommand).resolvesOnce(described()).rejectsOnce(notFound());
    expect(await readReplica(env, inputs)).toBeUndefined();
    expect(await readReplica(env, inputs)).toBeUndefined();
  });
});

describe("deleteReplica", () => {
  test("removes this region from the replication (deleting the replica there) and waits until it is gone", async () => {
    sm.on(sdk.DescribeSecretCommand)
      .resolvesOnce(described(here("InSync")))
      .resolvesOnce(described(here("InSync")))
      .resolves(described());
    sm.on(sdk.RemoveRegionsFromReplicationCommand).resolves({});
    await deleteReplica(env, inputs);
    expect(sm.commandCalls(sdk.RemoveRegionsFromReplicationCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: PRIMARY, RemoveReplicaRegions: ["eu-west-1"] },
    ]);
    expect(sleeps).toEqual([1000]);
  });

  test("nothing to do when the region is not a replica any more or the primary is gone", async () => {
    sm.on(sdk.DescribeSecretCommand).resolvesOnce(described()).rejectsOnce(notFound());
    await deleteReplica(env, inputs);
    await deleteReplica(env, inputs);
    expect(sm.commandCalls(sdk.RemoveRegionsFromReplicationCommand)).toHaveLength(0);
  });

  test("tolerates a primary deleted between the look-up and the removal", async () => {
    sm.on(sdk.DescribeSecretCommand).resolves(described(here("InSync")));
    sm.on(sdk.RemoveRegionsFromReplicationCommand).rejects(notFound());
    await expect(deleteReplica(env, inputs)).resolves.toBeUndefined();
  });
});

describe("diffReplica and checkReplica: decided without AWS", () => {
  test("no change, no replacement; each input replaces; a new key of the same replica deletes it first", () => {
    expect(diffReplica(inputs, { ...inputs })).toEqual({ changes: false });
    expect(diffReplica(inputs, { ...inputs, kmsKeyArn: OTHER_KEY })).toEqual({
      changes: true,
      replaces: ["kmsKeyArn"],
      deleteBeforeReplace: true,
    });
    expect(diffReplica(inputs, { ...inputs, region: "ap-south-1" })).toEqual({
      changes: true,
      replaces: ["region"],
      deleteBeforeReplace: false,
    });
    const other = "arn:aws:secretsmanager:us-east-1:111122223333:secret:other-XyZ123";
    expect(diffReplica(inputs, { ...inputs, primarySecretArn: other })).toEqual({
      changes: true,
      replaces: ["primarySecretArn"],
      deleteBeforeReplace: false,
    });
    expect(sm.calls()).toHaveLength(0);
  });

  test("the provider's diff ignores its recorded outputs and the serialized provider", async () => {
    const olds = { ...inputs, arn: REPLICA, status: "InSync", __provider: "old code" };
    const news = { ...inputs, __provider: "new code" };
    expect(await secretReplicaProvider.diff!(REPLICA, olds, news)).toEqual({ changes: false });
    expect(sm.calls()).toHaveLength(0);
  });

  test("check: required inputs, a secret ARN in the primary region, a key of the replica's region", () => {
    expect(checkReplica(inputs)).toEqual([]);
    expect(
      checkReplica({ ...inputs, kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k", region: "eu-west-1" }),
    ).toEqual([
      {
        property: "kmsKeyArn",
        reason:
          "arn:aws:kms:us-east-1:111122223333:key/k is a key in us-east-1: a replica in eu-west-1 needs a key of eu-west-1",
      },
    ]);
    expect(checkReplica({ ...inputs, region: "us-east-1", kmsKeyArn: undefined })).toEqual([
      { property: "kmsKeyArn", reason: "kmsKeyArn is required" },
      { property: "region", reason: "a secret is not replicated to its own region (us-east-1)" },
    ]);
    expect(checkReplica({ ...inputs, primarySecretArn: "prod-use1-aurora-master" })).toEqual([
      {
        property: "primarySecretArn",
        reason: '"prod-use1-aurora-master" is not a Secrets Manager secret ARN',
      },
    ]);
    expect(checkReplica({ ...inputs, primaryRegion: "us-west-2" })).toEqual([
      { property: "primaryRegion", reason: `"us-west-2" is not the region of ${PRIMARY}` },
    ]);
    // Unknown at preview (a key created in the same update): not judged.
    expect(checkReplica({ ...inputs, kmsKeyArn: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" })).toEqual([]);
  });

  test("replicaArn and sameKey", () => {
    expect(replicaArn(PRIMARY, "ap-south-1")).toBe(
      "arn:aws:secretsmanager:ap-south-1:111122223333:secret:prod-use1-aurora-master-AbCdEf",
    );
    expect(() => replicaArn("arn:aws:kms:us-east-1:1:key/k", "eu-west-1")).toThrow(
      'replicaArn: "arn:aws:kms:us-east-1:1:key/k" is not a Secrets Manager secret ARN',
    );
    expect([
      sameKey(KEY, KEY_ID),
      sameKey(KEY_ID, KEY),
      sameKey(KEY, OTHER_KEY),
      sameKey(undefined, KEY),
    ]).toEqual([true, true, false, false]);
  });
});

describe("the serialized provider, as the dynamic provider host runs it", () => {
  test("is small, self-contained, loads the SDK only inside its methods, and creates a replica", async () => {
    const { text } = await pulumi.runtime.serializeFunction(() => secretReplicaProvider, {
      allowSecrets: true,
    });
    expect(text.length).toBeLessThan(64 * 1024);
    expect(text).not.toMatch(/@pulumi\/pulumi/);
    expect(text.match(/require\("@aws-sdk\/client-secrets-manager"\)/g)).toHaveLength(1);
    // The host loads the text with require-from-string, outside any test module registry
    // (@pulumi/pulumi cmd/dynamic-provider getProvider): do the same, and mock the SDK in the
    // module cache that the loaded code's own `require` uses (jest's createRequire would not).
    const requireFromString = createRequire(require.resolve("@pulumi/pulumi"))("require-from-string") as (
      code: string,
    ) => unknown;
    const hostRequire = requireFromString("module.exports = require;") as NodeJS.Require;
    const nativeSdk = hostRequire("@aws-sdk/client-secrets-manager") as typeof sdk;
    const nativeMock = (
      hostRequire("aws-sdk-client-mock") as typeof import("aws-sdk-client-mock")
    ).mockClient(nativeSdk.SecretsManagerClient);
    try {
      nativeMock
        .on(nativeSdk.DescribeSecretCommand)
        .resolvesOnce(described())
        .resolves(described(here("InSync")));
      nativeMock.on(nativeSdk.ReplicateSecretToRegionsCommand).resolves({});
      const provider = (
        requireFromString(text) as { handler: () => pulumi.dynamic.ResourceProvider }
      ).handler();
      await provider.configure!({ config: { get: () => undefined, require: () => "" } });
      expect(await provider.create({ ...inputs, __provider: text })).toEqual({
        id: REPLICA,
        outs: { ...inputs, arn: REPLICA, status: "InSync" },
      });
      expect(nativeMock.commandCalls(nativeSdk.ReplicateSecretToRegionsCommand)).toHaveLength(1);
      // Its errors keep their message (a serialized Error subclass would lose it).
      nativeMock.reset();
      nativeMock
        .on(nativeSdk.DescribeSecretCommand)
        .rejects(new nativeSdk.ResourceNotFoundException({ message: "gone", $metadata: {} }));
      await expect(provider.create({ ...inputs })).rejects.toMatchObject({
        name: "ReplicaError",
        message: expect.stringContaining(`The primary secret ${PRIMARY} does not exist in us-east-1`),
      });
    } finally {
      nativeMock.restore();
    }
  });
});
