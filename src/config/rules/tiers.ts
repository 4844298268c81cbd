/** Rules within one tier (`platform:tiers.<tier>`): sizes, instance types, warm pool, scaling. */
import {
  DEFAULT_POSTURE,
  SCHEDULED_ACTION_DEFAULTS,
  STEP_SCALING_DEFAULTS,
  TIER_DEFAULTS,
} from "../defaults";
import { showTime } from "../clock";
import { firstOccurrence, isTimeZone, parseCron } from "../cron";
import { show } from "../messages";
import { list, numberOr, type RawStack } from "../raw";
import { forEach, type RuleTable } from "../rule-table";
import { INSTANCE_FAMILIES, instanceFamily, isArm } from "../tiers";

const TIER_NAMES = ["web", "app"] as const;

/** One tier as given, with every value a rule reads and the tier's defaults for those left out. */
interface Tier {
  readonly name: (typeof TIER_NAMES)[number];
  readonly tier: Record<string, unknown>;
  readonly min: number;
  readonly max: number;
  /** `instanceTypes` as given (any elements), or the tier's default list. */
  readonly types: readonly unknown[];
  readonly ami: string;
  readonly spot: number;
  /** `scaling.step` as given, its defaults for what is left out. */
  readonly step: { readonly enabled: unknown; readonly outAt: number; readonly fastAt: number };
  /** `scaling.cpuTarget`, or the tier's default. */
  readonly cpuTarget: number;
  readonly scaling: Record<string, unknown>;
  /** The time dated settings are checked against. */
  readonly now: Date;
  /**
   * The floor the region's posture allows scheduled actions to set (stacks/posture.ts):
   * warm-standby at most one instance, pilot-light none; undefined when active (no limit).
   */
  readonly standby?: { readonly posture: string; readonly floor: number };
}

/** The sizes a scheduled action can set. */
const SIZES = ["minSize", "maxSize", "desiredCapacity"] as const;

/**
 * A secondary's posture as given, or its default. None for the primary: it must be active, and
 * its own rule says so.
 */
function standbyFloor(s: RawStack, min: number): Tier["standby"] {
  if (s.input.role !== "secondary") return undefined;
  const posture = s.input.posture ?? DEFAULT_POSTURE.secondary;
  if (posture === "warm-standby") return { posture, floor: Math.min(1, min) };
  if (posture === "pilot-light") return { posture, floor: 0 };
  return undefined;
}

const objectOr = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};

/** Every tier given as an object (a list counts, as it always has: every value then defaults). */
function tiers(s: RawStack): Tier[] {
  const all = s.input.tiers;
  if (typeof all !== "object" || all === null) return [];
  return TIER_NAMES.flatMap((name) => {
    const t = (all as Record<string, unknown>)[name];
    if (typeof t !== "object" || t === null) return [];
    const tier = t as Record<string, unknown>;
    const d = TIER_DEFAULTS[name];
    const scaling = objectOr(tier.scaling);
    const step = objectOr(scaling.step);
    return [
      {
        name,
        tier,
        min: numberOr(tier.minSize, d.minSize),
        max: numberOr(tier.maxSize, d.maxSize),
        types: Array.isArray(tier.instanceTypes) ? (tier.instanceTypes as unknown[]) : [...d.instanceTypes],
        ami: typeof tier.amiParameter === "string" ? tier.amiParameter : d.amiParameter,
        spot: numberOr(tier.spotPercentage, d.spotPercentage),
        step: {
          enabled: step.enabled ?? STEP_SCALING_DEFAULTS.enabled,
          outAt: numberOr(step.scaleOutAt, STEP_SCALING_DEFAULTS.scaleOutAt),
          fastAt: numberOr(step.scaleOutFastAt, STEP_SCALING_DEFAULTS.scaleOutFastAt),
        },
        cpuTarget: numberOr(scaling.cpuTarget, d.cpuTarget),
        scaling,
        now: s.now,
        standby: standbyFloor(s, numberOr(tier.minSize, d.minSize)),
      },
    ];
  });
}

