import { parseArgs, withChanges } from "../../src/drill/cli";
import type { StackFile } from "../../src/plan/stack-files";

describe("npm run drill arguments", () => {
  test("a scenario, --to and the flags", () => {
    expect(parseArgs(["region", "--to", "eu-west-1", "--revert", "--dry-run"])).toEqual({
      scenario: "region",
      to: "eu-west-1",
      revert: true,
      dryRun: true,
    });
  });
  test("bad arguments are refused with what is allowed", () => {
    expect(() => parseArgs(["az", "--to", "eu-west-1"])).toThrow(
      'scenario "az" is not a drill: expected one of dns, switchover, region',
    );
    expect(() => parseArgs(["dns"])).toThrow(
      "--to REGION is required: the region traffic or the writer moves to",
    );
    expect(() => parseArgs(["dns", "--to", "eu-west-1", "--force"])).toThrow(
      "unknown option --force: expected --to, --revert, --dry-run",
    );
  });
  test("the changes are written into the stack files' decoded and encoded values", () => {
    const f: StackFile = { stack: "us-east-1", path: "p", values: {}, secretKeys: [], decoded: {} };
    const [changed] = withChanges(
      [f],
      [{ stack: "us-east-1", key: "platform:failover", before: {}, after: { drill: "dns" } }],
    );
    expect(changed.decoded["platform:failover"]).toEqual({ drill: "dns" });
    expect(changed.values["platform:failover"]).toBe('{"drill":"dns"}');
  });
});
