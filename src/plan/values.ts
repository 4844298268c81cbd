/**
 * Helpers for Pulumi's wire encoding of property values (the JSON form of a protobuf Struct):
 * secrets, unknowns and resource references are objects tagged with a signature key.
 */
import { REDACTED } from "./types";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_REF = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_VALUE = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Converts a wire value into plain JSON. With `redact`, secrets become "[secret]"; without, they
 * are unwrapped. Resource references become their URN; unknowns become "[unknown]".
 */
export function fromWire(value: unknown, redact: boolean): unknown {
  if (value === UNKNOWN) return "[unknown]";
  if (Array.isArray(value)) return value.map((v) => fromWire(v, redact));
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  const sig = obj[SIG];
  if (sig === SECRET) return redact ? REDACTED : fromWire(obj.value, redact);
  if (sig === RESOURCE_REF) return obj.urn;
  if (sig === OUTPUT_VALUE) {
    if (obj.secret === true && redact) return REDACTED;
    return "value" in obj ? fromWire(obj.value, redact) : "[unknown]";
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = fromWire(v, redact);
  return out;
}

/** The provider's URN in a provider reference ("<urn>::<id>"). */
export const providerUrn = (ref: string): string => ref.split("::").slice(0, -1).join("::");
