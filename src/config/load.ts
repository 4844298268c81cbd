/**
 * The only place in the program that reads Pulumi config.
 */
import * as pulumi from "@pulumi/pulumi";
import { validateStackConfig } from "./validate";
import type { StackConfig } from "./types";

/** How the program is run. */
export interface LoadOptions {
  /**
   * The offline plan runs the program (`src/plan`): placeholder values in the stack file are
   * accepted, and the plan lists them. A real `pulumi preview` or `pulumi up` refuses them.
   * @default false
   */
  readonly offlinePlan?: boolean;
}

/** Reads the current stack's whole config and validates it (throws ConfigError when invalid). */
export function loadStackConfig(options: LoadOptions = {}): StackConfig {
  return validateStackConfig(
    {
      stack: pulumi.getStack(),
      project: pulumi.getProject(),
      values: pulumi.runtime.allConfig(),
    },
    { placeholders: options.offlinePlan ? "accept" : "refuse" },
  );
}
