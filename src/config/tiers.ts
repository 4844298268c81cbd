/**
 * Config of the web and app tiers (`platform:tiers`); the checks across a tier's keys are in
 * `rules/tiers.ts`.
 * Defaults (src/config/defaults.ts): web 2-10 instances, app 2-15.
 */
import { z } from "zod";
import { quotedList as list, wholeNumber } from "./messages";
import {
  PREDICTIVE_SCALING_DEFAULTS,
  SCHEDULED_ACTION_DEFAULTS,
  STEP_SCALING_DEFAULTS,
  TIER_DEFAULTS,
  WARM_POOL_DEFAULTS,
  type TierDefaults,
} from "./defaults";

export { DEFAULT_AMI_PARAMETER, TIER_DEFAULTS, type TierDefaults } from "./defaults";

/** Instance families the platform accepts, by CPU architecture. */
export const X86_FAMILIES = [
  "t3",
  "t3a",
  "m5",
  "m5a",
  "m5n",
  "m6i",
  "m6a",
  "m7i",
  "m7a",
  "c5",
  "c5a",
  "c6i",
  "c6a",
  "c7i",
  "c7a",
  "r5",
  "r5a",
  "r6i",
  "r6a",
  "r7i",
  "r7a",
] as const;
export const ARM_FAMILIES = ["t4g", "m6g", "m7g", "m8g", "c6g", "c7g", "c8g", "r6g", "r7g", "r8g"] as const;
/** Every instance family the platform accepts. */
export const INSTANCE_FAMILIES: readonly string[] = [...X86_FAMILIES, ...ARM_FAMILIES];
const SIZE_RE = /^(nano|micro|small|medium|large|metal|\d{0,2}xlarge)$/;

/** The family of "m7i.large" ("m7i"), or undefined when the text is not a known instance type. */
export function instanceFamily(type: string): string | undefined {
  const [family, size, extra] = type.split(".");
  return extra === undefined && INSTANCE_FAMILIES.includes(family) && SIZE_RE.test(size ?? "")
    ? family
    : undefined;
}

export const isArm = (type: string) => (ARM_FAMILIES as readonly string[]).includes(type.split(".")[0]);

export const POSTURES = ["active", "warm-standby", "pilot-light"] as const;
export type Posture = (typeof POSTURES)[number];
export const PREDICTIVE_MODES = ["ForecastOnly", "ForecastAndScale"] as const;
const WARM_POOL_STATES = ["Stopped", "Hibernated", "Running"] as const;

const count = (what: string, min: number, max: number) =>
  wholeNumber(what, min, max, `expected a whole number of ${what} from ${min} to ${max}`);
const percent = (what: string, min = 1) =>
  z
    .number({ error: `expected ${what} from ${min} to 100` })
    .min(min, { error: `is out of range: expected ${what} from ${min} to 100` })
    .max(100, { error: `is out of range: expected ${what} from ${min} to 100` });

/**
 * A scheduled action's time: ISO 8601 in UTC, to the whole second. AWS takes the time as
 * `YYYY-MM-DDThh:mm:ssZ` (PutScheduledUpdateGroupAction StartTime) and the provider reads it back
 * in that layout (`2006-01-02T15:04:05Z`, terraform-provider-aws schedule.go), so a fraction of a
 * second would differ from the state on every preview.
 */
const utcSeconds = (example: string) =>
  z.iso.datetime({
    precision: 0,
    error: (issue) =>
      typeof issue.input === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/.test(issue.input)
        ? `has a fraction of a second: expected whole seconds, e.g. "${example}" (AWS keeps whole seconds and the provider reads the time back without the fraction, so it would differ on every preview)`
        : `expected an ISO 8601 UTC time to the second, e.g. "${example}"`,
  });

