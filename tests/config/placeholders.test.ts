import { ConfigError, findPlaceholders, validateStackConfig } from "../../src/config";
import { runStack } from "../../src/plan/run-stack";
import { summarize } from "../../src/plan/summary";
import { readStackFile } from "../../src/plan/stack-files";
import { program } from "../../stacks/program";
import { join } from "node:path";
import { ROOT, stackValues, withOverrides } from "../helpers/config";
import { realPlans } from "../helpers/plans";

const ACCOUNT =
  'platform:accountId = "111122223333" is a placeholder: expected the 12-digit ID of the AWS account you deploy to (look it up: aws sts get-caller-identity --query Account --output text)';
const ZONE_NAME =
  "platform:dns.zoneName = \"example.com\" is a placeholder: expected the name of your Route 53 public hosted zone, not a domain reserved for documentation (and platform:dns.domain in it) (look it up: aws route53 list-hosted-zones --query 'HostedZones[?Config.PrivateZone==`false`].Name')";
const ZONE_ID =
  "platform:dns.hostedZoneId = \"Z0123456789EXAMPLEZ1\" is a placeholder: expected the ID of that hosted zone, without the /hostedzone/ prefix (look it up: aws route53 list-hosted-zones-by-name --dns-name example.com --max-items 1 --query 'HostedZones[0].Id' --output text)";
const DOMAIN =
  "platform:dns.domain = \"shop.example.com\" is a placeholder: expected a name in your own domain, not one reserved for documentation (example.com, .net, .org) (look it up: aws route53 list-hosted-zones --query 'HostedZones[?Config.PrivateZone==`false`].Name')";
const role = (key: string, name: string) =>
  `platform:eks.${key} = "arn:aws:iam::111122223333:role/${name}" is a placeholder: expected a value of the AWS account you deploy to, not AWS's documentation account 111122223333 (look it up: aws sts get-caller-identity --query Account --output text)`;
/** The EKS roles and alarm subscriptions of the real stack files, which name the documentation account or domain. */
const ROLES = [
  role("adminRoleArns[0]", "platform-admin"),
  role("adminRoleArns[1]", "platform-deploy"),
  role("deployRoleArn", "platform-deploy"),
  ...["critical[0]", "warning[0]"].map(
    (sub, i) =>
      `platform:observability.subscriptions.${sub}.endpoint = "${["oncall", "platform-team"][i]}@example.com" is a placeholder: expected a name in your own domain, not one reserved for documentation (example.com, .net, .org) (look it up: aws route53 list-hosted-zones --query 'HostedZones[?Config.PrivateZone==\`false\`].Name')`,
  ),
];
const prefixList = (region: string, id: string) =>
  `platform:edge.healthCheckPrefixListId = "${id}" is a placeholder: expected this region's ID of the AWS-managed prefix list com.amazonaws.${region}.route53-healthchecks (look it up: aws ec2 describe-managed-prefix-lists --region ${region} --filters Name=prefix-list-name,Values=com.amazonaws.${region}.route53-healthchecks --query 'PrefixLists[0].PrefixListId' --output text)`;

/** The us-east-1 stack file with every placeholder replaced by a real-looking value. */
const filled = () => {
  const v = stackValues("us-east-1");
  return {
    "platform:accountId": "502831946177",
    "platform:dns": {
      domain: "shop.acme-retail.net",
      zoneName: "acme-retail.net",
      hostedZoneId: "Z2FDTNDATAQYW2",
    },
    "platform:edge": { ...(v["platform:edge"] as object), healthCheckPrefixListId: "pl-06a6c5bba3d2bbc2e" },
    "platform:eks": {
      ...(v["platform:eks"] as object),
      adminRoleArns: [
        "arn:aws:iam::502831946177:role/platform-admin",
        "arn:aws:iam::502831946177:role/platform-deploy",
      ],
      deployRoleArn: "arn:aws:iam::502831946177:role/platform-deploy",
    },
    "platform:observability": {
      ...(v["platform:observability"] as object),
      subscriptions: {
        critical: [{ protocol: "email", endpoint: "oncall@acme-retail.net" }],
        warning: [{ protocol: "email", endpoint: "platform-team@acme-retail.net" }],
      },
    },
  };
};

