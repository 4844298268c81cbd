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

/**
 * A role that an AWS service assumes carries the confused-deputy conditions: `aws:SourceAccount`
 * on every service principal, and `aws:SourceArn` where the service sets it, so that the service
 * cannot be made to use the role for another account's resources (IAM User Guide, "The confused
 * deputy problem"; each service's page, e.g. the VPC flow logs role). Services that set neither
 * key are exempt, each with its source; a new service gets the conditions or an exemption.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const serviceRoleConfusedDeputy: ResourceValidationPolicy = {
  name: "preflight-service-role-confused-deputy",
  description:
    "Roles assumed by AWS services must require aws:SourceAccount, and aws:SourceArn where the service sets it.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.iam.Role, (role, args, reportViolation) => {
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
        if (missing.length === 0) continue;
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
