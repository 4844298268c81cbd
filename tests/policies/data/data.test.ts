import { backupRetention } from "../../../policies/data/backup-retention";
import { cacheTransitAuth } from "../../../policies/data/cache-transit-auth";
import { deletionProtection } from "../../../policies/data/deletion-protection";
import { iamAuth } from "../../../policies/data/iam-auth";
import { dataNotPublic } from "../../../policies/data/not-public";
import { dataSecurityGroupSources } from "../../../policies/data/security-group-sources";
import { storageEncryptedCmk } from "../../../policies/data/storage-encrypted-cmk";
import { SECRET_REPLICA_TYPE } from "../../../src/conventions";
import { check, res, urnOf } from "../../helpers/policy";

const CLUSTER = "aws:rds/cluster:Cluster";
const GLOBAL = "aws:rds/globalCluster:GlobalCluster";
const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const SECRET = "aws:secretsmanager/secret:Secret";
const REPLICA = SECRET_REPLICA_TYPE;
const KEY = "arn:aws:kms:us-east-1:111122223333:key/k";
const cluster = (o: Record<string, unknown> = {}) =>
  res(CLUSTER, "db", {
    storageEncrypted: true,
    kmsKeyId: KEY,
    deletionProtection: true,
    skipFinalSnapshot: false,
    backupRetentionPeriod: 14,
    iamDatabaseAuthenticationEnabled: true,
    ...o,
  });
const cache = (o: Record<string, unknown> = {}) =>
  res(RG, "cache", {
    atRestEncryptionEnabled: true,
    kmsKeyId: KEY,
    transitEncryptionEnabled: true,
    authToken: "[secret]",
    snapshotRetentionLimit: 7,
    ...o,
  });
const msgs = async (policy: Parameters<typeof check>[0], ...r: ReturnType<typeof res>[]) =>
  (await check(policy, r)).map((v) => v.message);

