/**
 * `node -r ./scripts/swc-register.cjs tests/setup/plan-real-stacks.ts OUT`: writes the real
 * stacks' plans (tests/helpers/plans.ts) to OUT. Run by the jest global setup.
 */
import { writeFileSync } from "node:fs";
import { planRealStacks } from "../helpers/plans";

planRealStacks().then(
  (json) => writeFileSync(process.argv[2], json),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
