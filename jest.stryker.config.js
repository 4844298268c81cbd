// The jest configuration of the mutation-testing run (`npm run mutate`, stryker.conf.json): the
// policy unit tests only. Left out: tests that read the policies' source text (catalog, docs,
// metadata and pack-directory checks: Stryker's instrumented copy is not the committed text) or spawn the packs in other
// processes (pack.test.ts, sdk-analyzer.test.ts), and the whole-plan evaluations (below). Tests
// that read the real stacks' plans read the file scripts/mutate.mjs writes once
// (PLATFORM_TEST_REAL_PLANS).
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ["<rootDir>/tests/policies"],
  testPathIgnorePatterns: [
    "/node_modules/",
    "/tests/policies/catalog\\.test\\.ts$",
    "/tests/policies/catalogues\\.test\\.ts$",
    "/tests/policies/docs\\.test\\.ts$",
    "/tests/policies/metadata\\.test\\.ts$",
    "/tests/policies/pack\\.test\\.ts$",
    "/tests/policies/pack-dirs\\.test\\.ts$",
    "/tests/policies/sdk-analyzer\\.test\\.ts$",
    // Whole-plan evaluations (every policy on the real stacks or the known-bad fixture's parts):
    // they cover every mutant, so each mutant would run them all (hours, not minutes).
    "/tests/policies/known-bad\\.test\\.ts$",
    "/tests/policies/coverage\\.test\\.ts$",
    "/tests/policies/observability/redteam\\.test\\.ts$",
    "/tests/policies/events/tls-only\\.test\\.ts$",
    "/tests/policies/cost/estimate-rules\\.test\\.ts$",
    "/tests/policies/preflight/service-role-confused-deputy\\.test\\.ts$",
  ],
  // Stryker runs jest in its own process to collect coverage per test; jest uses workers whenever
  // a worker memory limit is set.
  workerIdleMemoryLimit: undefined,
  globalSetup: undefined,
  globalTeardown: undefined,
};
