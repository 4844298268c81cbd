// The jest configuration of the mutation-testing run (`npm run mutate`, stryker.conf.json): the
// policy unit tests only. Left out: tests that read the policies' source text (catalog and docs
// checks: Stryker's instrumented copy is not the committed text), spawn the pack in another
// process (pack.test.ts) or plan the real stacks (they would re-plan for every mutant).
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
    "/tests/policies/preflight/service-role-confused-deputy\\.test\\.ts$",
  ],
  globalSetup: undefined,
  globalTeardown: undefined,
};
