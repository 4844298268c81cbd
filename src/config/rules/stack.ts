/** Rules of the keys that describe the stack as a whole: tags, posture and DNS. */
import { DEFAULT_POSTURE, MAX_TAGS } from "../defaults";
import { keyOf, show } from "../messages";
import { record, type RawStack } from "../raw";
import { forEach, type Rule, type RuleTable } from "../rule-table";
import { TAG_KEY_ALLOWED, TAG_KEY_RE } from "../schema";

/** One entry of `platform:tags`. */
interface Tag {
  readonly name: string;
  readonly value: unknown;
}

const tags = (s: RawStack) => record(s.input.tags);

/** The tag rules that report before the posture and DNS rules. */
export const TAG_RULES: RuleTable<RawStack> = [
  {
    name: "the environment tag, if given, equals platform:environment",
    reads: ["platform:tags.environment", "platform:environment"],
    when: (s) => tags(s).environment !== undefined,
    fails: (s) => tags(s).environment !== s.input.environment,
    message: (s) =>
      `${keyOf(["tags", "environment"])} = ${show(tags(s).environment)} differs from ${keyOf(["environment"])} = ` +
      `${show(s.input.environment)}: expected it omitted (it is set from ${keyOf(["environment"])}) or equal`,
  },
  forEach(
    "each tag",
    (s: RawStack): Tag[] => Object.entries(tags(s)).map(([name, value]) => ({ name, value })),
    [
      {
        name: "tag names are valid instance metadata tag keys",
        reads: ["platform:tags"],
        fails: (t) => !TAG_KEY_RE.test(t.name),
        message: (t) =>
          `${keyOf(["tags", t.name])} = ${show(t.value)} has an invalid tag name: ${TAG_KEY_ALLOWED}`,
      },
    ],
  ),
];

export const POSTURE_RULE: Rule<RawStack> = {
  name: "the primary stack is active",
  reads: ["platform:role", "platform:posture"],
  when: (s) => s.input.role === "primary" && s.input.posture !== undefined,
  fails: (s) => s.input.posture !== DEFAULT_POSTURE.primary,
  message: (s) =>
    `${keyOf(["posture"])} = ${show(s.input.posture)} is not allowed on the primary stack: expected ${show(DEFAULT_POSTURE.primary)} ` +
    `(warm-standby and pilot-light are for secondary regions)`,
};

const dns = (s: RawStack) => record(s.input.dns);

export const DNS_RULE: Rule<RawStack> = {
  name: "the domain is the hosted zone's name or under it",
  reads: ["platform:dns.domain", "platform:dns.zoneName"],
  when: (s) => typeof dns(s).domain === "string" && typeof dns(s).zoneName === "string",
  fails: (s) => {
    const { domain, zoneName } = dns(s) as { domain: string; zoneName: string };
    return domain !== zoneName && !domain.endsWith(`.${zoneName}`);
  },
  message: (s) =>
    `${keyOf(["dns", "domain"])} = ${show(dns(s).domain)} is outside ${keyOf(["dns", "zoneName"])} = ${show(dns(s).zoneName)}: ` +
    `expected the zone's name or a name under it, or records and certificate validation cannot be written in that zone`,
};

export const TAG_COUNT_RULE: Rule<RawStack> = {
  name: `at most ${MAX_TAGS} tags`,
  reads: ["platform:tags"],
  fails: (s) => Object.keys(tags(s)).length > MAX_TAGS,
  message: (s) =>
    `${keyOf(["tags"])} has ${Object.keys(tags(s)).length} tags: expected at most ${MAX_TAGS} (AWS allows 50 per resource; the platform adds its own)`,
};
