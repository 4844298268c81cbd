import { serviceRoleConfusedDeputy } from "../../../policies/preflight/service-role-confused-deputy";
import { evaluatePolicies } from "../../../src/plan/policies";
import { check, res } from "../../helpers/policy";

const ROLE = "aws:iam/role:Role";
const role = (name: string, statement: Record<string, unknown>) =>
  res(ROLE, name, {
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", ...statement }],
    }),
  });
const messages = async (...roles: ReturnType<typeof res>[]) =>
  (await check(serviceRoleConfusedDeputy, roles)).map((v) => v.message);
const FLOW_LOG_ARN = "arn:aws:ec2:us-east-1:111122223333:vpc-flow-log/*";

describe("preflight-service-role-confused-deputy", () => {
  test("compliant: flow logs with both keys, RDS with its account, an EC2 instance role, a cross-account role", async () => {
    expect(
      await messages(
        role("flow-logs", {
          Principal: { Service: "vpc-flow-logs.amazonaws.com" },
          Condition: {
            StringEquals: { "aws:SourceAccount": "111122223333" },
            ArnLike: { "aws:SourceArn": FLOW_LOG_ARN },
          },
        }),
        role("proxy", {
          Principal: { Service: ["rds.amazonaws.com"] },
          Condition: { StringEquals: { "aws:sourceaccount": "111122223333" } },
        }),
        role("instances", { Principal: { Service: "ec2.amazonaws.com" } }),
        role("operators", { Principal: { AWS: "arn:aws:iam::444455556666:root" } }),
      ),
    ).toEqual([]);
  });

  test("non-compliant: flow logs without aws:SourceArn, RDS without any condition, a key only under IfExists", async () => {
    expect(
      await messages(
        role("flow-logs", {
          Principal: { Service: "vpc-flow-logs.amazonaws.com" },
          Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
        }),
        role("proxy", { Principal: { Service: "rds.amazonaws.com" } }),
        role("lax", {
          Principal: { Service: "monitoring.rds.amazonaws.com" },
          Condition: { StringEqualsIfExists: { "aws:SourceAccount": "111122223333" } },
        }),
      ),
    ).toEqual([
      'Role "flow-logs" lets vpc-flow-logs.amazonaws.com assume it without aws:SourceArn: require aws:SourceAccount = the account and aws:SourceArn like arn:aws:ec2:<region>:<account>:vpc-flow-log/<id or *> (StringEquals/ArnLike, not ...IfExists), so that the service cannot use it for another account\'s resources.',
      'Role "proxy" lets rds.amazonaws.com assume it without aws:SourceAccount: require aws:SourceAccount = the account (StringEquals/ArnLike, not ...IfExists), so that the service cannot use it for another account\'s resources.',
      'Role "lax" lets monitoring.rds.amazonaws.com assume it without aws:SourceAccount: require aws:SourceAccount = the account (StringEquals/ArnLike, not ...IfExists), so that the service cannot use it for another account\'s resources.',
    ]);
  });

  test("non-compliant: aws:SourceAccount present but not one exact account, or not the account of its aws:SourceArn", async () => {
    // Each passed before: only the key's presence was checked.
    expect(
      await messages(
        role("any", {
          Principal: { Service: "rds.amazonaws.com" },
          Condition: { StringLike: { "aws:SourceAccount": "*" } },
        }),
        role("two", {
          Principal: { Service: "rds.amazonaws.com" },
          Condition: { StringEquals: { "aws:SourceAccount": ["111122223333", "444455556666"] } },
        }),
        role("flow-logs", {
          Principal: { Service: "vpc-flow-logs.amazonaws.com" },
          Condition: {
            StringEquals: { "aws:SourceAccount": "444455556666" },
            ArnLike: { "aws:SourceArn": FLOW_LOG_ARN },
          },
        }),
      ),
    ).toEqual([
      'Role "any" lets rds.amazonaws.com assume it on a wrong aws:SourceAccount: aws:SourceAccount must be one 12-digit account ID under StringEquals, not StringLike "*", so that the service cannot use it for another account\'s resources.',
      'Role "two" lets rds.amazonaws.com assume it on a wrong aws:SourceAccount: aws:SourceAccount allows 111122223333 and 444455556666: expected one account, so that the service cannot use it for another account\'s resources.',
      'Role "flow-logs" lets vpc-flow-logs.amazonaws.com assume it on a wrong aws:SourceAccount: aws:SourceAccount = 444455556666 but aws:SourceArn names account 111122223333: expected the same account, so that the service cannot use it for another account\'s resources.',
    ]);
  });

  test("with policy config accountId, every aws:SourceAccount must be that account", async () => {
    const proxy = role("proxy", {
      Principal: { Service: "rds.amazonaws.com" },
      Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
    });
    const run = (accountId: string) =>
      evaluatePolicies(
        [proxy],
        [
          {
            name: "test",
            version: "0.0.0",
            enforcementLevel: "mandatory",
            policies: [serviceRoleConfusedDeputy],
          },
        ],
        { region: "us-east-1", config: { "preflight-service-role-confused-deputy": { accountId } } },
      ).then((vs) => vs.map((v) => v.message));
    expect(await run("111122223333")).toEqual([]);
    expect(await run("502831946177")).toEqual([
      'Role "proxy" lets rds.amazonaws.com assume it on a wrong aws:SourceAccount: aws:SourceAccount = 111122223333 but this stack deploys to 502831946177 (policy config accountId): expected 502831946177, so that the service cannot use it for another account\'s resources.',
    ]);
    await expect(run("1234")).rejects.toThrow(/accountId/);
  });

  test("the real stacks' service roles comply: flow logs and the RDS Proxy carry the conditions", async () => {
    const { realPlans } = await import("../../helpers/plans");
    for (const plan of await realPlans()) {
      const roles = plan.resources.filter((r) => r.type === ROLE);
      expect(roles.length).toBeGreaterThanOrEqual(4);
      expect(await check(serviceRoleConfusedDeputy, roles, plan.region)).toEqual([]);
      // ... and name the stack file's account, as the policy config would say it.
      expect(
        await evaluatePolicies(
          roles,
          [
            {
              name: "test",
              version: "0.0.0",
              enforcementLevel: "mandatory",
              policies: [serviceRoleConfusedDeputy],
            },
          ],
          {
            region: plan.region,
            config: {
              "preflight-service-role-confused-deputy": { accountId: plan.config["platform:accountId"] },
            },
          },
        ),
      ).toEqual([]);
    }
  });
});
