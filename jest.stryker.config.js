// The jest configuration of the mutation-testing run (`npm run mutate`, stryker.conf.json): the
// policy unit tests only. Left out: tests that read the policies' source text (catalog and docs
// checks: Stryker's instrumented copy is not the committed text) or spawn the packs in other
// processes (pack.test.ts, sdk-analyzer.test.ts). Tests that read the real stacks' plans read the
// file scripts/mutate.mjs writes once (PLATFORM_TEST_REAL_PLANS).
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
    "/tests/policies/pack\\.test\\.ts$",
    "/tests/policies/sdk-analyzer\\.test\\.ts$",
    "/tests/policies/preflight/service-role-confused-deputy\\.test\\.ts$",
  ],
  globalSetup: undefined,
  globalTeardown: undefined,
};
