import { readFileSync } from "node:fs";
import { join } from "node:path";
import { catalogIds, POLICY_CATALOG } from "../../policies/catalog";
import { platformPack } from "../../policies/pack";
import { readCatalogues } from "../../src/docs/catalogues";
import { citationsIn, commentsOf, namesDefinedIn, tsFilesUnder } from "./citations";

const ROOT = join(__dirname, "..", "..");
const POLICIES = join(ROOT, "policies");
const catalogues = readCatalogues(ROOT);
const packNames = platformPack.policies.map((p) => p.name);
const inCatalogue = (id: string) => catalogues.checkov.has(id) || catalogues.cdkNag.has(id);

describe("the catalogue mapping (policies/catalog.ts)", () => {
  test("has an entry for every policy of the pack, and none for a policy the pack lacks", () => {
    const keys = Object.keys(POLICY_CATALOG);
    expect(packNames.filter((n) => !keys.includes(n))).toEqual([]);
    expect(keys.filter((k) => !packNames.includes(k))).toEqual([]);
    expect(keys).toHaveLength(packNames.length);
  });

  test("lists only IDs its catalogue holds, each once, checkov's and cdk-nag's in their own lists", () => {
    const problems: string[] = [];
    for (const [name, entry] of Object.entries(POLICY_CATALOG)) {
      for (const c of entry.checkov) {
        if (!catalogues.checkov.has(c.id)) problems.push(`${name}: ${c.id} is not in the checkov catalogue`);
      }
      for (const c of entry.cdkNag) {
        if (!catalogues.cdkNag.has(c.id)) problems.push(`${name}: ${c.id} is not in the cdk-nag catalogue`);
      }
      const ids = catalogIds(entry);
      if (new Set(ids).size !== ids.length) problems.push(`${name}: an ID is listed twice`);
    }
    expect(problems).toEqual([]);
  });

  test("explains every empty list and every match short of 'same' in a note that names no rule ID", () => {
    const problems: string[] = [];
    for (const [name, entry] of Object.entries(POLICY_CATALOG)) {
      const needsNote =
        entry.checkov.length === 0 ||
        entry.cdkNag.length === 0 ||
        [...entry.checkov, ...entry.cdkNag].some((c) => c.coverage !== "same");
      if (needsNote && !entry.note) problems.push(`${name}: needs a note`);
      const named = citationsIn(entry.note ?? "").ids;
      if (named.length > 0) problems.push(`${name}: note names ${named.join(", ")}`);
    }
    expect(problems).toEqual([]);
  });

  test("maps none of the rules comments used to cite for another subject", () => {
    // What these rules check, per the catalogues: none is a counterpart of any policy.
    expect(catalogues.checkov.get("CKV_AWS_305")?.title).toBe(
      "Ensure CloudFront distribution has a default root object configured",
    );
    expect(catalogues.checkov.get("CKV_AWS_192")?.title).toMatch(/Log4j/);
    expect(catalogues.cdkNag.get("AwsSolutions-EC23")?.cause).toMatch(
      /Security Group allows for 0\.0\.0\.0\/0/,
    );
    expect(catalogues.cdkNag.get("AwsSolutions-EC29")?.cause).toMatch(/Termination Protection/);
    expect(catalogues.cdkNag.get("AwsSolutions-AEC4")?.cause).toMatch(/Multi-AZ/);
    expect(catalogues.cdkNag.get("AwsSolutions-AEC5")?.cause).toMatch(/default endpoint port/);
    expect(catalogues.cdkNag.get("AwsSolutions-SMG4")?.cause).toMatch(/automatic rotation/);
    expect(catalogues.cdkNag.get("AwsSolutions-CFR6")?.cause).toMatch(/Streaming distribution/);
    const mapped = Object.values(POLICY_CATALOG).flatMap(catalogIds);
    for (const id of [
      "CKV_AWS_305",
      "CKV_AWS_192",
      "AwsSolutions-EC29",
      "AwsSolutions-AEC5",
      "AwsSolutions-SMG4",
      "AwsSolutions-CFR6",
    ]) {
      expect(mapped).not.toContain(id);
    }
    // Cited for other subjects before; it is the cache Multi-AZ rule, and only that policy maps it.
    expect(
      Object.entries(POLICY_CATALOG)
        .filter(([, e]) => catalogIds(e).includes("AwsSolutions-AEC4"))
        .map(([name]) => name),
    ).toEqual(["data-cache-multi-az"]);
    // Cited for the launch template's volumes before; it belongs to open ingress.
    expect(catalogIds(POLICY_CATALOG["application-launch-template-encrypted-volumes"])).not.toContain(
      "AwsSolutions-EC23",
    );
    expect(catalogIds(POLICY_CATALOG["network-security-group-open-ingress"])).toContain("AwsSolutions-EC23");
    // Cited for ELB health checks before; it is the launch template rule.
    expect(catalogues.checkov.get("CKV_AWS_315")?.title).toBe(
      "Ensure EC2 Auto Scaling groups use EC2 launch templates",
    );
    expect(catalogIds(POLICY_CATALOG["application-asg-launch-template"])).toEqual(["CKV_AWS_315"]);
    expect(catalogIds(POLICY_CATALOG["application-asg-elb-health-check"])).toEqual([]);
  });
});

