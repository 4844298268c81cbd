import { spawnSync } from "node:child_process";
import { join } from "node:path";

describe("benchmark floor", () => {
  test("the floor (plain setMocks, echo mock) runs the program for every stack", () => {
    const root = join(__dirname, "..");
    const r = spawnSync(
      process.execPath,
      // The swc require hook: the same transpiler as the bench's own dist/ build.
      ["-r", join(root, "scripts", "swc-register.cjs"), join(root, "bench", "floor.ts"), root],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
    expect(r.stderr.split("\n").filter((l) => l.startsWith("Error"))).toEqual([]);
    expect(r.status).toBe(0);
  });
});
