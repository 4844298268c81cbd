/** Scheduled actions in config: dated one-off actions, overlaps and the posture's floor. */
import { ConfigError, validateStackConfig } from "../../src/config";
import { configNow, NOW_ENV } from "../../src/config/clock";
import { stackValues, withOverrides } from "../helpers/config";

type Stack = "us-east-1" | "eu-west-1";
/**
 * The tiers' problems of a stack file with some keys replaced, validated as of `now`; [] when
 * valid. Only `platform:tiers` ones: other dated rules fire too at a far clock (the stack file's
 * EKS version leaves standard support in 2027, tests/config/eks.test.ts checks that).
 */
function problemsAt(
  now: string,
  overrides: Record<string, unknown> = {},
  stack: Stack = "us-east-1",
): readonly string[] {
  try {
    validateStackConfig({ ...withOverrides(stack, overrides), now: new Date(now) });
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.filter((p) => p.startsWith("platform:tiers"));
    throw e;
  }
}
const tiers = (stack: Stack) =>
  stackValues(stack)["platform:tiers"] as Record<string, Record<string, unknown>>;
/** The stack file with the web tier's scheduled actions replaced. */
const scheduled = (actions: object[], stack: Stack = "us-east-1") => ({
  "platform:tiers": {
    ...tiers(stack),
    web: { ...tiers(stack).web, scaling: { ...(tiers(stack).web.scaling as object), scheduled: actions } },
  },
});

describe("one-off scheduled actions", () => {
  test("the primary's black-friday action is valid until it starts, and refused from then on", () => {
    expect(problemsAt("2026-11-23T00:00:00Z")).toEqual([]);
    expect(problemsAt("2027-11-26T13:00:59Z")).toEqual([]);
    const refused =
      'platform:tiers.web.scaling.scheduled[2].startTime = "2027-11-26T13:01:00Z" is not in the future (now is 2027-11-26T13:01:00Z): ' +
      'AWS refuses a one-off action in the past and deletes one after it ran; expected a later time, or remove the action "black-friday" from the stack file once it has run';
    expect(problemsAt("2027-11-26T13:01:00Z")).toEqual([refused]);
    expect(problemsAt("2027-12-01T09:30:00.250Z")).toEqual([
      refused.replace("now is 2027-11-26T13:01:00Z", "now is 2027-12-01T09:30:00Z"),
    ]);
  });

  test("times are UTC to the whole second: a fraction would never match what the provider reads back", () => {
    const at = (startTime: string, endTime?: string) =>
      problemsAt(
        "2026-11-23T00:00:00Z",
        scheduled([{ name: "launch", startTime, ...(endTime ? { endTime } : {}), minSize: 4 }]),
      );
    expect(at("2027-03-01T08:00:00Z", "2027-03-01T20:00:00Z")).toEqual([]);
    expect(at("2027-03-01T08:00:00.500Z", "2027-03-01T20:00:00.000Z")).toEqual([
      'platform:tiers.web.scaling.scheduled[0].startTime = "2027-03-01T08:00:00.500Z" has a fraction of a second: expected whole seconds, e.g. "2026-11-27T06:00:00Z" (AWS keeps whole seconds and the provider reads the time back without the fraction, so it would differ on every preview)',
      'platform:tiers.web.scaling.scheduled[0].endTime = "2027-03-01T20:00:00.000Z" has a fraction of a second: expected whole seconds, e.g. "2026-11-28T06:00:00Z" (AWS keeps whole seconds and the provider reads the time back without the fraction, so it would differ on every preview)',
    ]);
    expect(at("2027-03-01T08:00+01:00")).toEqual([
      'platform:tiers.web.scaling.scheduled[0].startTime = "2027-03-01T08:00+01:00" expected an ISO 8601 UTC time to the second, e.g. "2026-11-27T06:00:00Z"',
    ]);
  });

  test("recurring actions have no start time to expire", () => {
    expect(
      problemsAt(
        "2030-01-01T00:00:00Z",
        scheduled([{ name: "nightly", recurrence: "0 2 * * *", minSize: 2 }]),
      ),
    ).toEqual([]);
  });
});

