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
/** A documentation domain anywhere in a value (a host name, a URL, an e-mail address). */
const EXAMPLE_DOMAIN_IN = /(^|[^A-Za-z0-9-])example\.(com|net|org)(?![A-Za-z0-9-])/i;

/**
 * The account IDs AWS's documentation uses in its examples, which no real deployment owns:
 * 111122223333 and 444455556666 (the KMS and IAM developer guides' own and external account, e.g.
 * KMS "Allowing users in other accounts to use a KMS key", IAM "roles: cross-account access"), and
 * 123456789012 (e.g. the EC2 Auto Scaling user guide's key policy examples, the STS CLI output).
 * AWS publishes no list of reserved IDs; these are the ones its pages reuse.
 */
export const DOCUMENTATION_ACCOUNT_IDS: readonly string[] = ["111122223333", "444455556666", "123456789012"];
const DOCUMENTATION_ACCOUNT_IN = new RegExp(`(?<!\\d)(${DOCUMENTATION_ACCOUNT_IDS.join("|")})(?!\\d)`);

const ACCOUNT_LOOKUP = "aws sts get-caller-identity --query Account --output text";

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
    is: (v) => DOCUMENTATION_ACCOUNT_IDS.includes(v),
    expected: "the 12-digit ID of the AWS account you deploy to",
    lookup: () => ACCOUNT_LOOKUP,
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

/** Every string in a decoded config value, with its path (object keys and list positions). */
function* strings(
  v: unknown,
  path: readonly PropertyKey[] = [],
): Generator<[readonly PropertyKey[], string]> {
  if (typeof v === "string") yield [path, v];
  else if (Array.isArray(v)) for (const [i, x] of v.entries()) yield* strings(x, [...path, i]);
  else if (v !== null && typeof v === "object")
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) yield* strings(x, [...path, k]);
}

/**
 * A documentation account ID or domain inside any other value of the config (an ARN, a host
 * name, a URL): a key no {@link PLACEHOLDER_RULES} entry covers, e.g. `platform:eks.adminRoleArns`,
 * which the stack files fill with roles of the documentation account.
 */
function embedded(path: readonly PropertyKey[], value: string): Placeholder | undefined {
  const account = DOCUMENTATION_ACCOUNT_IN.exec(value)?.[1];
  if (account)
    return {
      key: keyOf(path),
      value,
      expected: `a value of the AWS account you deploy to, not AWS's documentation account ${account}`,
      lookup: ACCOUNT_LOOKUP,
    };
  if (EXAMPLE_DOMAIN_IN.test(value))
    return {
      key: keyOf(path),
      value,
      expected: "a name in your own domain, not one reserved for documentation (example.com, .net, .org)",
      lookup: "aws route53 list-hosted-zones --query 'HostedZones[?Config.PrivateZone==`false`].Name'",
    };
  return undefined;
}

/**
 * The placeholders in a stack's decoded `platform:` config (`input`) of region `region`: first
 * the keys of {@link PLACEHOLDER_RULES}, in that order, then every other string value, at any
 * depth, that names a documentation account ID or domain, in the order of the config.
 */
export function placeholdersIn(input: Record<string, unknown>, region: unknown): Placeholder[] {
  const zoneName = at(input, ["dns", "zoneName"]);
  const stack = {
    region: typeof region === "string" ? region : "<region>",
    zoneName: typeof zoneName === "string" ? zoneName : "<zoneName>",
  };
  const known = PLACEHOLDER_RULES.flatMap((rule) => {
    const value = at(input, rule.path);
    if (typeof value !== "string" || !rule.is(value)) return [];
    const expected = rule.expected.replace("<region>", stack.region);
    return [{ key: keyOf(rule.path), value, expected, lookup: rule.lookup(stack) }];
  });
  const covered = new Set(PLACEHOLDER_RULES.map((r) => keyOf(r.path)));
  const others = [...strings(input)].flatMap(([path, value]) => {
    if (covered.has(keyOf(path))) return [];
    const p = embedded(path, value);
    return p ? [p] : [];
  });
  return [...known, ...others];
}

/** A placeholder as a config problem, in the house format. */
export const placeholderProblem = (p: Placeholder): string =>
  `${p.key} = ${show(p.value)} is a placeholder: expected ${p.expected} (look it up: ${p.lookup})`;