describe("data-storage-encrypted-cmk", () => {
  test("compliant: cluster, global cluster, cache primary, cache secondary with its own key, secret and replica", async () => {
    expect(
      await msgs(
        storageEncryptedCmk,
        cluster(),
        res(GLOBAL, "g", { storageEncrypted: true }),
        cache(),
        res(RG, "sec", { globalReplicationGroupId: "g", kmsKeyId: KEY }),
        res(SECRET, "s", { kmsKeyId: KEY, replicas: [{ region: "eu-west-1", kmsKeyId: "arn:eu" }] }),
        res(REPLICA, "r", { region: "eu-west-1", kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/k" }),
      ),
    ).toEqual([]);
  });
  test("non-compliant: a cache secondary without its own key, a secret replica under the AWS-managed key", async () => {
    expect(
      await msgs(
        storageEncryptedCmk,
        res(RG, "sec", { globalReplicationGroupId: "g" }),
        res(SECRET, "s", { kmsKeyId: KEY, replicas: [{ region: "eu-west-1" }] }),
        res(REPLICA, "r", {
          region: "ap-south-1",
          primarySecretArn: "arn:aws:secretsmanager:us-east-1:1:secret:s",
        }),
      ),
    ).toEqual([
      "Replication group uses the AWS-managed key: set kmsKeyId to a customer-managed key of its region.",
      "Secret replica in eu-west-1 uses the AWS-managed key: set its kmsKeyId to a customer-managed key of eu-west-1.",
      "Secret replica in ap-south-1 uses the AWS-managed key: set its kmsKeyArn to a customer-managed key of ap-south-1.",
    ]);
  });
  test("non-compliant: AWS-managed keys and unencrypted storage", async () => {
    expect(
      await msgs(
        storageEncryptedCmk,
        cluster({ storageEncrypted: false, kmsKeyId: undefined }),
        cache({ atRestEncryptionEnabled: false }),
        res(SECRET, "s", {}),
      ),
    ).toEqual([
      "Aurora cluster storage is not encrypted: set storageEncrypted = true.",
      "Aurora cluster uses the AWS-managed key: set kmsKeyId to a customer-managed key of its region.",
      "Replication group is not encrypted at rest: set atRestEncryptionEnabled = true.",
      "Secret uses the AWS-managed key: set kmsKeyId to a customer-managed key of its region.",
    ]);
  });
});

describe("data-not-public", () => {
  const inst = (pub: boolean) =>
    res("aws:rds/clusterInstance:ClusterInstance", "i", {
      publiclyAccessible: pub,
      instanceClass: "db.r7g.large",
    });
  test("compliant: private instance", async () => {
    expect(await msgs(dataNotPublic, inst(false))).toEqual([]);
  });
  test("non-compliant: public instance", async () => {
    expect(await msgs(dataNotPublic, inst(true))).toEqual([
      "Database instance is publicly accessible: set publiclyAccessible = false (it lives in isolated subnets).",
    ]);
  });
});

describe("data-deletion-protection", () => {
  test("compliant: protected cluster and global cluster, final snapshot kept", async () => {
    expect(await msgs(deletionProtection, cluster(), res(GLOBAL, "g", { deletionProtection: true }))).toEqual(
      [],
    );
  });
  test("non-compliant: unprotected, skipping the final snapshot", async () => {
    expect(
      await msgs(
        deletionProtection,
        cluster({ deletionProtection: false, skipFinalSnapshot: true }),
        res(GLOBAL, "g", {}),
      ),
    ).toEqual([
      "Deletion protection is off: set deletionProtection = true.",
      "Cluster skips its final snapshot: set skipFinalSnapshot = false and a finalSnapshotIdentifier.",
      "Deletion protection is off: set deletionProtection = true.",
    ]);
  });
  test("non-compliant: a cluster or a cache replaced delete-first", async () => {
    const deleteFirst = <T extends { options: object }>(r: T): T => ({
      ...r,
      options: { ...r.options, deleteBeforeReplace: true },
    });
    const message =
      "A data store is replaced delete-first (deleteBeforeReplace): its data would be gone before its replacement " +
      "exists; leave deleteBeforeReplace off so that a replacement fails at its create step instead.";
    expect(await msgs(deletionProtection, deleteFirst(cluster()), deleteFirst(cache()))).toEqual([
      message,
      message,
    ]);
  });
});

describe("data-backup-retention", () => {
  test("compliant: 14 days of backups, 7 of snapshots", async () => {
    expect(await msgs(backupRetention, cluster(), cache())).toEqual([]);
  });
  test("non-compliant: AWS's 1-day default and no cache snapshots", async () => {
    expect(
      await msgs(
        backupRetention,
        cluster({ backupRetentionPeriod: undefined }),
        cache({ snapshotRetentionLimit: undefined }),
      ),
    ).toEqual([
      "Cluster keeps backups 1 days: expected at least 7 (backupRetentionPeriod).",
      "Replication group keeps snapshots 0 days: expected at least 7 (snapshotRetentionLimit).",
    ]);
  });
});

describe("data-iam-auth", () => {
  test("compliant: IAM authentication on", async () => {
    expect(await msgs(iamAuth, cluster())).toEqual([]);
  });
  test("non-compliant: IAM authentication off", async () => {
    expect(await msgs(iamAuth, cluster({ iamDatabaseAuthenticationEnabled: false }))).toEqual([
      "Cluster does not accept IAM database authentication: set iamDatabaseAuthenticationEnabled = true.",
    ]);
  });
});

describe("data-cache-transit-auth", () => {
  test("compliant: TLS and AUTH on the primary; a secondary is not applicable", async () => {
    expect(await msgs(cacheTransitAuth, cache(), res(RG, "sec", { globalReplicationGroupId: "g" }))).toEqual(
      [],
    );
  });
  test("non-compliant: plaintext and unauthenticated", async () => {
    expect(
      await msgs(cacheTransitAuth, cache({ transitEncryptionEnabled: false, authToken: undefined })),
    ).toEqual([
      "Replication group does not encrypt in transit: set transitEncryptionEnabled = true.",
      "Replication group requires no authentication: set an authToken (from Secrets Manager) or an RBAC user group.",
    ]);
  });
});

describe("data-security-group-sources", () => {
  const SG = "aws:ec2/securityGroup:SecurityGroup";
  const IN = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
  const dataSg = res(SG, "db", { tags: { "platform:data-store": "aurora-postgresql" } });
  const pcx = res("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "pcx", {
    tags: {
      "platform:requester-region": "eu-west-1",
      "platform:requester-cidr": "10.20.0.0/16",
      "platform:accepter-region": "us-east-1",
      "platform:accepter-cidr": "10.10.0.0/16",
    },
  });
  const rule = (name: string, inputs: Record<string, unknown>) =>
    res(
      IN,
      name,
      { securityGroupId: "sg-db", ipProtocol: "tcp", fromPort: 5432, toPort: 5432, ...inputs },
      { propertyDependencies: { securityGroupId: [dataSg.urn] } },
    );
  test("compliant: a group of this region, the peer CIDR, and a tagged rule on the peer's store", async () => {
    const remote = res(IN, "remote", {
      region: "us-east-1",
      securityGroupId: "sg-remote",
      cidrIpv4: "10.20.0.0/16",
      tags: { "platform:data-store": "elasticache" },
    });
    expect(
      await msgs(
        dataSecurityGroupSources,
        dataSg,
        pcx,
        rule("app", { referencedSecurityGroupId: "sg-app" }),
        rule("peer", { cidrIpv4: "10.10.0.0/16" }),
        remote,
      ),
    ).toEqual([]);
  });
  test("non-compliant: an office CIDR and the whole internet on a data store", async () => {
    const v = await check(dataSecurityGroupSources, [
      dataSg,
      pcx,
      rule("office", { cidrIpv4: "192.168.0.0/16" }),
      rule("world", { cidrIpv4: "0.0.0.0/0" }),
    ]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(IN, "office"),
        'Data ingress rule "office" admits 192.168.0.0/16: a data store admits only security groups of its region and the peered VPC CIDRs (10.20.0.0/16, 10.10.0.0/16).',
      ],
      [
        urnOf(IN, "world"),
        'Data ingress rule "world" admits 0.0.0.0/0: a data store admits only security groups of its region and the peered VPC CIDRs (10.20.0.0/16, 10.10.0.0/16).',
      ],
    ]);
  });
});
