/**
 * jest `globalSetup`: plans the real stacks once for the whole run, in a child process (Pulumi's
 * runtime keeps global state, so it stays out of jest's own process), and passes the JSON file to
 * every test file through PLATFORM_TEST_REAL_PLANS (read by tests/helpers/plans.ts realPlans()).
 *
 * Runs that select test files (a path pattern, --onlyChanged, --findRelatedTests, watch mode)
 * skip it: each file that asks for the plans then plans in its own process, from the sources as
 * they are at that moment.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REAL_PLANS_ENV } from "../helpers/plans";

const ROOT = join(__dirname, "..", "..");
export const REAL_PLANS_DIR_ENV = "PLATFORM_TEST_REAL_PLANS_DIR";

/** The fields of jest's GlobalConfig that say whether this run selects test files. */
interface RunSelection {
  readonly testPathPattern: string;
  readonly onlyChanged: boolean;
  readonly findRelatedTests: boolean;
  readonly changedSince?: string;
  readonly watch: boolean;
  readonly watchAll: boolean;
}

export default function globalSetup(config: RunSelection): void {
  delete process.env[REAL_PLANS_ENV];
  const selective =
    config.testPathPattern !== "" ||
    config.onlyChanged ||
    config.findRelatedTests ||
    Boolean(config.changedSince) ||
    config.watch ||
    config.watchAll;
  if (selective) return;
  const dir = mkdtempSync(join(tmpdir(), "platform-real-plans-"));
  const file = join(dir, "plans.json");
  execFileSync(
    process.execPath,
    ["-r", join(ROOT, "scripts", "swc-register.cjs"), join(__dirname, "plan-real-stacks.ts"), file],
    { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] },
  );
  process.env[REAL_PLANS_DIR_ENV] = dir;
  process.env[REAL_PLANS_ENV] = file;
}
