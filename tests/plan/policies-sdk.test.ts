import type { PolicyPackDefinition } from "../../policies/pack";
import { evaluatePolicies } from "../../src/plan/policies";
import * as protoutil from "@pulumi/policy/protoutil";
import * as server from "@pulumi/policy/server";
import { checkServerHandlers } from "../../src/plan/sdk-server";
import { res } from "../helpers/policy";

const BUCKET = "aws:s3/bucket:Bucket";
const tagged = (props: { tags?: Record<string, string> }) => Boolean(props.tags?.owner);

/** A pack that remediates missing `owner` tags (level remediate) and one that requires them. */
const fixer: PolicyPackDefinition = {
  name: "fixer",
  version: "1.0.0",
  enforcementLevel: "remediate",
  policies: [
    {
      name: "add-owner",
      description: "Adds an owner tag.",
      remediateResource: (args) =>
        tagged(args.props)
          ? undefined
          : { ...args.props, tags: { ...(args.props.tags ?? {}), owner: "ops" } },
    },
  ],
};
const requirer: PolicyPackDefinition = {
  name: "requirer",
  version: "1.0.0",
  enforcementLevel: "mandatory",
  policies: [
    {
      name: "owner-required",
      description: "Every resource has an owner tag.",
      validateResource: (args, report) => {
        if (!tagged(args.props)) report("no owner tag");
      },
    },
    {
      name: "owners-in-stack",
      description: "The stack's resources have owners.",
      validateStack: (args, report) => {
        for (const r of args.resources) if (!tagged(r.props)) report(`${r.name} has no owner`, r.urn);
      },
    },
  ],
};

describe("evaluatePolicies through the SDK's analyzer handlers", () => {
  const bucket = () => res(BUCKET, "logs", { bucket: "logs" });

  test("without remediation, the resource and stack policies fire with the policy's own message", async () => {
    const v = await evaluatePolicies([bucket()], [requirer], { region: "us-east-1" });
    expect(v.map((x) => [x.pack, x.policy, x.enforcement, x.message])).toEqual([
      ["requirer", "owner-required", "mandatory", "no owner tag"],
      ["requirer", "owners-in-stack", "mandatory", "logs has no owner"],
    ]);
  });

  test("a remediating pack's changes reach every pack's analysis, as the engine applies them", async () => {
    const v = await evaluatePolicies([bucket()], [requirer, fixer], { region: "us-east-1" });
    expect(v).toEqual([]);
  });

  test("a remediation policy disabled by config changes nothing", async () => {
    const v = await evaluatePolicies([bucket()], [requirer, fixer], {
      region: "us-east-1",
      config: { "add-owner": "disabled" },
    });
    expect(v.map((x) => x.policy)).toEqual(["owner-required", "owners-in-stack"]);
  });

  test("config sets a level per policy for the SDK: advisory here, and `all` for the pack", async () => {
    const one = await evaluatePolicies([bucket()], [requirer], {
      region: "us-east-1",
      config: { "owner-required": "advisory" },
    });
    expect(one.map((x) => [x.policy, x.enforcement])).toEqual([
      ["owner-required", "advisory"],
      ["owners-in-stack", "mandatory"],
    ]);
    const all = await evaluatePolicies([bucket()], [requirer], {
      region: "us-east-1",
      config: { all: "disabled" },
    });
    expect(all).toEqual([]);
  });

  test("the SDK's exports the offline plan calls are checked, naming what is missing", () => {
    expect(() => checkServerHandlers({ serve: () => undefined }, {})).toThrow(
      "@pulumi/policy's server.js no longer exports what the offline plan calls (makeAnalyzeRpcFun, makeAnalyzeStackRpcFun, makeRemediateRpcFun, makeAnalyzerInfo (protoutil.js)); src/plan/sdk-server.ts was checked against @pulumi/policy 1.21.0",
    );
    expect(() => checkServerHandlers(server, protoutil)).not.toThrow();
  });
});