const scheduledActionSchema = z.strictObject(
  {
    name: z
      .string({ error: "expected a name" })
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
        error: "is not a valid action name: expected lower-case letters, digits and '-'",
      })
      .meta({ description: "The action's name, unique in the tier." }),
    recurrence: z
      .string({ error: "expected a cron expression" })
      .regex(/^(\S+\s+){4}\S+$/, {
        error: 'is not a cron expression: expected five fields, e.g. "0 8 * * MON-FRI"',
      })
      .optional()
      .meta({
        description:
          "A repeating action: a cron expression of five fields in `timeZone`, e.g. `0 8 * * MON-FRI`. Exactly one of `recurrence` and `startTime`.",
      }),
    startTime: utcSeconds("2026-11-27T06:00:00Z").optional().meta({
      description:
        "A one-off action: when it runs, in UTC. Must be in the future: AWS refuses a past time and deletes the action once it ran, so remove it from the stack file then. Exactly one of `recurrence` and `startTime`.",
    }),
    endTime: utcSeconds("2026-11-28T06:00:00Z").optional().meta({
      description:
        "In UTC. On a recurring action: when it stops recurring. On a one-off action: the end of its window, inside which no recurring action of the tier may change a size it sets (AWS restores nothing at that time: the next action that sets the size does).",
    }),
    timeZone: z
      .string({ error: 'expected an IANA time zone, e.g. "America/New_York"' })
      .default(SCHEDULED_ACTION_DEFAULTS.timeZone)
      .meta({
        description:
          "The IANA time zone of `recurrence`, e.g. `America/New_York`. Not sent with a one-off action: AWS applies it to the cron expression only, and `startTime` is UTC.",
      }),
    minSize: count("instances", 0, 1000)
      .optional()
      .meta({ description: "The tier's `minSize` from then on; left out, it stays unchanged." }),
    maxSize: count("instances", 0, 1000)
      .optional()
      .meta({ description: "The tier's `maxSize` from then on; left out, it stays unchanged." }),
    desiredCapacity: count("instances", 0, 1000)
      .optional()
      .meta({ description: "The tier's desired capacity then; left out, it stays unchanged." }),
  },
  { error: "expected an object with name, recurrence or startTime, and minSize/maxSize/desiredCapacity" },
);

