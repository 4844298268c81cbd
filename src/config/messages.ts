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
