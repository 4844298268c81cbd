/**
 * The only place in the program that reads Pulumi config.
 */
import * as pulumi from "@pulumi/pulumi";
import { validateStackConfig } from "./validate";
import type { StackConfig } from "./types";

/** Reads the current stack's whole config and validates it (throws ConfigError when invalid). */
export function loadStackConfig(): StackConfig {
  return validateStackConfig({
    stack: pulumi.getStack(),
    project: pulumi.getProject(),
    values: pulumi.runtime.allConfig(),
  });
}
