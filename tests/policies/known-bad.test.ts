import { platformPack } from "../../policies/pack";
import { evaluatePolicies } from "../../src/plan/policies";
import type { PlanResource } from "../../src/plan/types";
import { COVERED, PARTS } from "../fixtures/known-bad/parts";
import { run } from "../helpers/run";

const mandatory = platformPack.policies
  .filter((p) => (p.enforcementLevel ?? platformPack.enforcementLevel) === "mandatory")
  .map((p) => p.name);

describe("the known-bad fixture (tests/fixtures/known-bad/)", () => {
  test.each(PARTS.filter((p) => Object.keys(p.expected).length > 0).map((p) => [p.name, p] as const))(
    "part %s: each policy of its table fires exactly on the expected resources",
    async (_name, part) => {
      const ran = await run(part.program);
      const resources: PlanResource[] = ran.records.map(({ plainInputs: _plain, ...r }) => ({
        ...r,
        region: ran.regions.get(r.urn) ?? "us-east-1",
      }));
      const violations = await evaluatePolicies(resources, [platformPack], { region: "us-east-1" });
      const nameOf = new Map(resources.map((r) => [r.urn, r.name]));
      const firedOn = (policy: string) =>
        [
          ...new Set(violations.filter((v) => v.policy === policy).map((v) => nameOf.get(v.urn) ?? v.urn)),
        ].sort();
      const actual = Object.fromEntries(Object.keys(part.expected).map((p) => [p, firedOn(p)]));
      const expected = Object.fromEntries(
        Object.entries(part.expected).map(([p, names]) => [p, [...names].sort()]),
      );
      expect(actual).toEqual(expected);
      for (const v of violations.filter((x) => x.policy in part.expected))
        expect(v.enforcement).toBe("mandatory");
    },
  );

  test("every mandatory policy has a fixture case, and every case is a mandatory policy", () => {
    expect(mandatory.length).toBeGreaterThan(100);
    expect(mandatory.filter((n) => !COVERED.has(n))).toEqual([]);
    expect([...COVERED].filter((n) => !mandatory.includes(n))).toEqual([]);
  });
});
