import { capacityFor } from "../../stacks/posture";

describe("capacityFor", () => {
  const web = { minSize: 2, maxSize: 10 };
  test("active runs the configured floor and desired capacity", () => {
    expect(capacityFor(web, "active")).toEqual({ min: 2, max: 10, desired: 2 });
    expect(capacityFor({ ...web, desiredCapacity: 4 }, "active")).toEqual({ min: 2, max: 10, desired: 4 });
  });
  test("warm-standby keeps one instance per tier and the full maximum", () => {
    expect(capacityFor(web, "warm-standby")).toEqual({ min: 1, max: 10, desired: 1 });
    expect(capacityFor({ minSize: 0, maxSize: 5 }, "warm-standby")).toEqual({ min: 0, max: 5, desired: 0 });
  });
  test("pilot-light runs no instances but keeps the maximum", () => {
    expect(capacityFor(web, "pilot-light")).toEqual({ min: 0, max: 10, desired: 0 });
  });
});
