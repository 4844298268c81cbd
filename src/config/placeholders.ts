/**
 * Placeholder values: what the repository's stack files carry where only the deploying account
 * knows the real value. The offline plan accepts them (and lists them in its summary and plan);
 * a real `pulumi preview` or `pulumi up` refuses them, each with what to put there and the
 * command that looks it up. The program learns which of the two runs through an option of
 * `loadStackConfig` (the offline plan engine passes `offlinePlan: true`), never from config.
 */
import { keyOf, show } from "./messages";

/** A placeholder found in a stack's config. */
export interface Placeholder {
  /** The full key, e.g. `platform:accountId`. */
  readonly key: string;
  readonly value: string;
  /** What to put there. */
  readonly expected: string;
  /** The command that looks the real value up. */
  readonly lookup: string;
}

interface PlaceholderRule {
  /** The key's path in the `platform:` namespace. */
  readonly path: readonly string[];
  readonly is: (value: string) => boolean;
  readonly expected: string;
  readonly lookup: (stack: { region: string; zoneName: string }) => string;
}

/** Domains reserved for documentation (RFC 2606 section 3): nobody can host a real zone there. */
const EXAMPLE_DOMAIN = /(^|\.)example\.(com|net|org)$/;

/**
 * The placeholder values, by key. The account IDs are the ones AWS's documentation uses; the
 * hosted zone ID and the Route 53 health-check prefix list IDs were made up for the stack files
 * (the prefix list IDs are sequential hex, not IDs AWS assigned). AWS-managed prefix lists have
 * one ID per region for every account; `describe-managed-prefix-lists` filters on
 * `prefix-list-name` (EC2 API reference, DescribeManagedPrefixLists).
 */
export const PLACEHOLDER_RULES: readonly PlaceholderRule[] = [
  {
    path: ["accountId"],
    is: (v) => ["111122223333", "123456789012"].includes(v),
    expected: "the 12-digit ID of the AWS account you deploy to",
    lookup: () => "aws sts get-caller-identity --query Account --output text",
  },
  {
    path: ["dns", "zoneName"],
    is: (v) => EXAMPLE_DOMAIN.test(v),
    expected:
      "the name of your Route 53 public hosted zone, not a domain reserved for documentation (and platform:dns.domain in it)",
    lookup: () => "aws route53 list-hosted-zones --query 'HostedZones[?Config.PrivateZone==`false`].Name'",
  },
  {
    path: ["dns", "hostedZoneId"],
    is: (v) => v.includes("EXAMPLE"),
    expected: "the ID of that hosted zone, without the /hostedzone/ prefix",
    lookup: ({ zoneName }) =>
      `aws route53 list-hosted-zones-by-name --dns-name ${zoneName} --max-items 1 --query 'HostedZones[0].Id' --output text`,
  },
  {
    path: ["edge", "healthCheckPrefixListId"],
    is: (v) => ["pl-0a1b2c3d4e5f60718", "pl-0f1e2d3c4b5a69788", "pl-0123456789abcdef0"].includes(v),
    expected: "this region's ID of the AWS-managed prefix list com.amazonaws.<region>.route53-healthchecks",
    lookup: ({ region }) =>
      `aws ec2 describe-managed-prefix-lists --region ${region} --filters Name=prefix-list-name,Values=com.amazonaws.${region}.route53-healthchecks --query 'PrefixLists[0].PrefixListId' --output text`,
  },
];

const at = (root: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>(
    (v, p) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[p] : undefined),
    root,
  );

/**
 * The placeholders in a stack's decoded `platform:` config (`input`) of region `region`, in
 * {@link PLACEHOLDER_RULES} order.
 */
export function placeholdersIn(input: Record<string, unknown>, region: unknown): Placeholder[] {
  const zoneName = at(input, ["dns", "zoneName"]);
  const stack = {
    region: typeof region === "string" ? region : "<region>",
    zoneName: typeof zoneName === "string" ? zoneName : "<zoneName>",
  };
  return PLACEHOLDER_RULES.flatMap((rule) => {
    const value = at(input, rule.path);
    if (typeof value !== "string" || !rule.is(value)) return [];
    const expected = rule.expected.replace("<region>", stack.region);
    return [{ key: keyOf(rule.path), value, expected, lookup: rule.lookup(stack) }];
  });
}

/** A placeholder as a config problem, in the house format. */
export const placeholderProblem = (p: Placeholder): string =>
  `${p.key} = ${show(p.value)} is a placeholder: expected ${p.expected} (look it up: ${p.lookup})`;
