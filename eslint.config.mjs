// ESLint flat config: typescript-eslint with type-aware rules plus Pulumi's own rules.
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config(
  // Plain JavaScript (config files, scripts/) is not part of the TypeScript project; Prettier checks it.
  {
    ignores: [
      "node_modules/**",
      "dist/**",
      ".plan/**",
      "coverage/**",
      "reports/**",
      ".stryker-tmp/**",
      "*.js",
      "*.mjs",
      "scripts/**",
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@pulumi": pulumi },
    rules: {
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.object.name='pulumi'][callee.property.name='Config']",
          message: "Read config only in src/config (the config module).",
        },
        {
          selector:
            "MemberExpression[object.property.name='runtime'][property.name=/^(allConfig|getConfig|setAllConfig|setConfig)$/]",
          message: "Read config only in src/config (the config module).",
        },
      ],
    },
  },
  {
    // The config module reads config; the offline plan engine and its floor benchmark set it.
    files: ["src/config/load.ts", "src/plan/run-stack.ts", "bench/floor.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    // ajv is a devDependency: only the offline plan (src/plan, which needs the dev tooling to build
    // anyway) and tests use it; the Pulumi program and the policy pack run without devDependencies.
    files: ["stacks/**/*.ts", "components/**/*.ts", "policies/**/*.ts", "src/config/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "ajv", message: "ajv is a devDependency, for src/plan and tests only." }] },
      ],
    },
  },
  {
    files: ["tests/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/require-await": "off",
    },
  },
);
