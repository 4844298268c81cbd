/** jest `globalTeardown`: removes the real stacks' plans written by tests/setup/global-plans.ts. */
import { rmSync } from "node:fs";
import { REAL_PLANS_DIR_ENV } from "./global-plans";

export default function globalTeardown(): void {
  const dir = process.env[REAL_PLANS_DIR_ENV];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
