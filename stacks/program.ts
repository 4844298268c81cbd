import { loadStackConfig, type LoadOptions } from "../src/config";
import { buildRegion } from "./region";

/**
 * The whole Pulumi program: validate the stack's config (nothing is registered if it is
 * invalid), then build the region. Returns the stack outputs. The Pulumi CLI runs it with no
 * options (placeholders in the stack file are refused); the offline plan with `offlinePlan`.
 */
export async function program(options: LoadOptions = {}): Promise<Record<string, unknown>> {
  const cfg = loadStackConfig(options);
  return buildRegion(cfg);
}
