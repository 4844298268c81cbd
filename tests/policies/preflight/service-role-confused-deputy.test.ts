import { serviceRoleConfusedDeputy } from "../../../policies/preflight/service-role-confused-deputy";
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

  test("the real stacks' service roles comply: flow logs and the RDS Proxy carry the conditions", async () => {
    const { realPlans } = await import("../../helpers/plans");
    for (const plan of await realPlans()) {
      const roles = plan.resources.filter((r) => r.type === ROLE);
      expect(roles.length).toBeGreaterThanOrEqual(4);
      expect(await check(serviceRoleConfusedDeputy, roles, plan.region)).toEqual([]);
    }
  });
});
