import type { StackValidationPolicy } from "@pulumi/policy";
import { asArray, asObject } from "../lib/values";

/**
 * Requests per client IP in the rate rule's window above which a limit no longer limits anything.
 * The platform's own rule blocks above 2,000 per 5 minutes; 20,000 (more than a request a second
 * for five minutes from one address, sustained) is the ceiling a rule may be raised to.
 */
export const MAX_RATE_LIMIT = 20_000;

const ACL = "aws:wafv2/webAcl:WebAcl";
const counts = (action: unknown) => asObject(action).count !== undefined;

/**
 * The rules of a web ACL act: no rule blocks nothing because it is in `count` mode (a rule's
 * `action: { count }`, a rule group's `overrideAction: { count }`, or a managed group that
 * overrides all of its rules to count with `ruleActionOverrides`), and no rate-based rule's limit
 * is above MAX_RATE_LIMIT requests per client in its evaluation window. Count mode is for trying
 * a rule out, not for shipping it.
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_342.
 */
export const wafRulesEnforced: StackValidationPolicy = {
  name: "edge-waf-rules-enforced",
  description: `Web ACL rules must act: none in count mode, and rate limits at most ${MAX_RATE_LIMIT} requests per client.`,
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const acl of args.resources.filter((r) => r.type === ACL)) {
      for (const rule of asArray(acl.props.rules)) {
        const name = `Rule "${String(rule.name)}" of web ACL "${acl.name}"`;
        if (counts(rule.action) || counts(rule.overrideAction)) {
          reportViolation(
            `${name} is in count mode: it blocks nothing; set it to block (or none, for a rule group).`,
            acl.urn,
          );
        }
        const statement = asObject(rule.statement);
        const overrides = asArray(asObject(statement.managedRuleGroupStatement).ruleActionOverrides);
        const counted = overrides.filter((o) => counts(o.actionToUse)).map((o) => String(o.name));
        if (counted.length > 0) {
          reportViolation(
            `${name} overrides ${counted.join(", ")} to count: those rules block nothing; remove the overrides or exclude them with a scope-down statement.`,
            acl.urn,
          );
        }
        const limit = asObject(statement.rateBasedStatement).limit;
        if (typeof limit === "number" && limit > MAX_RATE_LIMIT) {
          reportViolation(
            `${name} allows ${limit} requests per client before blocking: at most ${MAX_RATE_LIMIT} is a limit.`,
            acl.urn,
          );
        }
      }
    }
  },
};
