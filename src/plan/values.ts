/**
 * Helpers for Pulumi's wire encoding of property values (the JSON form of a protobuf Struct):
 * secrets, unknowns and resource references are objects tagged with a signature key.
 */
import * as pulumi from "@pulumi/pulumi";
import { REDACTED } from "./types";

const {
  specialSigKey: SIG,
  specialSecretSig: SECRET,
  specialResourceSig: RESOURCE_REF,
  specialOutputValueSig: OUTPUT_VALUE,
  unknownValue: UNKNOWN,
} = pulumi.runtime;

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
