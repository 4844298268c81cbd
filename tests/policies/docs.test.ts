import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { catalogIds, POLICY_CATALOG, type CatalogEntry } from "../../policies/catalog";
import { platformPack } from "../../policies/pack";
import { readCatalogues, ruleTitle, type Catalogues } from "../../src/docs/catalogues";
import { generatePoliciesDoc, markdownTable, OUTPUT_FILE, renderPoliciesDoc } from "../../src/docs/policies";
import { NOT_COVERED } from "../../policies/coverage";

const ROOT = join(__dirname, "..", "..");
const committed = readFileSync(join(ROOT, OUTPUT_FILE), "utf8");
const catalogues = readCatalogues(ROOT);
/** The table row of a policy in the committed docs. */
const rowOf = (name: string) => committed.split("\n").find((l) => l.startsWith(`| \`${name}\` `));

describe("docs/policies.md", () => {
  test("is what `npm run gen:policies` generates from the pack, the mapping and the template", () => {
    expect(committed).toBe(generatePoliciesDoc(ROOT));
  });

  test("has a table row for every policy with its kind, enforcement, severity and description", () => {
    const problems: string[] = [];
    for (const p of platformPack.policies) {
      const row = rowOf(p.name);
      const kind = "validateResource" in p ? "resource" : "stack";
      const level = p.enforcementLevel ?? "mandatory";
      if (!row) problems.push(`${p.name}: no row`);
      else if (
        !new RegExp(`^\\| \`${p.name}\` +\\| ${kind} +\\| ${level} +\\| ${p.severity ?? ""} +\\| `).test(row)
      )
        problems.push(`${p.name}: row does not read ${kind}, ${level}, ${p.severity ?? ""}`);
      else if (!row.includes(`| ${p.description}`)) problems.push(`${p.name}: row lacks the description`);
    }
    expect(problems).toEqual([]);
    expect(rowOf("network-vpc-flow-logs")).toMatch(/^\| `network-vpc-flow-logs` +\| stack +\|/);
    expect(rowOf("application-alb-access-logs")).toMatch(
      /^\| `application-alb-access-logs` +\| resource +\|/,
    );
  });

  test("mentions every policy name", () => {
    const names = platformPack.policies.map((p) => p.name);
    expect(names.filter((n) => !committed.includes(n))).toEqual([]);
  });

  test("gives every mapped ID with its coverage and catalogue title in the policy's row, and every note", () => {
    const problems: string[] = [];
    for (const [name, entry] of Object.entries(POLICY_CATALOG)) {
      const row = rowOf(name) ?? "";
      for (const c of [...entry.checkov, ...entry.cdkNag]) {
        const text = `${c.id}${c.coverage === "same" ? "" : ` (${c.coverage})`}: ${ruleTitle(catalogues, c.id)}`;
        if (!row.includes(text)) problems.push(`${name}: row lacks "${text}"`);
      }
      if (entry.note && !committed.includes(`- \`${name}\`: ${entry.note}`))
        problems.push(`${name}: note missing`);
    }
    expect(problems).toEqual([]);
    expect(rowOf("application-launch-template-encrypted-volumes")).toContain(
      "AwsSolutions-EC26 (partial): The resource creates one or more EBS volumes that have encryption disabled.",
    );
    expect(rowOf("network-security-group-open-ingress")).toContain(
      "CKV_AWS_24: untitled in the catalogue (SecurityGroupUnrestrictedIngress22)",
    );
  });

  test("has one section per layer, in the pack's order, and the cost settings with their defaults", () => {
    const headings = committed.split("\n").filter((l) => /^## .*\(`policies\/[a-z]+\/`\)$/.test(l));
    expect(headings.map((h) => /`policies\/([a-z]+)\/`/.exec(h)?.[1])).toEqual([
      "network",
      "application",
      "data",
      "edge",
      "eks",
      "events",
      "observability",
      "cost",
      "preflight",
    ]);
    expect(committed).toMatch(
      /^\| `cost-asg-max-size` +\| `maxSizeCeiling` +\| integer, at least 1 +\| `20` +\|$/m,
    );
    expect(committed).toMatch(
      /^\| `cost-spot-share` +\| `minSpotPercentage` +\| number, 0 to 100 +\| `20` +\|$/m,
    );
  });
});

describe("the policies doc generator", () => {
  const resourcePolicy: ResourceValidationPolicy = {
    name: "alpha-one",
    description: "Checks one resource.",
    enforcementLevel: "advisory",
    configSchema: { properties: { limit: { type: "integer", minimum: 1, default: 3 } } },
    validateResource: () => undefined,
  };
  const stackPolicy: StackValidationPolicy = {
    name: "alpha-two",
    description: "Checks the stack.",
    validateStack: () => undefined,
  };
  const otherLayer: StackValidationPolicy = {
    name: "beta-one",
    description: "B.",
    validateStack: () => undefined,
  };
  const catalog: Record<string, CatalogEntry> = {
    "alpha-one": { checkov: [{ id: "CKV_AWS_8", coverage: "equivalent" }], cdkNag: [], note: "A note." },
    "alpha-two": { checkov: [], cdkNag: [{ id: "AwsSolutions-VPC7", coverage: "same" }], note: "Another." },
    "beta-one": { checkov: [], cdkNag: [], note: "None." },
  };
  const render = (policies: Policy[], template: string, cat: Catalogues = catalogues) =>
    renderPoliciesDoc({
      pack: { name: "test", version: "0.0.0", enforcementLevel: "mandatory", policies },
      catalog,
      catalogues: cat,
      template,
    });

  test("replaces a layer's marker with its table, config and notes; other lines stay as written", () => {
    const doc = render([resourcePolicy, stackPolicy], "# Title\n\nProse.\n\n<!-- policy-table: alpha -->\n");
    expect(doc.split("\n")).toEqual([
      expect.stringMatching(/^<!-- Generated by `npm run gen:policies`/),
      "",
      "# Title",
      "",
      "Prose.",
      "",
      ...markdownTable(
        ["Policy", "Kind", "Enforcement", "Severity", "Checks", "checkov", "cdk-nag"],
        [
          [
            "`alpha-one`",
            "resource",
            "advisory",
            "",
            "Checks one resource.",
            "CKV_AWS_8 (equivalent): Ensure all data stored in the Launch configuration or instance Elastic Blocks Store... (LaunchConfigurationEBSEncryption)",
            "none",
          ],
          [
            "`alpha-two`",
            "stack",
            "mandatory",
            "",
            "Checks the stack.",
            "none",
            "AwsSolutions-VPC7: The VPC does not have an associated Flow Log.",
          ],
        ],
      ).split("\n"),
      "",
      "Policy config:",
      "",
      "| Policy      | Setting | Type                | Default |",
      "| ----------- | ------- | ------------------- | ------- |",
      "| `alpha-one` | `limit` | integer, at least 1 | `3`     |",
      "",
      "Notes:",
      "",
      "- `alpha-one`: A note.",
      "- `alpha-two`: Another.",
      "",
    ]);
  });

  test("refuses a layer without a marker, a marker without policies, and a policy without a mapping", () => {
    expect(() => render([resourcePolicy, otherLayer], "<!-- policy-table: alpha -->")).toThrow(
      'src/docs/policies.template.md has no table marker for layer "beta": add a section with the line <!-- policy-table: beta -->',
    );
    expect(() =>
      render([resourcePolicy], "<!-- policy-table: alpha -->\n<!-- policy-table: gamma -->"),
    ).toThrow('no policy of the pack is in layer "gamma"');
    expect(() =>
      render([resourcePolicy], "<!-- policy-table: alpha -->\n<!-- policy-table: alpha -->"),
    ).toThrow('layer "alpha" has two table markers');
    const unmapped: StackValidationPolicy = { ...stackPolicy, name: "alpha-three" };
    expect(() => render([unmapped], "<!-- policy-table: alpha -->")).toThrow(
      'policies/catalog.ts has no entry for policy "alpha-three"',
    );
  });

  test("prints tables aligned as Prettier does, escaping pipes", () => {
    expect(markdownTable(["A", "Long header"], [["x|y", "1"]])).toBe(
      ["| A    | Long header |", "| ---- | ----------- |", "| x\\|y | 1           |"].join("\n"),
    );
  });

  test("every ID the docs print is mapped to a policy or explained in policies/coverage.ts", () => {
    const printed = [...committed.matchAll(/\b(CKV2?_AWS_\d+|AwsSolutions-[A-Za-z0-9]+)\b/g)].map(
      (m) => m[1],
    );
    const mapped = new Set(Object.values(POLICY_CATALOG).flatMap(catalogIds));
    expect(printed.filter((id) => !mapped.has(id) && !(id in NOT_COVERED))).toEqual([]);
    expect(mapped.size).toBeGreaterThan(0);
    expect(committed).toMatch(
      /\| CKV_AWS_152 +\| Ensure that Load Balancer \(Network\/Gateway\) has cross-zone load balancing enabled +\| lb\/loadBalancer +\| not covered: /,
    );
    expect(committed).toMatch(
      /\| CKV_AWS_150 +\| [^|]+\| lb\/loadBalancer +\| `application-alb-deletion-protection` +\|/,
    );
    expect(committed).toMatch(/\| CKV_AWS_7 +\| [^|]+\| kms\/key +\| `data-kms-key-rotation` +\|/);
  });
});
