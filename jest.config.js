const { availableParallelism } = require("node:os");
const { swcOptions } = require("./scripts/swc-options.cjs");

// Config validation refuses one-off scheduled actions that start in the past: tests run as of a
// fixed day (src/config/clock.ts), so that the stack files' dated actions never expire under them.
// Inherited by the workers and the global setup's planning process.
process.env.PLATFORM_NOW ??= "2026-11-23T00:00:00Z";

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
  // jest's default (one worker per core but one) leaves one of 2 cores to its own process, which
  // only waits while the workers plan: at least 2 workers.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // Each test file loads Pulumi's SDKs afresh in its own module registry, and a worker's heap
  // keeps growing across files (one process running every file in band reached 19 GiB and was
  // killed by the OOM killer on the 24 GiB machine): a worker past this after a file is replaced.
  workerIdleMemoryLimit: "2GB",
  // Pulumi's runtime keeps global state; each test file runs in its own module registry.
  // Tests that plan three stacks take about 20 s alone and several times that on a loaded 2-core
  // machine; the timeout catches a hang, not slowness (speed is measured by npm run bench).
  testTimeout: 180000,
};