const problems = (run: () => unknown): readonly string[] => {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe("placeholder values in the stack files", () => {
  test("the real stack files carry exactly the known placeholders, which the offline plan lists", () => {
    const keys = (stack: string) => findPlaceholders(withOverrides(stack, {})).map((p) => [p.key, p.value]);
    expect(keys("us-east-1")).toEqual([
      ["platform:accountId", "111122223333"],
      ["platform:dns.zoneName", "example.com"],
      ["platform:dns.hostedZoneId", "Z0123456789EXAMPLEZ1"],
      ["platform:edge.healthCheckPrefixListId", "pl-0a1b2c3d4e5f60718"],
      ["platform:dns.domain", "shop.example.com"],
      ["platform:eks.adminRoleArns[0]", "arn:aws:iam::111122223333:role/platform-admin"],
      ["platform:eks.adminRoleArns[1]", "arn:aws:iam::111122223333:role/platform-deploy"],
      ["platform:eks.deployRoleArn", "arn:aws:iam::111122223333:role/platform-deploy"],
      ["platform:observability.subscriptions.critical[0].endpoint", "oncall@example.com"],
      ["platform:observability.subscriptions.warning[0].endpoint", "platform-team@example.com"],
    ]);
    expect(keys("eu-west-1").map(([k]) => k)).toEqual(keys("us-east-1").map(([k]) => k));
    expect(findPlaceholders(withOverrides("us-east-1", filled()))).toEqual([]);
  });

  test("refused (a real run): one problem each, saying what to put there and the command that looks it up", () => {
    expect(
      problems(() => validateStackConfig(withOverrides("eu-west-1", {}), { placeholders: "refuse" })),
    ).toEqual([
      ACCOUNT,
      ZONE_NAME,
      ZONE_ID,
      prefixList("eu-west-1", "pl-0f1e2d3c4b5a69788"),
      DOMAIN,
      ...ROLES,
    ]);
    expect(
      problems(() => validateStackConfig(withOverrides("us-east-1", filled()), { placeholders: "refuse" })),
    ).toEqual([]);
  });

  test("a documentation account or domain anywhere in a platform: value, at any depth, with its key path", () => {
    const found = (overrides: Record<string, unknown>) =>
      findPlaceholders(withOverrides("us-east-1", { ...filled(), ...overrides })).map((p) => [
        p.key,
        p.expected,
      ]);
    const account = (id: string) =>
      `a value of the AWS account you deploy to, not AWS's documentation account ${id}`;
    expect(
      found({
        "platform:eks": {
          ...(filled()["platform:eks"] as object),
          adminRoleArns: [
            "arn:aws:iam::502831946177:role/platform-deploy",
            "arn:aws:iam::444455556666:role/ops",
            "arn:aws:iam::123456789012:role/ci",
          ],
        },
        "platform:tags": { owner: "a", "cost-center": "b", contact: "ops@example.org" },
      }),
    ).toEqual([
      [
        "platform:tags.contact",
        "a name in your own domain, not one reserved for documentation (example.com, .net, .org)",
      ],
      ["platform:eks.adminRoleArns[1]", account("444455556666")],
      ["platform:eks.adminRoleArns[2]", account("123456789012")],
    ]);
    // Digits around an ID, or a domain that only ends like one, are not placeholders.
    expect(
      found({
        "platform:tags": { owner: "a", "cost-center": "b", ref: "91111222233339", site: "myexample.com" },
      }),
    ).toEqual([]);
  });

  test("accepted by default (the offline plan, tests)", () => {
    expect(problems(() => validateStackConfig(withOverrides("us-east-1", {})))).toEqual([]);
  });

  test("the program refuses them when the Pulumi CLI runs it, and accepts them when the offline plan does", async () => {
    const file = readStackFile(join(ROOT, "Pulumi.us-east-1.yaml"));
    // runStack runs a program with offlinePlan; `() => program()` is how the Pulumi CLI runs it.
    const run = (p: () => Promise<Record<string, unknown>>) =>
      runStack({
        stack: file.stack,
        project: "platform",
        config: file.values,
        secretKeys: [],
        region: "us-east-1",
        accountId: "111122223333",
        stackOutputs: new Map(),
        program: p,
      });
    const error = await run(() => program()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      ACCOUNT,
      ZONE_NAME,
      ZONE_ID,
      prefixList("us-east-1", "pl-0a1b2c3d4e5f60718"),
      DOMAIN,
      ...ROLES,
    ]);
    const offline = await run(() => program({ offlinePlan: true }));
    expect(offline.records.length).toBeGreaterThan(100);
  });

  test("the offline plan records them in the plan document and lists them in its summary", async () => {
    const [use1] = await realPlans();
    expect(use1.placeholders?.map((p) => p.key)).toEqual([
      "platform:accountId",
      "platform:dns.zoneName",
      "platform:dns.hostedZoneId",
      "platform:edge.healthCheckPrefixListId",
      "platform:dns.domain",
      "platform:eks.adminRoleArns[0]",
      "platform:eks.adminRoleArns[1]",
      "platform:eks.deployRoleArn",
      "platform:observability.subscriptions.critical[0].endpoint",
      "platform:observability.subscriptions.warning[0].endpoint",
    ]);
    expect(summarize(use1)).toContain(
      `  placeholders (accepted offline; a real pulumi preview/up refuses them): 10\n    ${ACCOUNT}\n    ${ZONE_NAME}\n`,
    );
    expect(summarize(use1)).toContain(`\n    ${ROLES[2]}\n`);
  });
});
