import { auroraForceSsl } from "../../../policies/data/aurora-force-ssl";
import { kmsKeyPolicyPrincipal } from "../../../policies/data/kms-key-policy-principal";
import { kmsKeyRotation } from "../../../policies/data/kms-key-rotation";
import { performanceInsightsCmk } from "../../../policies/data/performance-insights-cmk";
import { proxyTlsIam } from "../../../policies/data/proxy-tls-iam";
import { secretRecoveryWindow } from "../../../policies/data/secret-recovery-window";
import { statefulProtected } from "../../../policies/data/stateful-protected";
import { tierSegmentation } from "../../../policies/data/tier-segmentation";
import { check, res, urnOf } from "../../helpers/policy";

const KEY = "aws:kms/key:Key";
const PG = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const CLUSTER = "aws:rds/cluster:Cluster";
const INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const PROXY = "aws:rds/proxy:Proxy";
const SECRET = "aws:secretsmanager/secret:Secret";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const IN = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const messages = async (...args: Parameters<typeof check>) => (await check(...args)).map((v) => v.message);

describe("data-kms-key-rotation", () => {
  test("compliant: rotation on; an asymmetric key cannot rotate", async () => {
    expect(
      await check(kmsKeyRotation, [
        res(KEY, "data", { enableKeyRotation: true }),
        res(KEY, "sign", { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: a symmetric key without rotation", async () => {
    const v = await check(kmsKeyRotation, [res(KEY, "data", {})]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [urnOf(KEY, "data"), "The key does not rotate its key material: set enableKeyRotation = true."],
    ]);
  });
});

describe("data-kms-key-policy-principal", () => {
  test("compliant: the account root, and * pinned by kms:CallerAccount", async () => {
    const v = await check(kmsKeyPolicyPrincipal, [
      res(KEY, "ebs", {
        policy: doc(
          {
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:root" },
            Action: "kms:*",
            Resource: "*",
          },
          {
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "kms:Decrypt",
            Resource: "*",
            Condition: {
              StringEquals: {
                "kms:CallerAccount": "111122223333",
                "kms:ViaService": "ec2.us-east-1.amazonaws.com",
              },
            },
          },
        ),
      }),
    ]);
    expect(v).toEqual([]);
  });
  test("non-compliant: * with no condition, or only an IfExists one", async () => {
    expect(
      await messages(kmsKeyPolicyPrincipal, [
        res(KEY, "open", {
          policy: doc(
            { Sid: "Open", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
            {
              Effect: "Allow",
              Principal: { AWS: ["*"] },
              Action: "kms:Decrypt",
              Resource: "*",
              Condition: { StringEqualsIfExists: { "kms:CallerAccount": "111122223333" } },
            },
          ),
        }),
      ]),
    ).toEqual([
      'Key policy statement "Open" grants to every principal without an account condition: add kms:CallerAccount (or aws:SourceAccount) set to this account, or name the principal.',
      "Key policy statement 1 grants to every principal without an account condition: add kms:CallerAccount (or aws:SourceAccount) set to this account, or name the principal.",
    ]);
  });
});

describe("data-aurora-force-ssl", () => {
  const good = res(PG, "pg", {
    family: "aurora-postgresql16",
    parameters: [{ name: "rds.force_ssl", value: "1" }],
  });
  test("compliant: the cluster uses a group of the stack that forces TLS", async () => {
    const cluster = res(
      CLUSTER,
      "aurora",
      { engine: "aurora-postgresql", dbClusterParameterGroupName: "pg" },
      { propertyDependencies: { dbClusterParameterGroupName: [good.urn] } },
    );
    expect(await check(auroraForceSsl, [good, cluster])).toEqual([]);
  });
  test("non-compliant: force_ssl 0 on a group, and a cluster on the default group", async () => {
    const off = res(PG, "off", {
      family: "aurora-postgresql16",
      parameters: [{ name: "rds.force_ssl", value: "0" }],
    });
    const v = await check(auroraForceSsl, [off, res(CLUSTER, "aurora", { engine: "aurora-postgresql" })]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(PG, "off"),
        'Cluster parameter group "off" does not set rds.force_ssl = 1: add the parameter so the clusters refuse plain-text connections.',
      ],
      [
        urnOf(CLUSTER, "aurora"),
        'Cluster "aurora" does not use a cluster parameter group of this stack (it gets the default one, where rds.force_ssl is not 1): set dbClusterParameterGroupName to a group that forces TLS.',
      ],
    ]);
  });
});

describe("data-proxy-tls-iam", () => {
  test("compliant: TLS required, IAM auth required", async () => {
    expect(
      await check(proxyTlsIam, [
        res(PROXY, "p", { requireTls: true, auths: [{ authScheme: "SECRETS", iamAuth: "REQUIRED" }] }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: no TLS, IAM auth disabled", async () => {
    expect(
      await messages(proxyTlsIam, [
        res(PROXY, "p", { requireTls: false, auths: [{ authScheme: "SECRETS", iamAuth: "DISABLED" }] }),
      ]),
    ).toEqual([
      "The proxy accepts plain-text connections: set requireTls = true.",
      'Auth entry 0 has iamAuth = "DISABLED": set it to "REQUIRED" so clients sign in with IAM, not the password.',
    ]);
  });
});

describe("data-performance-insights-cmk", () => {
  test("compliant: a customer-managed key, or Performance Insights off", async () => {
    expect(
      await check(performanceInsightsCmk, [
        res(INSTANCE, "a", {
          performanceInsightsEnabled: true,
          performanceInsightsKmsKeyId: "arn:aws:kms:us-east-1:1:key/x",
        }),
        res(INSTANCE, "b", { performanceInsightsEnabled: false }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: on without a key", async () => {
    const v = await check(performanceInsightsCmk, [res(INSTANCE, "a", { performanceInsightsEnabled: true })]);
    expect(v.map((x) => x.urn)).toEqual([urnOf(INSTANCE, "a")]);
  });
});

describe("data-secret-recovery-window", () => {
  test("compliant: unset (30) or 7", async () => {
    expect(
      await check(secretRecoveryWindow, [
        res(SECRET, "a", {}),
        res(SECRET, "b", { recoveryWindowInDays: 7 }),
      ]),
    ).toEqual([]);
  });
  test("non-compliant: 0", async () => {
    expect(await messages(secretRecoveryWindow, [res(SECRET, "a", { recoveryWindowInDays: 0 })])).toEqual([
      "The secret is deletable without a recovery window (recoveryWindowInDays = 0): leave it unset or set 7 to 30.",
    ]);
  });
});

describe("data-stateful-protected", () => {
  const protectedKey = () => {
    const k = res(KEY, "data", { tags: { environment: "prod" } });
    k.options.protect = true;
    return k;
  };
  test("compliant: protected in production; unprotected in a dev environment", async () => {
    expect(await check(statefulProtected, [protectedKey()])).toEqual([]);
    expect(await check(statefulProtected, [res(KEY, "data", { tags: { environment: "dev" } })])).toEqual([]);
  });
  test("non-compliant: an unprotected cluster in production", async () => {
    const v = await check(statefulProtected, [
      protectedKey(),
      res(CLUSTER, "aurora", { tags: { environment: "prod" } }),
    ]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(CLUSTER, "aurora"),
        'Stateful resource "aurora" (aws:rds/cluster:Cluster) is not protected in a production environment: set protect (platform:protect = true).',
      ],
    ]);
  });
});

describe("data-tier-segmentation", () => {
  const aurora = res(SG, "aurora", {});
  const app = res(SG, "app", { tags: { "platform:tier-name": "app" } });
  const web = res(SG, "web", { tags: { "platform:tier-name": "web" } });
  const cluster = res(CLUSTER, "db", {}, { propertyDependencies: { vpcSecurityGroupIds: [aurora.urn] } });
  const rule = (name: string, from: ReturnType<typeof res>) =>
    res(
      IN,
      name,
      {
        securityGroupId: "sg-a",
        referencedSecurityGroupId: "sg-b",
        fromPort: 5432,
        toPort: 5432,
        ipProtocol: "tcp",
      },
      { propertyDependencies: { securityGroupId: [aurora.urn], referencedSecurityGroupId: [from.urn] } },
    );
  test("compliant: the app tier reaches the database", async () => {
    expect(await check(tierSegmentation, [aurora, app, cluster, rule("from-app", app)])).toEqual([]);
  });
  test("non-compliant: the web tier reaches the database's group (found through the cluster, untagged)", async () => {
    const v = await check(tierSegmentation, [aurora, web, cluster, rule("from-web", web)]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(IN, "from-web"),
        'Ingress rule "from-web" lets group "web" (a web-tier group) reach data store group "aurora": only the app tier, EKS nodes and the proxy may.',
      ],
    ]);
  });
});
