import { wafRulesEnforced } from "../../../policies/edge/waf-rules-enforced";
import { check, res, urnOf } from "../../helpers/policy";

const ACL = "aws:wafv2/webAcl:WebAcl";
const common = (overrideAction: Record<string, unknown>, ruleActionOverrides: unknown[] = []) => ({
  name: "common",
  priority: 1,
  overrideAction,
  statement: {
    managedRuleGroupStatement: {
      vendorName: "AWS",
      name: "AWSManagedRulesCommonRuleSet",
      ruleActionOverrides,
    },
  },
});
const rate = (limit: number, action: Record<string, unknown> = { block: {} }) => ({
  name: "rate",
  priority: 2,
  action,
  statement: { rateBasedStatement: { limit, aggregateKeyType: "IP" } },
});

describe("edge-waf-rules-enforced", () => {
  test("compliant: groups at none, a blocking rate rule of 2000", async () => {
    expect(
      await check(wafRulesEnforced, [res(ACL, "acl", { rules: [common({ none: {} }), rate(2000)] })]),
    ).toEqual([]);
  });
  test("non-compliant: count mode on a group, on a rule, count overrides, a limit of 2 billion", async () => {
    const v = await check(wafRulesEnforced, [
      res(ACL, "acl", {
        rules: [
          common({ count: {} }, [{ name: "SizeRestrictions_BODY", actionToUse: { count: {} } }]),
          rate(2_000_000_000, { count: {} }),
        ],
      }),
    ]);
    expect(v.map((x) => x.urn)).toEqual(Array(4).fill(urnOf(ACL, "acl")));
    expect(v.map((x) => x.message.split(":")[0])).toEqual([
      'Rule "common" of web ACL "acl" is in count mode',
      'Rule "common" of web ACL "acl" overrides SizeRestrictions_BODY to count',
      'Rule "rate" of web ACL "acl" is in count mode',
      'Rule "rate" of web ACL "acl" allows 2000000000 requests per client before blocking',
    ]);
  });
});