describe("the config clock", () => {
  test(`${NOW_ENV} fixes now; unset, it is the real clock; anything but a time is refused`, () => {
    expect(configNow({ [NOW_ENV]: "2026-11-23T00:00:00Z" }).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    const before = Date.now();
    const now = configNow({}).getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    expect(() => configNow({ [NOW_ENV]: "next tuesday" })).toThrow(
      'PLATFORM_NOW = "next tuesday" is not a time: expected an ISO 8601 time, e.g. "2026-11-23T00:00:00Z", or leave it unset',
    );
  });

  test("tests run as of 2026-11-23 (jest.config.js), whatever the machine's date", () => {
    expect(process.env[NOW_ENV]).toBe("2026-11-23T00:00:00Z");
  });
});

describe("overlapping schedules", () => {
  const businessHours = [
    { name: "business-hours-start", recurrence: "0 8 * * MON-FRI", timeZone: "America/New_York", minSize: 4 },
    { name: "business-hours-end", recurrence: "0 20 * * MON-FRI", timeZone: "America/New_York", minSize: 2 },
  ];
  const blackFriday = (startTime: string, endTime: string, sizes: object = { minSize: 6, maxSize: 10 }) => ({
    name: "black-friday",
    startTime,
    endTime,
    ...sizes,
  });

  test("the old black-friday window (a whole UTC day) is refused: both weekday actions fire inside it and set minSize", () => {
    const tail =
      "and both set minSize: expected no recurring action to change a size a one-off action sets inside its window (AWS applies whichever ran last and restores nothing at endTime); move the window or the recurrence, or set different sizes";
    const window =
      "inside the window of platform:tiers.web.scaling.scheduled[2] (black-friday, 2026-11-27T05:00:00Z to 2026-11-28T05:00:00Z),";
    expect(
      problemsAt(
        "2026-11-23T00:00:00Z",
        scheduled([...businessHours, blackFriday("2026-11-27T05:00:00Z", "2026-11-28T05:00:00Z")]),
      ),
    ).toEqual([
      `platform:tiers.web.scaling.scheduled[0].recurrence = "0 8 * * MON-FRI" (business-hours-start, America/New_York) fires at 2026-11-27T13:00:00Z, ${window} ${tail}`,
      `platform:tiers.web.scaling.scheduled[1].recurrence = "0 20 * * MON-FRI" (business-hours-end, America/New_York) fires at 2026-11-28T01:00:00Z, ${window} ${tail}`,
    ]);
  });

  test("the primary's window, between the weekday actions, its end on business-hours-end; a one-off without endTime, or setting other sizes, has no window to guard", () => {
    expect(problemsAt("2026-11-23T00:00:00Z")).toEqual([]);
    expect(
      problemsAt(
        "2026-11-23T00:00:00Z",
        scheduled([
          ...businessHours,
          { name: "black-friday", startTime: "2026-11-27T05:00:00Z", minSize: 6 },
        ]),
      ),
    ).toEqual([]);
    expect(
      problemsAt(
        "2026-11-23T00:00:00Z",
        scheduled([
          ...businessHours,
          blackFriday("2026-11-27T05:00:00Z", "2026-11-28T05:00:00Z", { maxSize: 10 }),
        ]),
      ),
    ).toEqual([]);
  });

  test("occurrences are computed in the action's time zone, daylight saving time included", () => {
    // 08:00 in Dublin is 07:00 UTC in July (IST), 08:00 UTC in January (GMT).
    const daily = { name: "daily", recurrence: "0 8 * * *", timeZone: "Europe/Dublin", minSize: 3 };
    const at = (start: string, end: string) =>
      problemsAt("2026-11-23T00:00:00Z", scheduled([daily, blackFriday(start, end, { minSize: 5 })])).length;
    expect(at("2027-07-01T06:30:00Z", "2027-07-01T07:30:00Z")).toBe(1);
    expect(at("2027-07-01T07:30:00Z", "2027-07-01T08:30:00Z")).toBe(0);
    expect(at("2027-01-04T07:30:00Z", "2027-01-04T08:30:00Z")).toBe(1);
  });
});

describe("scheduled actions and the posture", () => {
  const oldSecondary = [
    { name: "business-hours-start", recurrence: "0 8 * * MON-FRI", timeZone: "Europe/Dublin", minSize: 2 },
    { name: "business-hours-end", recurrence: "0 20 * * MON-FRI", timeZone: "Europe/Dublin", minSize: 1 },
  ];

  test("warm-standby: the secondary's old business hours (minSize 2 over a floor of 1) are refused; minSize 1 is the floor", () => {
    expect(problemsAt("2026-11-23T00:00:00Z", scheduled(oldSecondary, "eu-west-1"), "eu-west-1")).toEqual([
      "platform:tiers.web.scaling.scheduled[0].minSize = 2 (business-hours-start) is above the warm-standby floor of 1: " +
        'a standby region runs at most its posture\'s floor (platform:posture = "warm-standby"); expected at most 1, or the action only once the region is active',
    ]);
  });

  test("pilot-light: any floor or desired capacity is refused; active: none; maxSize is never limited", () => {
    const pilot = { ...scheduled(oldSecondary, "eu-west-1"), "platform:posture": "pilot-light" };
    expect(problemsAt("2026-11-23T00:00:00Z", pilot, "eu-west-1").map((p) => p.split(": ")[0])).toEqual([
      "platform:tiers.web.scaling.scheduled[0].minSize = 2 (business-hours-start) is above the pilot-light floor of 0",
      "platform:tiers.web.scaling.scheduled[1].minSize = 1 (business-hours-end) is above the pilot-light floor of 0",
    ]);
    const active = { ...scheduled(oldSecondary, "eu-west-1"), "platform:posture": "active" };
    expect(problemsAt("2026-11-23T00:00:00Z", active, "eu-west-1")).toEqual([]);
    const burst = scheduled(
      [{ name: "burst", recurrence: "0 8 * * *", maxSize: 20, desiredCapacity: 1 }],
      "eu-west-1",
    );
    expect(problemsAt("2026-11-23T00:00:00Z", burst, "eu-west-1")).toEqual([]);
    const desired = scheduled([{ name: "burst", recurrence: "0 8 * * *", desiredCapacity: 3 }], "eu-west-1");
    expect(problemsAt("2026-11-23T00:00:00Z", desired, "eu-west-1")).toEqual([
      'platform:tiers.web.scaling.scheduled[0].desiredCapacity = 3 (burst) is above the warm-standby floor of 1: a standby region runs at most its posture\'s floor (platform:posture = "warm-standby"); expected at most 1, or the action only once the region is active',
    ]);
  });
});

describe("time zones", () => {
  test("a name no time zone database knows is refused", () => {
    expect(
      problemsAt(
        "2026-11-23T00:00:00Z",
        scheduled([{ name: "x", recurrence: "0 8 * * *", timeZone: "Europe/Atlantis", minSize: 2 }]),
      ),
    ).toEqual([
      'platform:tiers.web.scaling.scheduled[0].timeZone = "Europe/Atlantis" is not a time zone: expected an IANA time zone name, e.g. "America/New_York" or "UTC"',
    ]);
  });
});