describe("catalogue IDs cited in comments under policies/", () => {
  const files = tsFilesUnder(POLICIES).map((rel) => {
    const source = readFileSync(join(POLICIES, rel), "utf8");
    const cites = commentsOf(source).map(citationsIn);
    return {
      rel,
      policies: namesDefinedIn(source).filter((n) => packNames.includes(n)),
      cited: [...new Set(cites.flatMap((c) => c.ids))],
      abbreviated: cites.flatMap((c) => c.abbreviated),
    };
  });

  test("every policy of the pack is defined in a file of its own", () => {
    const definedIn = (name: string) => files.filter((f) => f.policies.includes(name)).map((f) => f.rel);
    expect(packNames.filter((n) => definedIn(n).length !== 1)).toEqual([]);
    expect(files.filter((f) => f.policies.length > 1).map((f) => f.rel)).toEqual([]);
    expect(definedIn("network-vpc-flow-logs")).toEqual(["network/vpc-flow-logs.ts"]);
  });

  test("are written out in full, exist in the catalogues, and are exactly the IDs of the file's policy", () => {
    const problems: string[] = [];
    for (const f of files) {
      for (const a of f.abbreviated) problems.push(`${f.rel}: write "${a}" out as full IDs`);
      for (const id of f.cited.filter((i) => !inCatalogue(i)))
        problems.push(`${f.rel}: ${id} is in no catalogue`);
      const expected = f.policies.length === 1 ? catalogIds(POLICY_CATALOG[f.policies[0]]) : [];
      const extra = f.cited.filter((id) => !expected.includes(id));
      const missing = expected.filter((id) => !f.cited.includes(id));
      const what = f.policies.length === 1 ? `${f.policies[0]} maps` : "the file defines no policy, so cite";
      if (extra.length > 0)
        problems.push(`${f.rel}: cites ${extra.join(", ")}; ${what} ${expected.join(", ") || "none"}`);
      if (missing.length > 0)
        problems.push(`${f.rel}: does not cite ${missing.join(", ")} from policies/catalog.ts`);
    }
    expect(problems).toEqual([]);
  });

  test("are read in every form the comments used", () => {
    expect(citationsIn("/** Open ingress (checkov CKV_AWS_24/25/260, cdk-nag EC23). */")).toEqual({
      ids: ["CKV_AWS_24", "AwsSolutions-EC23"],
      abbreviated: ["CKV_AWS_24/25/260"],
    });
    expect(
      citationsIn("/**\n * (checkov CKV_AWS_30, CKV_AWS_31; cdk-nag\n * AEC5, AEC6). Secondaries\n */").ids,
    ).toEqual(["CKV_AWS_30", "CKV_AWS_31", "AwsSolutions-AEC5", "AwsSolutions-AEC6"]);
    expect(citationsIn("// cdk-nag EC29 family, checkov CKV2_AWS_12").ids).toEqual([
      "CKV2_AWS_12",
      "AwsSolutions-EC29",
    ]);
    expect(citationsIn("/** (checkov CKV_AWS_53-56, cdk-nag S2 and AwsSolutions-S10) */")).toEqual({
      ids: ["CKV_AWS_53", "AwsSolutions-S10", "AwsSolutions-S2"],
      abbreviated: ["CKV_AWS_53-56"],
    });
    expect(citationsIn("/** S3 buckets and IPv6; cdk-nag's storage rule. */").ids).toEqual([]);
  });

  test("are found in doc, block and line comments, and not in strings", () => {
    const source = [
      "/** cdk-nag VPC7 */",
      'const a = "CKV_AWS_1"; // CKV_AWS_2',
      "const b = `https://example.com/${a}`; /* AwsSolutions-S1 */",
    ].join("\n");
    expect(commentsOf(source).flatMap((c) => citationsIn(c).ids)).toEqual([
      "AwsSolutions-VPC7",
      "CKV_AWS_2",
      "AwsSolutions-S1",
    ]);
  });
});
