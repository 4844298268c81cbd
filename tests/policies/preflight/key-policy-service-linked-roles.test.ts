import {
  keyPolicyServiceLinkedRoles,
  serviceLinkedRolesIn,
} from "../../../policies/preflight/key-policy-service-linked-roles";
import type { PlanResource } from "../../../src/plan/types";
import { check, res, urnOf } from "../../helpers/policy";

const KEY = "aws:kms/key:Key";
const SLR = "aws:iam/serviceLinkedRole:ServiceLinkedRole";
const ROLE_ARN =
  "arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
const policy = (...principals: string[]) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "AccountAdministers", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*" },
      { Sid: "RolesUseKey", Principal: { AWS: principals }, Action: "kms:Decrypt" },
    ],
  });
const role = res(SLR, "prod-autoscaling-service-linked-role", {
  awsServiceName: "autoscaling.amazonaws.com",
});
const key = (inputs: Record<string, unknown>, dependsOn: string[] = []): PlanResource => {
  const k = res(KEY, "prod-use1-ebs", inputs);
  return { ...k, options: { ...k.options, dependsOn } };
};

describe("preflight-key-policy-service-linked-roles", () => {
  test("compliant: a key that waits for the role this stack creates; keys naming no such role (the EBS keys' kms:ViaService statement)", async () => {
    expect(
      await check(keyPolicyServiceLinkedRoles, [role, key({ policy: policy(ROLE_ARN) }, [role.urn])]),
    ).toEqual([]);
    const viaEc2 = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AccountUsesKeyViaec2",
          Principal: { AWS: "*" },
          Action: ["kms:CreateGrant"],
          Condition: {
            StringEquals: {
              "kms:CallerAccount": "111122223333",
              "kms:ViaService": "ec2.eu-west-1.amazonaws.com",
            },
          },
        },
      ],
    });
    expect(
      await check(
        keyPolicyServiceLinkedRoles,
        [key({ policy: viaEc2 }), res(KEY, "logs", { policy: policy("arn:aws:iam::111122223333:role/app") })],
        "eu-west-1",
      ),
    ).toEqual([]);
  });

  test("non-compliant: a key naming the role with no such resource (a tag no longer excuses it), and one that does not wait for the stack's role", async () => {
    const lone = await check(keyPolicyServiceLinkedRoles, [
      key({
        policy: policy(ROLE_ARN),
        tags: { "platform:external-service-linked-roles": "AWSServiceRoleForAutoScaling" },
      }),
    ]);
    expect(lone.map((v) => [v.urn, v.message])).toEqual([
      [
        urnOf(KEY, "prod-use1-ebs"),
        'Key "prod-use1-ebs" names the service-linked role AWSServiceRoleForAutoScaling (autoscaling.amazonaws.com), which no resource of this stack creates: in an account without the role, KMS refuses the key (MalformedPolicyDocumentException: invalid principals). Admit the service without naming the role (kms:ViaService = <service>.<region>.amazonaws.com and kms:CallerAccount, like the AWS managed keys) or create the role here (aws.iam.ServiceLinkedRole, in the key\'s dependsOn).',
      ],
    ]);
    const notWaiting = await check(keyPolicyServiceLinkedRoles, [role, key({ policy: policy(ROLE_ARN) })]);
    expect(notWaiting.map((v) => v.message)).toEqual([
      'Key "prod-use1-ebs" names the service-linked role AWSServiceRoleForAutoScaling but does not depend on "prod-autoscaling-service-linked-role", which creates it: add it to the key\'s dependsOn, or KMS may refuse the key before the role exists (MalformedPolicyDocumentException: invalid principals).',
    ]);
  });

  test("reads service-linked roles among the AWS principals, custom suffixes included", () => {
    expect(
      serviceLinkedRolesIn(
        policy(
          ROLE_ARN,
          "arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_web",
          "arn:aws:iam::111122223333:role/app",
        ),
      ),
    ).toEqual([
      { service: "autoscaling.amazonaws.com", name: "AWSServiceRoleForAutoScaling" },
      { service: "autoscaling.amazonaws.com", name: "AWSServiceRoleForAutoScaling_web" },
    ]);
    expect(serviceLinkedRolesIn("not json")).toEqual([]);
  });
});
