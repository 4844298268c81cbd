import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Service principals that do not set `aws:SourceAccount`/`aws:SourceArn` when they assume a role,
 * so that a condition on them would lock the service out; each with why.
 */
export const SOURCE_CONDITION_EXEMPT: Readonly<Record<string, string>> = {
  // EC2 User Guide, "IAM roles for Amazon EC2": the instance-role trust policy has no condition;
  // another account cannot use the role because iam:PassRole never crosses accounts. Reported as
  // a false positive for ec2.amazonaws.com roles in prowler-cloud/prowler#2810 (and #7021: some
  // services assume roles without the keys; AWS publishes no list).
  "ec2.amazonaws.com": "EC2 instance roles: the service sets neither key; iam:PassRole guards them",
};

/**
 * Services whose own documentation gives the `aws:SourceArn` they set when they assume a role:
 * their trust policy must name it too.
 */
export const SOURCE_ARN_SERVICES: Readonly<Record<string, string>> = {
  // VPC User Guide, "IAM role for publishing flow logs to CloudWatch Logs".
  "vpc-flow-logs.amazonaws.com": "arn:aws:ec2:<region>:<account>:vpc-flow-log/<id or *>",
};

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Principal?: { Service?: string | string[] } | string;
  Condition?: Record<string, Record<string, unknown>>;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const assumes = (s: Statement) =>
  s.Effect === "Allow" &&
  list(s.Action).some((a) => ["sts:assumerole", "sts:*", "*"].includes(a.toLowerCase()));

/** Condition keys a statement requires (an `...IfExists` operator requires nothing). */
const requiredKeys = (s: Statement): Set<string> =>
  new Set(
    Object.entries(s.Condition ?? {})
      .filter(([operator]) => !operator.endsWith("IfExists"))
      .flatMap(([, keys]) => Object.keys(keys).map((k) => k.toLowerCase())),
  );

/** The values a statement's required conditions give a key, with their operators. */
const conditionValues = (s: Statement, key: string): { operator: string; value: unknown }[] =>
  Object.entries(s.Condition ?? {})
    .filter(([operator]) => !operator.endsWith("IfExists"))
    .flatMap(([operator, keys]) =>
      Object.entries(keys)
        .filter(([k]) => k.toLowerCase() === key)
        .flatMap(([, v]) => list(v).map((value) => ({ operator, value }))),
    );

const ACCOUNT_ID = /^\d{12}$/;
/** The account field of an ARN (`arn:<partition>:<service>:<region>:<account>:...`), when literal. */
const arnAccount = (arn: unknown): string | undefined => {
  const account = typeof arn === "string" ? arn.split(":")[4] : undefined;
  return account !== undefined && ACCOUNT_ID.test(account) ? account : undefined;
};

/** Policy config of {@link serviceRoleConfusedDeputy}. */
export interface ConfusedDeputyConfig {
  /** The account the stack deploys to; when given, every `aws:SourceAccount` must be it. */
  accountId?: string;
}

/**
 * What is wrong with the `aws:SourceAccount` values of a statement that requires the key, or
 * undefined. Each value must be one literal account ID under an exact operator (`StringEquals`),
 * not a pattern; the same account as every literal account in the statement's `aws:SourceArn`
 * (the service's resource is in the account it acts for); and the configured account, if any.
 */
function sourceAccountProblem(s: Statement, configured: string | undefined): string | undefined {
  const values = conditionValues(s, "aws:sourceaccount");
  const inexact = values.filter(
    (v) => !/^StringEquals$/i.test(v.operator) || typeof v.value !== "string" || !ACCOUNT_ID.test(v.value),
  );
  if (inexact.length > 0)
    return `aws:SourceAccount must be one 12-digit account ID under StringEquals, not ${inexact.map((v) => `${v.operator} ${JSON.stringify(v.value)}`).join(", ")}`;
  const accounts = [...new Set(values.map((v) => v.value as string))];
  if (accounts.length > 1) return `aws:SourceAccount allows ${accounts.join(" and ")}: expected one account`;
  const [account] = accounts;
  const arnAccounts = [
    ...new Set(conditionValues(s, "aws:sourcearn").flatMap((v) => arnAccount(v.value) ?? [])),
  ].filter((a) => a !== account);
  if (arnAccounts.length > 0)
    return `aws:SourceAccount = ${account} but aws:SourceArn names account ${arnAccounts.join(", ")}: expected the same account`;
  if (configured !== undefined && account !== configured)
    return `aws:SourceAccount = ${account} but this stack deploys to ${configured} (policy config accountId): expected ${configured}`;
  return undefined;
}

