import { readFileSync } from "node:fs";
import { join } from "node:path";
import { logGroupRetentionFloor } from "../../../policies/observability/log-group-retention-floor";
import { requiredTags, TAGGABLE_TYPES } from "../../../policies/observability/required-tags";
import { check, res, urnOf } from "../../helpers/policy";
import { realPlans } from "../../helpers/plans";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ASG = "aws:autoscaling/group:Group";
const ROUTE = "aws:ec2/route:Route";
const TAGS = { owner: "platform-team", "cost-center": "cc-1", environment: "prod" };

describe("observability-log-group-retention-floor", () => {
  test("compliant: a year or more", async () => {
    expect(await check(logGroupRetentionFloor, [res(LOG_GROUP, "lg", { retentionInDays: 365 })])).toEqual([]);
  });
  test("non-compliant: a day", async () => {
    const v = await check(logGroupRetentionFloor, [res(LOG_GROUP, "lg", { retentionInDays: 1 })]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [urnOf(LOG_GROUP, "lg"), "The log group keeps its events 1 days: set retentionInDays to at least 365."],
    ]);
  });
});

describe("observability-required-tags", () => {
  test("compliant: a map and an Auto Scaling group's list; an untaggable type is not judged", async () => {
    const v = await check(requiredTags, [
      res(LOG_GROUP, "lg", { tags: TAGS }),
      res(ASG, "asg", {
        tags: Object.entries(TAGS).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      }),
      res(ROUTE, "r", {}),
    ]);
    expect(v).toEqual([]);
  });
  test("non-compliant: missing cost-center and environment", async () => {
    const v = await check(requiredTags, [res(LOG_GROUP, "lg", { tags: { owner: "x" } })]);
    expect(v.map((x) => [x.urn, x.message])).toEqual([
      [
        urnOf(LOG_GROUP, "lg"),
        '"lg" (aws:cloudwatch/logGroup:LogGroup) lacks the tags cost-center, environment: set them (platform:tags, platform:environment).',
      ],
    ]);
  });
  test("lists every AWS type of the real plans whose provider Args take tags", async () => {
    const types = new Set(
      (await realPlans()).flatMap((p) =>
        p.resources.filter((r) => r.custom && r.type.startsWith("aws:")).map((r) => r.type),
      ),
    );
    const taggable = [...types].filter((t) => {
      const m = /^aws:([a-z0-9]+)\/([A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(t);
      if (!m) return false;
      const src = readFileSync(
        join(__dirname, "../../../node_modules/@pulumi/aws", m[1], `${m[2]}.d.ts`),
        "utf8",
      );
      const start = src.indexOf(`export interface ${m[3]}Args`);
      return /\n\s+tags\?:/.test(src.slice(start, src.indexOf("\n}", start)));
    });
    expect(taggable.filter((t) => !TAGGABLE_TYPES.includes(t))).toEqual([]);
  });
});
