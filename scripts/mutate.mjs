// `npm run mutate [-- <stryker options>]`: mutation testing of policies/ (stryker.conf.json).
// Plans the real stacks once, first, and hands the file to every test run through
// PLATFORM_TEST_REAL_PLANS (tests/helpers/plans.ts), as jest's global setup does for `npm test`:
// Stryker runs jest once per mutant, and the tests that read the real plans would otherwise plan
// both stacks on every run. The plans hold the policies' unmutated verdicts; the tests that judge
// the plans' resources run the (mutated) policies on them again.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const file = join(mkdtempSync(join(tmpdir(), "platform-mutate-plans-")), "plans.json");
execFileSync(
  process.execPath,
  [
    "-r",
    join(root, "scripts", "swc-register.cjs"),
    join(root, "tests", "setup", "plan-real-stacks.ts"),
    file,
  ],
  { cwd: root, stdio: ["ignore", "inherit", "inherit"] },
);
const stryker = join(root, "node_modules", "@stryker-mutator", "core", "bin", "stryker.js");
execFileSync(
  "nice",
  ["-n", "10", process.execPath, stryker, "run", "stryker.conf.json", ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, PLATFORM_TEST_REAL_PLANS: file },
  },
);
