import { firstOccurrence, isTimeZone, parseCron } from "../../src/config/cron";

const first = (expr: string, zone: string, from: string, to: string) =>
  firstOccurrence(parseCron(expr)!, zone, new Date(from), new Date(to))?.toISOString();

describe("cron expressions of recurring scheduled actions", () => {
  test("parses the five traditional fields: numbers, names, ranges, lists, steps; 7 is Sunday", () => {
    const c = parseCron("*/20 8-10,18 1,15 JAN-MAR MON-FRI")!;
    expect([...c.minute]).toEqual([0, 20, 40]);
    expect([...c.hour]).toEqual([8, 9, 10, 18]);
    expect([...c.month]).toEqual([1, 2, 3]);
    expect([...c.dayOfWeek]).toEqual([1, 2, 3, 4, 5]);
    expect([...parseCron("0 0 * * 7")!.dayOfWeek]).toEqual([0]);
  });

  test("refuses what it does not read (so rules skip it rather than guess)", () => {
    for (const e of [
      "0 8 ? * MON",
      "61 8 * * *",
      "0 8 * * MON-FRI-SAT",
      "0 8 * *",
      "0 8 L * *",
      "0 8 * * 1#2",
    ])
      expect(parseCron(e)).toBeUndefined();
  });

  test("first occurrence in a window, in the action's time zone, end excluded", () => {
    expect(first("0 8 * * MON-FRI", "America/New_York", "2026-11-27T05:00:00Z", "2026-11-28T05:00:00Z")).toBe(
      "2026-11-27T13:00:00.000Z",
    );
    expect(
      first("0 20 * * MON-FRI", "America/New_York", "2026-11-27T13:01:00Z", "2026-11-28T01:00:00Z"),
    ).toBeUndefined();
    expect(first("30 9 1 * *", "Asia/Kolkata", "2026-07-01T00:00:00Z", "2026-08-02T00:00:00Z")).toBe(
      "2026-07-01T04:00:00.000Z",
    );
    // Day of month and day of week both restricted: either matches (cron's rule).
    expect(first("0 0 13 * FRI", "UTC", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z")).toBe(
      "2026-11-06T00:00:00.000Z",
    );
  });

  test("time zones are the runtime's IANA names", () => {
    expect(isTimeZone("Europe/Dublin")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Europe/Atlantis")).toBe(false);
  });
});
