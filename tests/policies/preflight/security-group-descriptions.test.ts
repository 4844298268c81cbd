import {
  descriptionProblem,
  securityGroupDescriptions,
} from "../../../policies/preflight/security-group-descriptions";
import { check, res, urnOf } from "../../helpers/policy";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";

describe("preflight-security-group-descriptions", () => {
  test("compliant: every character EC2 allows, 255 characters, inline and standalone rules", async () => {
    const all = "aZ09 ._-:/()#,@[]+=&;{}!$*";
    expect(
      await check(securityGroupDescriptions, [
        res(SG, "sg", {
          description: `web instances: traffic port from the tier load balancer only ${all}`,
          ingress: [{ description: "x".repeat(255) }],
        }),
        res(INGRESS, "in", { description: "443 from web" }),
        res(RULE, "legacy", { description: all }),
      ]),
    ).toEqual([]);
  });

  test("non-compliant: the apostrophes of 'tier's' and 'platform's', a non-ASCII rule, 256 characters", async () => {
    const v = await check(securityGroupDescriptions, [
      res(SG, "sg", {
        description: "web instances: traffic port from the tier's load balancer only",
        egress: [{ description: "y".repeat(256) }],
      }),
      res(INGRESS, "in", { description: "from the platform's callers – only" }),
    ]);
    const allowed =
      "EC2 accepts only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*, at most 255 characters, and rejects the group or rule at apply time.";
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(SG, "sg"),
        `description "web instances: traffic port from the tier's load balancer only" contains "'": ${allowed}`,
      ],
      [urnOf(SG, "sg"), `egress[0].description "${"y".repeat(256)}" is 256 characters long: ${allowed}`],
      [
        urnOf(INGRESS, "in"),
        `description "from the platform's callers – only" contains "'", "–": ${allowed}`,
      ],
    ]);
  });

  test("its description warns that a description change replaces the group, and what that drops", () => {
    expect(securityGroupDescriptions.description).toContain(
      "Changing a group's description replaces the group, which drops the rules later stacks attached to it until they are applied again.",
    );
  });

  test("the character set is EC2's, no more (double quotes, backslashes, tabs and accents are refused)", () => {
    for (const c of ['"', "\\", "\t", "é", "?", "%", "<", "'", "`", "|", "~", "^"])
      expect(descriptionProblem(`a${c}b`)).toBe(`contains ${JSON.stringify(c)}`);
  });
});