function tierSchema(d: TierDefaults) {
  return z.strictObject(
    {
      minSize: count("instances", 0, 1000)
        .default(d.minSize)
        .meta({ description: "The fewest instances (the posture may lower the floor in a standby region)." }),
      maxSize: count("instances", 1, 1000)
        .default(d.maxSize)
        .meta({ description: "The most instances, at least `minSize`. The posture never changes it." }),
      desiredCapacity: count("instances", 0, 1000).optional().meta({
        description:
          "Instances at creation only (scaling policies own it afterwards); from `minSize` to `maxSize`.",
        defaultText: "`minSize`",
      }),
      instanceTypes: z
        .array(z.string({ error: 'expected an instance type such as "m7i.large"' }), {
          error: "expected a list of instance types",
        })
        .min(1, { error: "is empty: expected at least one instance type" })
        .max(20, { error: "has more than 20 types: expected 1 to 20 (an Auto Scaling limit)" })
        .default(() => [...d.instanceTypes])
        .meta({
          description:
            "Instance types of the known families (`src/config/tiers.ts`), all of the AMI's architecture; more than one makes a mixed-instances group.",
        }),
      amiParameter: z
        .string({ error: "expected an SSM parameter name" })
        .regex(/^\/[A-Za-z0-9_.\-/]+$/, {
          error: 'is not an SSM parameter name: expected a path such as "/aws/service/..."',
        })
        .default(d.amiParameter)
        .meta({
          description:
            "The SSM parameter holding the AMI, resolved at deploy time (`resolve:ssm:`). A name ending in `arm64` means Graviton instance types.",
        }),
      onDemandBaseCapacity: count("on-demand instances", 0, 1000)
        .default(d.onDemandBaseCapacity)
        .meta({ description: "On-demand instances before any Spot." }),
      spotPercentage: percent("a Spot percentage above the on-demand base", 0)
        .default(d.spotPercentage)
        .meta({
          description: "The share of instances above the on-demand base on Spot (price-capacity-optimized).",
        }),
      port: count("a port", 1, 65535).default(d.port).meta({ description: "The instances' traffic port." }),
      healthCheckPath: z
        .string({ error: "expected an HTTP path" })
        .regex(/^\/[\w\-./]*$/, { error: 'is not an HTTP path: expected one starting with "/"' })
        .default(d.healthCheckPath)
        .meta({ description: "The target group's health check path." }),
      healthCheckGracePeriodSeconds: count("seconds", 0, 7200)
        .default(d.healthCheckGracePeriodSeconds)
        .meta({ description: "Seconds after launch before failing health checks replace an instance." }),
      deregistrationDelaySeconds: count("seconds", 0, 3600)
        .default(d.deregistrationDelaySeconds)
        .meta({ description: "Seconds the load balancer drains a deregistering instance." }),
      instanceWarmupSeconds: count("seconds", 0, 3600).default(d.instanceWarmupSeconds).meta({
        description: "The group's default instance warm-up and the scaling policies' estimated warm-up.",
      }),
      cooldownSeconds: count("seconds", 0, 3600)
        .default(d.cooldownSeconds)
        .meta({ description: "The group's default cooldown, in seconds." }),
      minHealthyPercentage: percent("a minimum healthy percentage", 0)
        .default(d.minHealthyPercentage)
        .meta({ description: "The healthy share an instance refresh (rolling) keeps." }),
      userDataFile: z.string({ error: "expected a file path relative to the project root" }).optional().meta({
        description:
          "The instances' user data: a file relative to the project root (`stacks/userdata/web.sh`).",
      }),
      managedPolicyArns: z
        .array(
          z.string().regex(/^arn:aws:iam::(aws|\d{12}):policy\/.+$/, { error: "is not an IAM policy ARN" }),
          {
            error: "expected a list of IAM policy ARNs",
          },
        )
        .default(() => [...d.managedPolicyArns])
        .meta({
          description:
            "IAM policies added to the instance role, which otherwise has `AmazonSSMManagedInstanceCore` and nothing else.",
        }),
      warmPool: z
        .strictObject(
          {
            minSize: count("instances", 0, 1000)
              .default(WARM_POOL_DEFAULTS.minSize)
              .meta({ description: "Pre-initialized instances the pool keeps." }),
            state: z
              .enum(WARM_POOL_STATES, {
                error: `is not a warm pool state: expected one of ${list(WARM_POOL_STATES)}`,
              })
              .default(WARM_POOL_DEFAULTS.state)
              .meta({ description: "The state pooled instances wait in." }),
          },
          { error: "expected an object with minSize and state" },
        )
        .optional()
        .meta({
          description:
            "A warm pool of pre-initialized instances. AWS rejects warm pools on mixed-instances groups: only with `spotPercentage` 0 and one instance type.",
        }),
      scaling: z
        .strictObject(
          {
            cpuTarget: percent("a CPU utilisation target in percent").default(d.cpuTarget).meta({
              description: "Target tracking on average CPU, in percent (also the predictive target).",
            }),
            requestsPerTarget: count("requests per target", 0, 1_000_000).default(d.requestsPerTarget).meta({
              description: "Target tracking on load balancer requests per target; `0` disables it.",
            }),
            step: z
              .strictObject(
                {
                  enabled: z
                    .boolean({ error: "expected true or false" })
                    .default(STEP_SCALING_DEFAULTS.enabled)
                    .meta({ description: "Whether the step scaling policies exist." }),
                  scaleOutAt: percent("a CPU percentage").default(STEP_SCALING_DEFAULTS.scaleOutAt).meta({
                    description:
                      "CPU percentage from which the tier adds 1 instance; above `cpuTarget`, or the two policies fight.",
                  }),
                  scaleOutFastAt: percent("a CPU percentage")
                    .default(STEP_SCALING_DEFAULTS.scaleOutFastAt)
                    .meta({ description: "CPU percentage from which it adds 2; above `scaleOutAt`." }),
                },
                { error: "expected an object with enabled, scaleOutAt, scaleOutFastAt" },
              )
              .prefault({})
              .meta({
                description:
                  "Step scaling on CPU, a burst response above the target-tracking target. It only scales out: scale-in is target tracking's.",
              }),
            predictive: z
              .strictObject(
                {
                  enabled: z
                    .boolean({ error: "expected true or false" })
                    .default(PREDICTIVE_SCALING_DEFAULTS.enabled)
                    .meta({ description: "Whether the predictive scaling policy exists." }),
                  mode: z
                    .enum(PREDICTIVE_MODES, {
                      error: `is not a predictive scaling mode: expected one of ${list(PREDICTIVE_MODES)}`,
                    })
                    .default(PREDICTIVE_SCALING_DEFAULTS.mode)
                    .meta({
                      description:
                        "`ForecastOnly` (start here: forecasts need 24 h of history) or `ForecastAndScale`, which never scales in (target tracking does).",
                    }),
                },
                { error: "expected an object with enabled and mode" },
              )
              .prefault({})
              .meta({ description: "Predictive scaling on CPU." }),
            scheduled: z
              .array(scheduledActionSchema, { error: "expected a list of scheduled actions" })
              .default([])
              .meta({
                description:
                  "Scheduled changes of the tier's sizes: repeating (`recurrence`) or one-off (`startTime`). Editing an action replaces it (its AWS name carries a digest of its settings), because updating one after its first run fails: the provider resends the start time AWS computed.",
              }),
          },
          { error: "expected an object with cpuTarget, requestsPerTarget, step, predictive, scheduled" },
        )
        .prefault({})
        .meta({ description: "The tier's scaling policies." }),
    },
    { error: "expected an object of tier settings (see docs/config.md)" },
  );
}

export const tiersSchema = z
  .strictObject(
    {
      web: tierSchema(TIER_DEFAULTS.web)
        .prefault({})
        .meta({ description: "The web tier, behind the public load balancer." }),
      app: tierSchema(TIER_DEFAULTS.app)
        .prefault({})
        .meta({ description: "The app tier, behind the internal load balancer." }),
    },
    { error: "expected an object with web and app" },
  )
  .prefault({});

export type TierConfig = z.output<ReturnType<typeof tierSchema>>;
export type TiersConfig = z.output<typeof tiersSchema>;
