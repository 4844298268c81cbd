import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { asArray, asObject, isTrue } from "../lib/values";

const ACL = "aws:wafv2/webAcl:WebAcl";
const ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
const LOAD_BALANCERS = new Set(["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"]);
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const LEGACY_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const MANAGED_PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";

const nonEmpty = (v: unknown) =>
  Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== "";
const dependsOn = (r: PolicyResource, prop: string) =>
  new Set((r.propertyDependencies[prop] ?? []).map((d) => d.urn));

/**
 * Why an ingress rule does not limit a group to AWS-managed prefix lists, or undefined when it
 * does: its source must be a prefix list, and not one the plan creates (a customer-managed list
 * can hold any CIDR); a CIDR, another group or `self` admits sources WAF should rate-limit.
 */
function notPrefixListOnly(
  rule: Record<string, unknown>,
  listDeps: ReadonlySet<string>,
  ownLists: ReadonlySet<string>,
): string | undefined {
  const cidrs = [
    rule.cidrIpv4,
    rule.cidrIpv6,
    ...asArray<string>(rule.cidrBlocks),
    ...asArray<string>(rule.ipv6CidrBlocks),
  ]
    .filter(nonEmpty)
    .map(String);
  if (cidrs.length > 0) return `admits ${cidrs.join(", ")}`;
  if (
    nonEmpty(rule.referencedSecurityGroupId) ||
    nonEmpty(rule.sourceSecurityGroupId) ||
    nonEmpty(rule.securityGroups)
  )
    return "admits another security group";
  if (isTrue(rule.self)) return "admits its own group";
  const lists = [rule.prefixListId, ...asArray<string>(rule.prefixListIds)].filter(nonEmpty);
  if (lists.length === 0) return "names no source";
  if ([...listDeps].some((u) => ownLists.has(u)))
    return "admits a prefix list this stack manages (any CIDR can be in it)";
  return undefined;
}

/**
 * Why the load balancers a REGIONAL ACL protects may be reached by more than AWS-managed prefix
 * lists (CloudFront's origin-facing servers, Route 53's health checkers), or undefined when the
 * plan shows they cannot: every WebAclAssociation of the ACL in this stack names a load balancer
 * of this stack, and every ingress rule of each of its security groups (inline, or a separate
 * rule resource on the group) admits only a prefix list that the stack does not create.
 */
function originOnly(acl: PolicyResource, resources: readonly PolicyResource[]): string | undefined {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const ownLists = new Set(resources.filter((r) => r.type === MANAGED_PREFIX_LIST).map((r) => r.urn));
  const associations = resources.filter(
    (r) => r.type === ASSOCIATION && dependsOn(r, "webAclArn").has(acl.urn),
  );
  if (associations.length === 0) return "no WebAclAssociation of this stack attaches it to a load balancer";
  for (const association of associations) {
    const lbs = [...dependsOn(association, "resourceArn")]
      .map((u) => byUrn.get(u))
      .filter((r): r is PolicyResource => r !== undefined && LOAD_BALANCERS.has(r.type));
    if (lbs.length === 0)
      return `association "${association.name}" attaches it to no load balancer of this stack`;
    for (const lb of lbs) {
      const groups = [...dependsOn(lb, "securityGroups")]
        .map((u) => byUrn.get(u))
        .filter((r): r is PolicyResource => r?.type === SECURITY_GROUP);
      const declared = asArray<unknown>(lb.props.securityGroups).length;
      if (groups.length === 0 || groups.length !== declared)
        return `load balancer "${lb.name}" has security groups this stack does not define`;
      for (const sg of groups) {
        const rules: [string, Record<string, unknown>, ReadonlySet<string>][] = [
          ...asArray(sg.props.ingress).map((r, i): [string, Record<string, unknown>, ReadonlySet<string>] => [
            `${sg.name} ingress[${i}]`,
            r,
            new Set<string>(),
          ]),
          ...resources
            .filter(
              (r) =>
                dependsOn(r, "securityGroupId").has(sg.urn) &&
                (r.type === INGRESS_RULE || (r.type === LEGACY_RULE && r.props.type === "ingress")),
            )
            .map((r): [string, Record<string, unknown>, ReadonlySet<string>] => [
              r.name,
              r.props,
              new Set([...dependsOn(r, "prefixListId"), ...dependsOn(r, "prefixListIds")]),
            ]),
        ];
        for (const [name, rule, listDeps] of rules) {
          const why = notPrefixListOnly(rule, listDeps, ownLists);
          if (why) return `load balancer "${lb.name}": rule "${name}" of group "${sg.name}" ${why}`;
        }
      }
    }
  }
  return undefined;
}

/**
 * Every web ACL has a rate-based rule and AWS's common rule set. A REGIONAL ACL needs no rate
 * rule when the plan shows that only AWS-managed prefix lists reach what it protects: its
 * WebAclAssociations name load balancers of the stack whose security groups admit nothing but
 * prefix lists the stack does not create (the web load balancer: CloudFront's origin-facing list,
 * and Route 53's health checkers), no CIDR, no other group. Then every source IP is a CloudFront
 * edge's, a rate rule per IP would block whole edges, and the forwarded client address WAF could
 * read instead (the first of `X-Forwarded-For`) is the client's to forge; the CLOUDFRONT ACL in
 * front limits each real client IP. The exemption rests on those resources, not on anything the
 * ACL says about itself (its `platform:exposure` tag is not read). The plan cannot tell which
 * AWS-managed list an ID is (the IDs differ per region and are config), so it trusts
 * `platform:cloudfrontPrefixListId` for that.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_175.
 */
export const wafRules: StackValidationPolicy = {
  name: "edge-waf-rules",
  description:
    "Web ACLs must contain the AWSManagedRulesCommonRuleSet and a rate-based rule (except a REGIONAL ACL whose associated load balancers admit only AWS-managed prefix lists, such as CloudFront's origin-facing list).",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const acl of args.resources.filter((r) => r.type === ACL)) {
      const rules = asArray(acl.props.rules);
      const rated = rules.some((r) => nonEmpty(asObject(r.statement).rateBasedStatement));
      if (!rated) {
        const why = acl.props.scope === "REGIONAL" ? originOnly(acl, args.resources) : "it is not REGIONAL";
        if (why !== undefined) {
          reportViolation(
            `Web ACL "${acl.name}" has no rate-based rule: add one that blocks a client IP above a request rate ` +
              `(only a REGIONAL ACL whose load balancers admit nothing but AWS-managed prefix lists, such as CloudFront's origin-facing servers, may go without; here ${why}).`,
            acl.urn,
          );
        }
      }
      const common = rules.some(
        (r) =>
          asObject(asObject(r.statement).managedRuleGroupStatement).name === "AWSManagedRulesCommonRuleSet",
      );
      if (!common) {
        reportViolation(
          `Web ACL "${acl.name}" lacks AWSManagedRulesCommonRuleSet: add the AWS managed common rule group.`,
          acl.urn,
        );
      }
    }
  },
};
