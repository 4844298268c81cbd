import { loadStackConfig } from "../src/config";
import { buildRegion } from "./region";

/**
 * The whole Pulumi program: validate the stack's config (nothing is registered if it is
 * invalid), then build the region. Returns the stack outputs.
 */
export async function program(): Promise<Record<string, unknown>> {
  const cfg = loadStackConfig();
  return buildRegion(cfg);
}
