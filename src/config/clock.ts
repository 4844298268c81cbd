/**
 * The time config validation compares dates with (one-off scheduled actions must start after it).
 * The real clock, unless `PLATFORM_NOW` holds an ISO 8601 time: tests fix it so that the stack
 * files' dated actions do not expire under them, and an old plan can be re-run as of its day.
 */

/** The environment variable that fixes "now" for config validation, e.g. "2026-11-23T00:00:00Z". */
export const NOW_ENV = "PLATFORM_NOW";

/** "Now" for config validation: `PLATFORM_NOW` when set (an invalid value is an error), else the clock. */
export function configNow(env: NodeJS.ProcessEnv = process.env): Date {
  const fixed = env[NOW_ENV];
  if (fixed === undefined || fixed === "") return new Date();
  const t = new Date(fixed);
  if (Number.isNaN(t.getTime())) {
    throw new Error(
      `${NOW_ENV} = ${JSON.stringify(fixed)} is not a time: expected an ISO 8601 time, e.g. "2026-11-23T00:00:00Z", or leave it unset`,
    );
  }
  return t;
}

/** A time as the messages show it: ISO 8601 UTC to the second. */
export const showTime = (t: Date): string => t.toISOString().replace(/\.\d{3}Z$/, "Z");
