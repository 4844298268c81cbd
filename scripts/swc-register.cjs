// `node -r ./scripts/swc-register.cjs file.ts`: runs TypeScript sources in plain Node, transpiled
// in memory by swc with the repository's options (scripts/swc-options.cjs); no type checking.
// The jest global setup uses it to plan the real stacks once per run (tests/setup/), and
// tests/bench.test.ts to run the benchmark floor from its source.
const { readFileSync } = require("node:fs");
const Module = require("node:module");
const { transformSync } = require("@swc/core");
const { swcOptions } = require("./swc-options.cjs");

const options = swcOptions();
Module._extensions[".ts"] = function compileTs(module, filename) {
  const { code } = transformSync(readFileSync(filename, "utf8"), { ...options, filename });
  module._compile(code, filename);
};
