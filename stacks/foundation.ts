import { EncryptionKey } from "../components/security/encryption-key";
import type { Built, RegionContext } from "./context";

/** Handles of the region's foundation: what several builders share. */
export interface FoundationHandles {
  /** Encrypts every CloudWatch log group of the region (flow logs, WAF logs). */
  readonly logsKey: EncryptionKey;
}

/** The region's shared keys. Exports nothing: a KMS key never leaves its region. */
export function buildFoundation(ctx: RegionContext): Built<Record<string, never>, FoundationHandles> {
  const logsKey = new EncryptionKey(`${ctx.prefix}-logs`, {
    purpose: "CloudWatch log groups of the region",
    accountId: ctx.cfg.accountId,
    region: ctx.region,
    servicePrincipals: ["logs"],
    protect: ctx.protect,
    tags: ctx.tags,
  });
  return { outputs: {}, handles: { logsKey } };
}
