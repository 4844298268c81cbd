const { swcOptions } = require("./scripts/swc-options.cjs");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // swc strips types only; `npm run lint` (tsc --noEmit -p .) type-checks tests and sources.
  transform: {
    "^.+\\.ts$": ["@swc/jest", swcOptions({ sourceMaps: "inline" })],
  },
  // The real stacks are planned once per run and shared (tests/helpers/plans.ts realPlans()).
  globalSetup: "<rootDir>/tests/setup/global-plans.ts",
  globalTeardown: "<rootDir>/tests/setup/global-teardown.ts",
  setupFilesAfterEnv: ["<rootDir>/tests/setup/sdk-stack-traces.ts"],
  // Pulumi's runtime keeps global state; each test file runs in its own module registry.
  testTimeout: 60000,
};
