import { diffPlans, formatDiff } from "../../src/plan/diff";
import { main } from "../../src/plan/diff-cli";
import type { PlanResource, StackPlan } from "../../src/plan/types";
import { res } from "../helpers/policy";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const plan = (resources: PlanResource[], outputs: Record<string, unknown> = {}): StackPlan => ({
  formatVersion: 1,
  stack: "s",
  project: "platform",
  region: "us-east-1",
  config: {},
  resources,
  outputs,
  policies: { packs: [], violations: [] },
});
const aliased = (r: PlanResource, aliases: string[]): PlanResource => ({
  ...r,
  options: { ...r.options, aliases },
});

describe("diffPlans", () => {
  const old = res(RULE, "db-from-sg0", { fromPort: 5432, description: "caller" });
  const sg = res("aws:ec2/securityGroup:SecurityGroup", "db", { description: "d" });

  test("identical plans have no differences", () => {
    const d = diffPlans(plan([sg, old]), plan([sg, old]));
    expect([d.added, d.removed, d.renamed, d.changed]).toEqual([[], [], [], []]);
  });

  test("a resource renamed with an alias from its old URN is a rename, and only its changed inputs are listed", () => {
    const renamed = aliased(res(RULE, "db-from-app", { fromPort: 5432, description: "app" }), [old.urn]);
    const d = diffPlans(plan([sg, old]), plan([sg, renamed]));
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.renamed).toEqual([{ from: old.urn, to: renamed.urn }]);
    expect(d.changed).toEqual([
      {
        urn: renamed.urn,
        previousUrn: old.urn,
        type: RULE,
        inputs: [{ key: "description", before: "caller", after: "app" }],
        options: [],
      },
    ]);
    expect(formatDiff(d)).toContain(`renamed  ${old.urn}\n        -> ${renamed.urn}`);
  });

  test("without an alias the same change is a removal and an addition (a replacement on apply)", () => {
    const renamed = res(RULE, "db-from-app", { fromPort: 5432 });
    const d = diffPlans(plan([old]), plan([renamed]));
    expect(d.added.map((r) => r.name)).toEqual(["db-from-app"]);
    expect(d.removed.map((r) => r.name)).toEqual(["db-from-sg0"]);
  });

  test("dependencies on a renamed resource are not reported as changes; option changes are", () => {
    const dep = res("aws:ec2/route:Route", "r", { x: 1 }, { propertyDependencies: { x: [old.urn] } });
    const renamed = aliased(res(RULE, "db-from-app", { fromPort: 5432, description: "caller" }), [old.urn]);
    const depAfter = res(
      "aws:ec2/route:Route",
      "r",
      { x: 1 },
      { propertyDependencies: { x: [renamed.urn] } },
    );
    const protectedDep = { ...depAfter, options: { ...depAfter.options, protect: true } };
    const d = diffPlans(plan([old, dep]), plan([renamed, protectedDep]));
    expect(d.changed).toEqual([
      {
        urn: depAfter.urn,
        type: depAfter.type,
        inputs: [],
        options: [{ key: "protect", before: false, after: true }],
      },
    ]);
  });

  test("outputs that appear, disappear or change are named", () => {
    const d = diffPlans(plan([], { a: 1, b: 2 }), plan([], { b: 3, c: 4 }));
    expect(d.outputs).toEqual({ added: ["c"], removed: ["a"], changed: ["b"] });
  });

  test("the CLI compares directories stack by stack and exits 1 on differences, 0 when identical", () => {
    const dir = (p: StackPlan) => {
      const d = mkdtempSync(join(tmpdir(), "diff-"));
      writeFileSync(join(d, `${p.stack}.json`), JSON.stringify(p));
      return d;
    };
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    expect(main([dir(plan([old])), dir(plan([old]))])).toBe(0);
    expect(main([dir(plan([old])), dir(plan([sg]))])).toBe(1);
    expect(main(["only-one"])).toBe(2);
    expect(error).toHaveBeenCalledWith(
      "plan:diff: expected two paths (plan files or directories) and optionally --json",
    );
    log.mockRestore();
    error.mockRestore();
  });
});
