/**
 * The cron expressions of EC2 Auto Scaling's recurring scheduled actions, as far as config
 * validation needs them: when does an action fire between two times? EC2 Auto Scaling uses
 * traditional Unix cron syntax, five fields (`[Minute] [Hour] [Day_of_Month] [Month_of_Year]
 * [Day_of_Week]`, PutScheduledUpdateGroupAction `Recurrence`), in the action's IANA time zone
 * (daylight saving time applied). Supported: `*`, numbers, names (JAN-DEC, SUN-SAT), ranges,
 * lists and steps; day of month and day of week both restricted match either (as cron does).
 * Anything else parses as undefined, and the rules that need occurrences then skip the action.
 */

/** A parsed expression: the allowed values of each field. */
export interface Cron {
  readonly minute: ReadonlySet<number>;
  readonly hour: ReadonlySet<number>;
  readonly dayOfMonth: ReadonlySet<number>;
  readonly month: ReadonlySet<number>;
  /** 0 (Sunday) to 6; 7 is read as 0. */
  readonly dayOfWeek: ReadonlySet<number>;
  readonly anyDayOfMonth: boolean;
  readonly anyDayOfWeek: boolean;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

function field(
  text: string,
  min: number,
  max: number,
  names: readonly string[] = [],
  base = 0,
): Set<number> | undefined {
  const value = (v: string): number | undefined => {
    const named = names.indexOf(v.toUpperCase());
    if (named >= 0) return named + base;
    if (!/^\d+$/.test(v)) return undefined;
    const n = Number(v);
    return n >= min && n <= max ? n : undefined;
  };
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText, extra] = part.split("/");
    if (extra !== undefined) return undefined;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    let lo: number | undefined;
    let hi: number | undefined;
    if (range === "*") [lo, hi] = [min, max];
    else if (range.includes("-")) {
      const [a, b, more] = range.split("-");
      if (more !== undefined) return undefined;
      [lo, hi] = [value(a), value(b)];
    } else {
      lo = value(range);
      hi = stepText === undefined ? lo : max;
    }
    if (lo === undefined || hi === undefined || lo > hi) return undefined;
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** Parses a five-field expression, or undefined when it uses anything this module does not read. */
export function parseCron(expression: string): Cron | undefined {
  const f = expression.trim().split(/\s+/);
  if (f.length !== 5) return undefined;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = [
    field(f[0], 0, 59),
    field(f[1], 0, 23),
    field(f[2], 1, 31),
    field(f[3], 1, 12, MONTHS, 1),
    field(f[4], 0, 7, DAYS),
  ];
  if (!minute || !hour || !dayOfMonth || !month || !dayOfWeek) return undefined;
  if (dayOfWeek.delete(7)) dayOfWeek.add(0);
  return {
    minute,
    hour,
    dayOfMonth,
    month,
    dayOfWeek,
    anyDayOfMonth: f[2] === "*",
    anyDayOfWeek: f[4] === "*",
  };
}

/** True when `timeZone` is a time zone the runtime knows (IANA names). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Minutes to add to UTC to get the local time of `timeZone` at `utcMs`. */
function offsetMinutes(utcMs: number, format: Intl.DateTimeFormat): number {
  const p = Object.fromEntries(format.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const local = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute);
  return Math.round((local - Math.floor(utcMs / MINUTE) * MINUTE) / MINUTE);
}

/**
 * The first time in `[from, to)` at which the expression fires in `timeZone`, or undefined.
 * Looks at most a year ahead (every expression fires within a year, if ever).
 */
export function firstOccurrence(cron: Cron, timeZone: string, from: Date, to: Date): Date | undefined {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  });
  const end = Math.min(to.getTime(), from.getTime() + 366 * 24 * HOUR);
  let t = Math.ceil(from.getTime() / MINUTE) * MINUTE;
  while (t < end) {
    // The offset holds for the rest of the UTC hour (zones change offset on the hour or half hour,
    // so re-read it every 30 minutes).
    const offset = offsetMinutes(t, format);
    const stop = Math.min(end, (Math.floor(t / (30 * MINUTE)) + 1) * 30 * MINUTE);
    for (; t < stop; t += MINUTE) {
      const local = new Date(t + offset * MINUTE);
      const day =
        cron.anyDayOfMonth || cron.anyDayOfWeek
          ? cron.dayOfMonth.has(local.getUTCDate()) && cron.dayOfWeek.has(local.getUTCDay())
          : cron.dayOfMonth.has(local.getUTCDate()) || cron.dayOfWeek.has(local.getUTCDay());
      if (
        day &&
        cron.minute.has(local.getUTCMinutes()) &&
        cron.hour.has(local.getUTCHours()) &&
        cron.month.has(local.getUTCMonth() + 1)
      ) {
        return new Date(t);
      }
    }
  }
  return undefined;
}
