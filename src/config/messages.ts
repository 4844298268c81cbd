/** Building blocks shared by the config schemas: value lists and whole-number fields with exact messages. */
import { z } from "zod";

/** `["a", 1]` as `"a", 1`: how allowed values are listed in error messages. */
export const quotedList = (xs: readonly (string | number)[]) => xs.map((x) => JSON.stringify(x)).join(", ");

/**
 * A whole number from `min` to `max`; every message names `what` and the range.
 * @param typeError The message for a value that is not a number. @default "expected <what> from <min> to <max>"
 */
export const wholeNumber = (
  what: string,
  min: number,
  max: number,
  typeError = `expected ${what} from ${min} to ${max}`,
) =>
  z
    .number({ error: typeError })
    .int({ error: `is not a whole number: expected ${what} from ${min} to ${max}` })
    .min(min, { error: `is too small: expected ${what} from ${min} to ${max}` })
    .max(max, { error: `is too large: expected ${what} from ${min} to ${max}` });

/** A value as problems quote it: JSON, cut at 80 characters. */
export const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

/** The full key of a path in the `platform:` namespace: `["tiers", "web", "minSize"]` as `platform:tiers.web.minSize`. */
export function keyOf(path: readonly PropertyKey[]): string {
  let key = "platform:";
  path.forEach((p, i) => {
    if (typeof p === "number") key += `[${p}]`;
    else key += i === 0 ? String(p) : `.${String(p)}`;
  });
  return key;
}
