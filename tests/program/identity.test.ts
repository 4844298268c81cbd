/**
 * Stable identities: children are keyed by something that stays (peer region, caller name, policy
 * name, zone), never by position, and every resource the program-shape change renamed carries an
 * alias from its old URN, so existing stacks see no replacement.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { platformPack } from "../../policies/pack";
import { planStacks } from "../../src/plan/plan";
import { readStackFile, type StackFile } from "../../src/plan/stack-files";
import type { StackPlan } from "../../src/plan/types";
import { program } from "../../stacks/program";
import { ROOT } from "../helpers/config";

const THIRD = join(ROOT, "tests", "fixtures", "third-region", "Pulumi.ap-south-1.yaml");
const earlier = ["us-east-1", "eu-west-1"].map((s) => readStackFile(join(ROOT, `Pulumi.${s}.yaml`)));

const plan = async (third: StackFile) =>
  planStacks({
    project: "platform",
    stackFiles: [...earlier, third],
    program,
    packs: [platformPack],
  });

/** The third-region fixture with its peers list replaced. */
function thirdWithPeers(peers: unknown[]): StackFile {
  const doc = parse(readFileSync(THIRD, "utf8")) as { config: Record<string, unknown> };
  doc.config["platform:peers"] = peers;
  const path = join(mkdtempSync(join(tmpdir(), "identity-")), "Pulumi.ap-south-1.yaml");
  writeFileSync(path, stringify(doc));
  return readStackFile(path);
}

describe("stable identities", () => {
  let plans: StackPlan[];
  beforeAll(async () => {
    plans = await plan(readStackFile(THIRD));
  });

  test("every URN the program-shape change renamed is aliased by exactly one resource, and is gone", () => {
    const renamed = JSON.parse(
      readFileSync(join(ROOT, "tests", "fixtures", "renamed-by-program-shape.json"), "utf8"),
    ) as Record<string, string[]>;
    expect(Object.keys(renamed).sort()).toEqual(plans.map((p) => p.stack).sort());
    for (const p of plans) {
      const urns = new Set(p.resources.map((r) => r.urn));
      expect(renamed[p.stack].length).toBeGreaterThan(0);
      for (const old of renamed[p.stack]) {
        expect(urns.has(old)).toBe(false);
        const heirs = p.resources.filter((r) => r.options.aliases.includes(old));
        expect(heirs.map((h) => [old, h.type])).toEqual([[old, old.split("::")[2].split("$").pop()]]);
      }
    }
  });

  test("removing the first peer from a stack file removes its resources and renames nothing else", async () => {
    const [use1, euw1] = [readStackFile(THIRD).decoded["platform:peers"] as { stack: string }[]].flatMap(
      (ps) => [ps.find((p) => p.stack === "us-east-1")!, ps.find((p) => p.stack === "eu-west-1")!],
    );
    const both = (await plan(thirdWithPeers([euw1, use1]))).find((p) => p.stack === "ap-south-1")!;
    const one = (await plan(thirdWithPeers([use1]))).find((p) => p.stack === "ap-south-1")!;
    const before = new Set(both.resources.map((r) => r.urn));
    const after = one.resources.map((r) => r.urn);
    expect(after.filter((u) => !before.has(u))).toEqual([]);
    const removed = [...before].filter((u) => !after.includes(u));
    expect(removed.length).toBeGreaterThan(10);
    for (const u of removed) expect(u).toMatch(/eu-west-1|euw1/);
  });
});