const key = (t: Tier, k: string) => `platform:tiers.${t.name}.${k}`;
const amiIsArm = (t: Tier) => t.ami.endsWith("arm64");
/** The known instance types of the tier whose architecture differs from the AMI's. */
const wrongArchitecture = (t: Tier) =>
  t.types.filter(
    (x): x is string => typeof x === "string" && instanceFamily(x) !== undefined && isArm(x) !== amiIsArm(t),
  );

/** One scheduled action given as an object. */
interface Action {
  readonly tier: Tier;
  readonly action: Record<string, unknown>;
  readonly i: number;
}

/** A recurring action that fires inside a one-off action's window and sets a size the one-off sets. */
interface Overlap {
  readonly tier: Tier;
  readonly recurring: Action;
  readonly oneOff: Action;
  /** The sizes both set. */
  readonly sizes: readonly string[];
  /** The recurring action's first occurrence inside the window, if any. */
  readonly at: Date | undefined;
}

const actionsOf = (t: Tier): Action[] =>
  list(t.scaling.scheduled).flatMap((a, i) =>
    typeof a === "object" && a !== null ? [{ tier: t, action: a as Record<string, unknown>, i }] : [],
  );
const dateOf = (v: unknown): Date | undefined =>
  typeof v === "string" && !Number.isNaN(Date.parse(v)) ? new Date(v) : undefined;
const zoneOf = (a: Action): unknown => a.action.timeZone ?? SCHEDULED_ACTION_DEFAULTS.timeZone;
const setSizes = (a: Action) => SIZES.filter((k) => typeof a.action[k] === "number");

/**
 * Every pair of a one-off action with a window (`startTime` to `endTime`) and a recurring action
 * of the same tier that set a common size, with the recurring action's first occurrence in the
 * window (pairs whose cron expression or time zone cannot be read are left out).
 */
function overlaps(t: Tier): Overlap[] {
  const all = actionsOf(t);
  return all.flatMap((oneOff) => {
    const [start, end] = [dateOf(oneOff.action.startTime), dateOf(oneOff.action.endTime)];
    if (oneOff.action.recurrence !== undefined || !start || !end || end <= start) return [];
    return all.flatMap((recurring) => {
      const expr = recurring.action.recurrence;
      const zone = zoneOf(recurring);
      const cron = typeof expr === "string" ? parseCron(expr) : undefined;
      if (!cron || typeof zone !== "string" || !isTimeZone(zone)) return [];
      const sizes = setSizes(oneOff).filter((k) => setSizes(recurring).includes(k));
      if (sizes.length === 0) return [];
      return [{ tier: t, recurring, oneOff, sizes, at: firstOccurrence(cron, zone, start, end) }];
    });
  });
}

