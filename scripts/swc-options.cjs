// The one swc configuration for TypeScript in this repository: the jest transform (jest.config.js),
// the transpile-only build of dist/ (scripts/build.mjs) and the require hook (scripts/swc-register.cjs)
// use it. It mirrors tsconfig.json: ES2022 target, CommonJS modules with esModuleInterop (default
// imports of CommonJS modules and of JSON), class fields with define semantics. swc only strips
// types; type checking is `tsc --noEmit -p .` in `npm run lint`.

/** @param {{ sourceMaps?: boolean | "inline" }} [opts] @returns {import("@swc/core").Options} */
function swcOptions({ sourceMaps = false } = {}) {
  return {
    swcrc: false,
    configFile: false,
    sourceMaps,
    jsc: {
      parser: { syntax: "typescript", tsx: false, decorators: false },
      target: "es2022",
      keepClassNames: true,
      transform: { useDefineForClassFields: true },
    },
    module: { type: "commonjs", strict: false, noInterop: false, ignoreDynamic: false },
  };
}

module.exports = { swcOptions };
