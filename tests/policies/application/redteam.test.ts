import { asgIgnoreDesiredCapacity } from "../../../policies/application/asg-ignore-desired-capacity";
import { iamNoAdminPolicies } from "../../../policies/application/iam-no-admin-policies";
import { iamNoWildcardWrite } from "../../../policies/application/iam-no-wildcard-write";
import { iamTrustNotOpen } from "../../../policies/application/iam-trust-not-open";
import { noPlaintextCredentials } from "../../../policies/application/no-plaintext-credentials";
import { check, res, urnOf } from "../../helpers/policy";

const POLICY = "aws:iam/policy:Policy";
const ROLE = "aws:iam/role:Role";
const ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ASG = "aws:autoscaling/group:Group";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const messages = async (...args: Parameters<typeof check>) => (await check(...args)).map((v) => v.message);

describe("application-iam-no-wildcard-write", () => {
  test("compliant: reads on *, scoped writes, and the log-delivery actions only * can scope", async () => {
    const v = await check(iamNoWildcardWrite, [
      res(POLICY, "ok", {
        policy: doc(
          { Effect: "Allow", Action: ["ec2:DescribeInstances", "pricing:GetProducts"], Resource: "*" },
          { Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:q" },
          { Effect: "Allow", Action: ["logs:CreateLogDelivery", "xray:PutTraceSegments"], Resource: ["*"] },
          { Effect: "Deny", Action: "*", Resource: "*" },
        ),
      }),
    ]);
    expect(v).toEqual([]);
  });
  test("non-compliant: wildcard actions, NotAction, and writes on *", async () => {
    expect(
      await messages(iamNoWildcardWrite, [
        res(POLICY, "bad", {
          policy: doc(
            { Sid: "All", Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/*" },
            { Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:s3:::b" },
            { Effect: "Allow", Action: ["ec2:TerminateInstances", "ec2:DescribeImages"], Resource: "*" },
          ),
        }),
      ]),
    ).toEqual([
      'Policy "bad" statement "All" allows wildcard actions s3:*: name each action it needs.',
      'Policy "bad" statement 1 allows with NotAction (everything but a list): name the actions it allows.',
      'Policy "bad" statement 2 allows write actions ec2:TerminateInstances on Resource "*": name the resources\' ARNs.',
    ]);
  });
});

describe("application-iam-no-admin-policies", () => {
  test("compliant: the narrow managed policies EKS nodes and SSM need", async () => {
    const v = await check(iamNoAdminPolicies, [
      res(ATTACH, "ssm", { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }),
      res(ATTACH, "cni", { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy" }),
    ]);
    expect(v).toEqual([]);
  });
  test("non-compliant: AdministratorAccess attached, a FullAccess policy in managedPolicyArns", async () => {
    const v = await check(iamNoAdminPolicies, [
      res(ATTACH, "admin", { role: "r", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
      res(ROLE, "app", { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] }),
    ]);
    expect(v.map((x) => x.urn)).toEqual([urnOf(ATTACH, "admin"), urnOf(ROLE, "app")]);
    expect(v[0].message).toBe(
      '"admin" grants the AWS-managed administrative policy arn:aws:iam::aws:policy/AdministratorAccess: grant only the actions the workload needs.',
    );
  });
});

describe("application-iam-trust-not-open", () => {
  test("compliant: a service principal; everyone pinned to the organisation", async () => {
    const v = await check(iamTrustNotOpen, [
      res(ROLE, "svc", {
        assumeRolePolicy: doc({
          Effect: "Allow",
          Principal: { Service: "ec2.amazonaws.com" },
          Action: "sts:AssumeRole",
        }),
      }),
      res(ROLE, "org", {
        assumeRolePolicy: doc({
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } },
        }),
      }),
    ]);
    expect(v).toEqual([]);
  });
  test("non-compliant: any principal, and sts:*", async () => {
    expect(
      await messages(iamTrustNotOpen, [
        res(ROLE, "open", { assumeRolePolicy: doc({ Effect: "Allow", Principal: "*", Action: "sts:*" }) }),
      ]),
    ).toEqual([
      "Trust statement 0 lets any AWS principal assume the role: name the principal, or require aws:PrincipalAccount or aws:PrincipalOrgID.",
      "Trust statement 0 allows sts:*: allow only sts:AssumeRole (and sts:TagSession).",
    ]);
  });
});

describe("application-asg-ignore-desired-capacity", () => {
  test("compliant: ignoreChanges has desiredCapacity; a fixed-size group needs none", async () => {
    const scaling = res(ASG, "web", { minSize: 2, maxSize: 6 });
    scaling.options.ignoreChanges = ["desiredCapacity"];
    expect(
      await check(asgIgnoreDesiredCapacity, [scaling, res(ASG, "fixed", { minSize: 2, maxSize: 2 })]),
    ).toEqual([]);
  });
  test("non-compliant: a scaling group without the option", async () => {
    const v = await check(asgIgnoreDesiredCapacity, [res(ASG, "web", { minSize: 2, maxSize: 6 })]);
    expect(v.map((x) => x.urn)).toEqual([urnOf(ASG, "web")]);
    expect(v[0].message).toMatch(/^The group scales, but desiredCapacity is not in ignoreChanges/);
  });
});

describe("application-no-plaintext-credentials", () => {
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  test("compliant: user data that reads its secret at boot", async () => {
    const v = await check(noPlaintextCredentials, [
      res(LT, "web", {
        userData: b64("#!/bin/bash\nPASSWORD=$(aws secretsmanager get-secret-value --secret-id db)\n"),
        tags: { owner: "platform-team" },
      }),
    ]);
    expect(v).toEqual([]);
  });
  test("non-compliant: an access key, a PEM key and a password in user data or other inputs", async () => {
    const v = await check(noPlaintextCredentials, [
      res(LT, "web", { userData: b64("#!/bin/bash\necho db_password=hunter2xyz > /etc/app\n") }),
      res(LT, "keyed", { tags: { note: "AKIAIOSFODNN7EXAMPLE" } }),
      res(LT, "pem", { description: "-----BEGIN RSA PRIVATE KEY-----\nMIIB..." }),
    ]);
    expect(v.map((x) => [x.urn, x.message.split(" in plain text")[0]])).toEqual([
      [urnOf(LT, "web"), "Input userData carries a password assignment"],
      [urnOf(LT, "keyed"), "Input tags.note carries an AWS access key ID"],
      [urnOf(LT, "pem"), "Input description carries a private key"],
    ]);
  });
});
