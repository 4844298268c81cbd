/** Scheduled actions in config: dated one-off actions, overlaps and the posture's floor. */
import { ConfigError, validateStackConfig } from "../../src/config";
import { configNow, NOW_ENV } from "../../src/config/clock";
import { stackValues, withOverrides } from "../helpers/config";

type Stack = "us-east-1" | "eu-west-1";
/** The problems of a stack file with some keys replaced, validated as of `now`; [] when valid. */
function problemsAt(
  now: string,
  overrides: Record<string, unknown> = {},
  stack: Stack = "us-east-1",
): readonly string[] {
  try {
    validateStackConfig({ ...withOverrides(stack, overrides), now: new Date(now) });
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
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
    expect(problemsAt("2026-11-27T04:59:59Z")).toEqual([]);
    const refused =
      'platform:tiers.web.scaling.scheduled[2].startTime = "2026-11-27T05:00:00Z" is not in the future (now is 2026-11-27T05:00:00Z): ' +
      'AWS refuses a one-off action in the past and deletes one after it ran; expected a later time, or remove the action "black-friday" from the stack file once it has run';
    expect(problemsAt("2026-11-27T05:00:00Z")).toEqual([refused]);
    expect(problemsAt("2026-12-01T09:30:00.250Z")).toEqual([
      refused.replace("now is 2026-11-27T05:00:00Z", "now is 2026-12-01T09:30:00Z"),
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
