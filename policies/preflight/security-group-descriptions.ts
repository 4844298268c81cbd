import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray } from "../lib/values";

/**
 * The characters EC2 accepts in a security group's description and in a rule's description:
 * "a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*", up to 255 characters (EC2 API reference:
 * CreateSecurityGroup `Description`, IpRange/PrefixListId/UserIdGroupPair `Description`).
 * terraform-provider-aws validates rule descriptions with the same set
 * (internal/service/ec2/validate.go, validSecurityGroupRuleDescription) and group descriptions
 * by length only (hashicorp/terraform-provider-aws#43854 proposes the charset), so an apostrophe in
 * a group's description reaches EC2 and fails there.
 */
export const SECURITY_GROUP_DESCRIPTION_RE = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
export const SECURITY_GROUP_DESCRIPTION_MAX = 255;

/** The description inputs of each resource type that carries security group or rule descriptions. */
const DESCRIBED: Readonly<Record<string, (props: Record<string, unknown>) => [string, unknown][]>> = {
  "aws:ec2/securityGroup:SecurityGroup": (p) => [
    ["description", p.description],
    ...inline(p, "ingress"),
    ...inline(p, "egress"),
  ],
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": (p) => [
    ...inline(p, "ingress"),
    ...inline(p, "egress"),
  ],
  "aws:ec2/securityGroupRule:SecurityGroupRule": (p) => [["description", p.description]],
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (p) => [["description", p.description]],
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": (p) => [["description", p.description]],
};

function inline(p: Record<string, unknown>, key: "ingress" | "egress"): [string, unknown][] {
  return asArray(p[key]).map((r, i) => [`${key}[${i}].description`, r.description]);
}

/** What is wrong with a description, or undefined when EC2 accepts it. */
export function descriptionProblem(text: string): string | undefined {
  const bad = [...new Set([...text].filter((c) => !SECURITY_GROUP_DESCRIPTION_RE.test(c)))];
  if (bad.length > 0) return `contains ${bad.map((c) => JSON.stringify(c)).join(", ")}`;
  if (text.length > SECURITY_GROUP_DESCRIPTION_MAX) return `is ${text.length} characters long`;
  return undefined;
}

/**
 * Security group and rule descriptions use only the characters EC2 accepts and at most 255 of
 * them. EC2 rejects anything else at apply time (`InvalidParameterValue: Invalid security group
 * description. Valid descriptions are strings less than 256 characters from the following set:
 * a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*`, as reported in cds-snc/notification-terraform#561), and a
 * group's description cannot change without replacing the group (the provider marks it
 * ForceNew): the new group lacks every rule another stack attached to the old one (the later
 * stacks' PeerEgress and PeerDataAccess rules) until that stack is applied again.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const securityGroupDescriptions: ResourceValidationPolicy = {
  name: "preflight-security-group-descriptions",
  description:
    "Security group and rule descriptions must use only a-zA-Z0-9, space and ._-:/()#,@[]+=&;{}!$* (at most 255 characters), as EC2 requires. Changing a group's description replaces the group, which drops the rules later stacks attached to it until they are applied again.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const fields = DESCRIBED[args.type]?.(args.props) ?? [];
    for (const [field, value] of fields) {
      if (typeof value !== "string") continue;
      const problem = descriptionProblem(value);
      if (problem) {
        reportViolation(
          `${field} ${JSON.stringify(value)} ${problem}: EC2 accepts only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*, at most ${SECURITY_GROUP_DESCRIPTION_MAX} characters, and rejects the group or rule at apply time.`,
        );
      }
    }
  },
};