/**
 * A role that an AWS service assumes carries the confused-deputy conditions: `aws:SourceAccount`
 * on every service principal, and `aws:SourceArn` where the service sets it, so that the service
 * cannot be made to use the role for another account's resources (IAM User Guide, "The confused
 * deputy problem"; each service's page, e.g. the VPC flow logs role). Services that set neither
 * key are exempt, each with its source; a new service gets the conditions or an exemption.
 *
 * The value counts, not only the key: `aws:SourceAccount` must be one literal account under
 * `StringEquals` (a `StringLike` `*` satisfies presence and nothing else), equal to the account of
 * any literal `aws:SourceArn` of the same statement, and, when the policy config gives
 * `accountId`, equal to it. Whether it is *this stack's* account cannot be read from the role
 * itself: the role's ARN is an output (unknown in a preview of a new role), the provider's
 * account is not among the resources a policy sees, and the stack's `platform:accountId` is
 * config, which a policy pack does not read. Other ARNs in the plan name the account only by
 * the program's own say-so (the same config value), so they prove nothing the condition does
 * not. The sound source is the operator's: pass `{"preflight-service-role-confused-deputy":
 * {"accountId": "<account>"}}` with `--policy-pack-config` (the plan CLI's `--policy-config`).
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const serviceRoleConfusedDeputy: ResourceValidationPolicy = {
  name: "preflight-service-role-confused-deputy",
  description:
    "Roles assumed by AWS services must require aws:SourceAccount (one account, the configured one if given, the account of any aws:SourceArn), and aws:SourceArn where the service sets it.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      accountId: {
        type: "string",
        pattern: "^[0-9]{12}$",
        description: "The account the stack deploys to: every aws:SourceAccount must be it.",
      },
    },
  },
  validateResource: validateResourceOfType(aws.iam.Role, (role, args, reportViolation) => {
    const { accountId } = args.getConfig<ConfusedDeputyConfig>();
    const raw: unknown = role.assumeRolePolicy;
    let doc: { Statement?: Statement | Statement[] };
    try {
      doc = (typeof raw === "string" ? JSON.parse(raw) : raw) as typeof doc;
    } catch {
      return; // not known at preview
    }
    if (!doc || typeof doc !== "object") return;
    for (const statement of list(doc.Statement)) {
      if (!assumes(statement) || typeof statement.Principal !== "object") continue;
      const keys = requiredKeys(statement);
      for (const service of list(statement.Principal.Service)) {
        if (SOURCE_CONDITION_EXEMPT[service]) continue;
        const missing = [
          ...(keys.has("aws:sourceaccount") ? [] : ["aws:SourceAccount"]),
          ...(SOURCE_ARN_SERVICES[service] && !keys.has("aws:sourcearn") ? ["aws:SourceArn"] : []),
        ];
        if (missing.length === 0) {
          const problem = sourceAccountProblem(statement, accountId);
          if (problem)
            reportViolation(
              `Role "${args.name}" lets ${service} assume it on a wrong aws:SourceAccount: ${problem}, so that the service cannot use it for another account's resources.`,
            );
          continue;
        }
        const arn = SOURCE_ARN_SERVICES[service];
        reportViolation(
          `Role "${args.name}" lets ${service} assume it without ${missing.join(" and ")}: require ` +
            `aws:SourceAccount = the account${arn ? ` and aws:SourceArn like ${arn}` : ""} ` +
            `(StringEquals/ArnLike, not ...IfExists), so that the service cannot use it for another account's resources.`,
        );
      }
    }
  }),
};
