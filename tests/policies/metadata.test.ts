import { readFileSync } from "node:fs";
import { join } from "node:path";
import { costPack, PLATFORM_PACKS, preflightPack, securityPack } from "../../policies/pack";
import { POLICY_METADATA, withMetadata } from "../../policies/metadata";
import { costPolicies } from "../../policies/cost";
import { networkPolicies } from "../../policies/network";
import { tsFilesUnder } from "./citations";

const POLICIES = join(__dirname, "..", "..", "policies");
const all = PLATFORM_PACKS.flatMap((pack) => pack.policies.map((p) => ({ pack: pack.name, p })));

describe("policy metadata (policies/metadata.ts)", () => {
  test("every policy of every pack has an entry, and no entry is orphaned", () => {
    const names = all.map(({ p }) => p.name);
    expect(names.filter((n) => !(n in POLICY_METADATA))).toEqual([]);
    expect(Object.keys(POLICY_METADATA).filter((k) => !names.includes(k))).toEqual([]);
  });

  test("the packs carry it: severity, remediation text and the default level on every policy", () => {
    for (const { p } of all) {
      const m = POLICY_METADATA[p.name];
      expect([p.name, p.severity]).toEqual([p.name, m.severity]);
      expect(p.remediationSteps).toBe(m.remediation);
      expect(p.enforcementLevel).toBe(m.enforcementLevel);
      expect(p.remediationSteps!.length).toBeGreaterThan(20);
    }
  });

  test("security and preflight policies are mandatory; cost sets its levels per rule", () => {
    for (const pack of [securityPack, preflightPack]) {
      expect(pack.enforcementLevel).toBe("mandatory");
      expect(pack.policies.filter((p) => p.enforcementLevel !== "mandatory").map((p) => p.name)).toEqual([]);
    }
    expect(Object.fromEntries(costPack.policies.map((p) => [p.name, p.enforcementLevel]))).toEqual({
      "cost-instance-type-allowlist": "mandatory",
      "cost-asg-max-size": "mandatory",
      "cost-spot-share": "advisory",
      "cost-nodepool-limits": "mandatory",
      "cost-stack-budget": "mandatory",
      "cost-standby-share": "advisory",
      "cost-nat-gateways-by-posture": "advisory",
      "cost-scheduled-action-ceiling": "mandatory",
    });
  });

  test("every policy that reads parameters (getConfig) has a config schema, none with enforcementLevel", () => {
    const readsConfig = new Set<string>();
    for (const rel of tsFilesUnder(POLICIES)) {
      const source = readFileSync(join(POLICIES, rel), "utf8");
      if (!source.includes("getConfig")) continue;
      for (const m of source.matchAll(/name: "([a-z0-9-]+)"/g)) readsConfig.add(m[1]);
    }
    expect(readsConfig.size).toBeGreaterThanOrEqual(6);
    for (const { p } of all) {
      if (!readsConfig.has(p.name)) continue;
      expect([p.name, p.configSchema?.properties]).toEqual([p.name, expect.any(Object)]);
      // @pulumi/policy's serve() exits when a schema declares enforcementLevel.
      expect(Object.keys(p.configSchema!.properties)).not.toContain("enforcementLevel");
    }
  });

  test("is applied to copies: the policy objects of the layers stay as written", () => {
    expect(costPolicies.find((p) => p.name === "cost-spot-share")!.enforcementLevel).toBe("mandatory");
    expect(costPack.policies.find((p) => p.name === "cost-spot-share")!.enforcementLevel).toBe("advisory");
    expect(networkPolicies[0].severity).toBeUndefined();
    const withIt = withMetadata(networkPolicies[0]);
    expect(withIt).not.toBe(networkPolicies[0]);
    expect(withIt.severity).toBe(POLICY_METADATA[networkPolicies[0].name].severity);
    // A policy without an entry stays as it is (the first test fails on it).
    const unknown = { name: "x-unknown", description: "d", validateResource: () => undefined };
    expect(withMetadata(unknown)).toBe(unknown);
  });

  test("each pack holds its layers only, and every policy is in exactly one pack", () => {
    const layer = (n: string) => n.split("-")[0];
    expect([...new Set(securityPack.policies.map((p) => layer(p.name)))].sort()).toEqual([
      "application",
      "data",
      "edge",
      "eks",
      "events",
      "network",
      "observability",
    ]);
    expect(new Set(costPack.policies.map((p) => layer(p.name)))).toEqual(new Set(["cost"]));
    expect(new Set(preflightPack.policies.map((p) => layer(p.name)))).toEqual(new Set(["preflight"]));
    const names = all.map(({ p }) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