const TIER_RULES: RuleTable<Tier> = [
  {
    name: "a tier's maxSize is at least its minSize",
    reads: ["platform:tiers.<tier>.minSize", "platform:tiers.<tier>.maxSize"],
    fails: (t) => t.max < t.min,
    message: (t) =>
      `${key(t, "maxSize")} = ${t.max} is below ${key(t, "minSize")} = ${t.min}: expected maxSize >= minSize`,
  },
  {
    name: "a tier's desiredCapacity is between its minSize and maxSize",
    reads: [
      "platform:tiers.<tier>.desiredCapacity",
      "platform:tiers.<tier>.minSize",
      "platform:tiers.<tier>.maxSize",
    ],
    when: (t) => typeof t.tier.desiredCapacity === "number",
    fails: (t) => (t.tier.desiredCapacity as number) < t.min || (t.tier.desiredCapacity as number) > t.max,
    message: (t) =>
      `${key(t, "desiredCapacity")} = ${t.tier.desiredCapacity as number} is outside ${t.min}..${t.max}: expected minSize <= desiredCapacity <= maxSize`,
  },
  forEach("each instance type", (t: Tier) => t.types.map((type, i) => ({ t, type, i })), [
    {
      name: "instance types are of known families",
      reads: ["platform:tiers.<tier>.instanceTypes[i]"],
      when: ({ type }) => typeof type === "string",
      fails: ({ type }) => instanceFamily(type as string) === undefined,
      message: ({ t, type, i }) =>
        `${key(t, `instanceTypes[${i}]`)} = ${show(type)} is not a known instance type: expected "<family>.<size>" ` +
        `with a family among ${INSTANCE_FAMILIES.join(", ")}`,
    },
  ]),
  {
    name: "a tier's instance types are of its AMI's architecture",
    reads: ["platform:tiers.<tier>.instanceTypes", "platform:tiers.<tier>.amiParameter"],
    fails: (t) => wrongArchitecture(t).length > 0,
    message: (t) =>
      `${key(t, "instanceTypes")} = ${show(t.types)} mixes architectures with ${key(t, "amiParameter")} = ${show(t.ami)}: ` +
      `expected only ${amiIsArm(t) ? "Graviton (arm64)" : "x86_64"} types for that AMI (${wrongArchitecture(t).join(", ")} are not)`,
  },
  {
    name: "a warm pool only on a tier with no Spot and one instance type",
    reads: [
      "platform:tiers.<tier>.warmPool",
      "platform:tiers.<tier>.spotPercentage",
      "platform:tiers.<tier>.instanceTypes",
    ],
    when: (t) => t.tier.warmPool !== undefined,
    fails: (t) => t.spot > 0 || t.types.length > 1,
    message: (t) =>
      `${key(t, "warmPool")} = ${show(t.tier.warmPool)} is not allowed with ${key(t, "spotPercentage")} = ${t.spot} and ` +
      `${t.types.length} instance types: AWS rejects warm pools on groups with Spot or a mixed instances policy; ` +
      `expected spotPercentage 0 and one instance type, or no warmPool`,
  },
  {
    name: "step scaling thresholds are in order",
    reads: ["platform:tiers.<tier>.scaling.step"],
    fails: ({ step }) => !(step.outAt < step.fastAt),
    message: (t) =>
      `${key(t, "scaling.step")} = {scaleOutAt: ${t.step.outAt}, scaleOutFastAt: ${t.step.fastAt}} ` +
      `is out of order: expected scaleOutAt < scaleOutFastAt`,
  },
  {
    // AWS (PutScalingPolicy, "multiple scaling policies"): conflicts between target tracking and
    // step scaling on one metric "can cause undesirable behavior": below the target, step scaling
    // adds instances that target tracking then removes.
    name: "step scaling starts above the CPU target",
    reads: ["platform:tiers.<tier>.scaling.step.scaleOutAt", "platform:tiers.<tier>.scaling.cpuTarget"],
    // Only on a valid target: an out-of-range one is reported by the schema.
    when: (t) => t.step.enabled !== false && t.cpuTarget >= 1 && t.cpuTarget <= 100,
    fails: (t) => t.step.outAt <= t.cpuTarget,
    message: (t) =>
      `${key(t, "scaling.step.scaleOutAt")} = ${t.step.outAt} is at or below ${key(t, "scaling.cpuTarget")} = ${t.cpuTarget}: ` +
      `step scaling below the target-tracking target fights it (step adds instances that target tracking then removes); ` +
      `expected scaleOutAt above cpuTarget, or step.enabled: false`,
  },
  forEach("each scheduled action", actionsOf, [
    {
      name: "a scheduled action has exactly one of recurrence and startTime",
      reads: ["platform:tiers.<tier>.scaling.scheduled[i]"],
      fails: ({ action: a }) => (a.recurrence === undefined) === (a.startTime === undefined),
      message: (a) =>
        `${key(a.tier, `scaling.scheduled[${a.i}]`)} = ${show(a.action)} needs exactly one of recurrence (repeating) or startTime (one-off): expected one`,
    },
    {
      name: "a scheduled action changes a size",
      reads: ["platform:tiers.<tier>.scaling.scheduled[i]"],
      fails: ({ action: a }) =>
        a.minSize === undefined && a.maxSize === undefined && a.desiredCapacity === undefined,
      message: (a) =>
        `${key(a.tier, `scaling.scheduled[${a.i}]`)} = ${show(a.action)} changes nothing: expected at least one of minSize, maxSize, desiredCapacity`,
    },
    {
      // PutScheduledUpdateGroupAction: "If you try to schedule your action in the past, Amazon EC2
      // Auto Scaling returns an error message"; and AWS deletes a one-off action once it ran, so
      // a refresh drops it from the state and the next `pulumi up` would try to create it again.
      name: "a one-off scheduled action starts in the future",
      reads: ["platform:tiers.<tier>.scaling.scheduled[i].startTime"],
      when: ({ action: a }) => typeof a.startTime === "string" && !Number.isNaN(Date.parse(a.startTime)),
      fails: (a) => Date.parse(a.action.startTime as string) <= a.tier.now.getTime(),
      message: (a) =>
        `${key(a.tier, `scaling.scheduled[${a.i}].startTime`)} = ${show(a.action.startTime)} is not in the future (now is ${showTime(a.tier.now)}): ` +
        `AWS refuses a one-off action in the past and deletes one after it ran; expected a later time, or remove the action "${String(a.action.name)}" from the stack file once it has run`,
    },
    {
      name: "a scheduled action's time zone is an IANA time zone",
      reads: ["platform:tiers.<tier>.scaling.scheduled[i].timeZone"],
      when: ({ action: a }) => typeof a.timeZone === "string",
      fails: ({ action: a }) => !isTimeZone(a.timeZone as string),
      message: (a) =>
        `${key(a.tier, `scaling.scheduled[${a.i}].timeZone`)} = ${show(a.action.timeZone)} is not a time zone: expected an IANA time zone name, e.g. "America/New_York" or "UTC"`,
    },
  ]),
  forEach(
    "each scheduled floor or desired capacity of a standby region",
    (t: Tier) =>
      t.standby === undefined
        ? []
        : actionsOf(t).flatMap((a) =>
            (["minSize", "desiredCapacity"] as const)
              .filter((k) => typeof a.action[k] === "number")
              .map((size) => ({ ...a, size, standby: t.standby! })),
          ),
    [
      {
        // stacks/posture.ts: a standby region runs at most the posture's floor until it is made
        // active; a scheduled action raising the floor (or the desired capacity) would undo that.
        name: "a standby region's scheduled actions keep the posture's floor",
        reads: [
          "platform:tiers.<tier>.scaling.scheduled[i].minSize",
          "platform:tiers.<tier>.scaling.scheduled[i].desiredCapacity",
          "platform:posture",
          "platform:role",
          "platform:tiers.<tier>.minSize",
        ],
        fails: (a) => (a.action[a.size] as number) > a.standby.floor,
        message: (a) =>
          `${key(a.tier, `scaling.scheduled[${a.i}].${a.size}`)} = ${String(a.action[a.size])} (${String(a.action.name)}) is above the ${a.standby.posture} floor of ${a.standby.floor}: ` +
          `a standby region runs at most its posture's floor (platform:posture = ${show(a.standby.posture)}); expected at most ${a.standby.floor}, or the action only once the region is active`,
      },
    ],
  ),
  forEach("each one-off window and recurring action of the tier", overlaps, [
    {
      // AWS applies whichever action ran last and restores nothing at a one-off's endTime
      // (EndTime only ends a recurrence), so a recurring action inside the window undoes it.
      name: "no recurring action changes a size inside a one-off action's window",
      reads: [
        "platform:tiers.<tier>.scaling.scheduled[i].recurrence",
        "platform:tiers.<tier>.scaling.scheduled[i].startTime",
        "platform:tiers.<tier>.scaling.scheduled[i].endTime",
      ],
      fails: (o) => o.at !== undefined,
      message: (o) =>
        `${key(o.tier, `scaling.scheduled[${o.recurring.i}].recurrence`)} = ${show(o.recurring.action.recurrence)} (${String(o.recurring.action.name)}, ${String(zoneOf(o.recurring))}) ` +
        `fires at ${showTime(o.at!)}, inside the window of ${key(o.tier, `scaling.scheduled[${o.oneOff.i}]`)} (${String(o.oneOff.action.name)}, ${String(o.oneOff.action.startTime)} to ${String(o.oneOff.action.endTime)}), ` +
        `and both set ${o.sizes.join(", ")}: expected no recurring action to change a size a one-off action sets inside its window ` +
        `(AWS applies whichever ran last and restores nothing at endTime); move the window or the recurrence, or set different sizes`,
    },
  ]),
];

/** The tier rules, run on the web tier, then the app tier. */
export const TIERS_RULES: RuleTable<RawStack> = [forEach("each tier", tiers, TIER_RULES)];
