import { catalogIds, POLICY_CATALOG } from "../../policies/catalog";
import { CDK_NAG_RULES, NOT_COVERED, TERRAFORM_TYPES } from "../../policies/coverage";
import { readCatalogues } from "../../src/docs/catalogues";
import { applicableRules } from "../../src/docs/coverage";
import { realPlans } from "../helpers/plans";
import { join } from "node:path";

const catalogues = readCatalogues(join(__dirname, "..", ".."));
const mapped = new Set(Object.values(POLICY_CATALOG).flatMap(catalogIds));

describe("catalogue coverage (policies/coverage.ts)", () => {
  test("names the Terraform type of every AWS type in the real plans", async () => {
    const types = new Set(
      (await realPlans()).flatMap((p) =>
        p.resources.filter((r) => r.custom && r.type.startsWith("aws:")).map((r) => r.type),
      ),
    );
    expect([...types].filter((t) => !(t in TERRAFORM_TYPES))).toEqual([]);
    // and no type the plans no longer hold (docs/policies.md renders the table from this list)
    expect(Object.keys(TERRAFORM_TYPES).filter((t) => !types.has(t))).toEqual([]);
  });

  test("every catalogue rule that judges a type of the plans maps to a policy or says why not", async () => {
    const types = [
      ...new Set((await realPlans()).flatMap((p) => p.resources.filter((r) => r.custom).map((r) => r.type))),
    ];
    const applicable = applicableRules(types, catalogues);
    const open = [...applicable.keys()].filter((id) => !mapped.has(id) && !(id in NOT_COVERED));
    expect(open).toEqual([]);
  });

  test("explains only rules that apply and map to no policy", async () => {
    const types = [
      ...new Set((await realPlans()).flatMap((p) => p.resources.filter((r) => r.custom).map((r) => r.type))),
    ];
    const applicable = applicableRules(types, catalogues);
    expect(Object.keys(NOT_COVERED).filter((id) => !applicable.has(id) || mapped.has(id))).toEqual([]);
  });

  test("lists only cdk-nag rules the catalogue holds", () => {
    const ids = Object.values(CDK_NAG_RULES).flat();
    expect(ids.filter((id) => !catalogues.cdkNag.has(id))).toEqual([]);
  });

  test("fails on a new type's rule that is neither mapped nor explained", () => {
    const applicable = applicableRules(["aws:ec2/vpc:Vpc", "aws:lb/loadBalancer:LoadBalancer"], catalogues);
    expect([...applicable.keys()].sort()).toEqual(
      expect.arrayContaining(["AwsSolutions-VPC7", "CKV_AWS_150", "CKV_AWS_91", "AwsSolutions-ELB2"]),
    );
  });
});
