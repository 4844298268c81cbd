import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";

const KEY = "aws:kms/key:Key";
const SERVICE_LINKED_ROLE = "aws:iam/serviceLinkedRole:ServiceLinkedRole";
/** IAM puts every service-linked role under `role/aws-service-role/<service principal>/<name>`. */
const SLR_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/aws-service-role\/([^/]+)\/([^/]+)$/;

/** A service-linked role a key policy names: its service principal and role name. */
export interface NamedServiceLinkedRole {
  readonly service: string;
  readonly name: string;
}

/** The service-linked roles among the AWS principals of a key policy (a JSON string). */
export function serviceLinkedRolesIn(policy: unknown): NamedServiceLinkedRole[] {
  if (typeof policy !== "string") return [];
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    return [];
  }
  const statements = (doc as { Statement?: unknown }).Statement;
  const principals = (Array.isArray(statements) ? statements : [statements]).flatMap((s) => {
    const aws: unknown = (s as { Principal?: { AWS?: unknown } } | undefined)?.Principal?.AWS;
    return Array.isArray(aws) ? (aws as unknown[]) : [aws];
  });
  const found = new Map<string, NamedServiceLinkedRole>();
  for (const p of principals) {
    const m = typeof p === "string" ? SLR_ARN.exec(p) : null;
    if (m) found.set(p as string, { service: m[1], name: m[2] });
  }
  return [...found.values()];
}

/** True when the ServiceLinkedRole resource creates the named role. */
function provides(r: PolicyResource, role: NamedServiceLinkedRole): boolean {
  if (r.props.awsServiceName !== role.service) return false;
  const suffix: unknown = r.props.customSuffix;
  return typeof suffix === "string" && suffix !== ""
    ? role.name.endsWith(`_${suffix}`)
    : !role.name.includes("_");
}

/**
 * A KMS key whose policy names a service-linked role (e.g. `AWSServiceRoleForAutoScaling`) depends
 * on the `aws.iam.ServiceLinkedRole` of this stack that creates that role. Such a role exists only
 * after the service's first use in the account, and KMS refuses a policy naming a principal that
 * does not exist (`MalformedPolicyDocumentException: Policy contains a statement with one or more
 * invalid principals`), so in a fresh account the key fails unless the role is created first. The
 * platform's keys name no such role: a service that acts through one gets the key through
 * `kms:ViaService` and `kms:CallerAccount` conditions instead (the EBS keys: `viaServices: ["ec2"]`,
 * the pattern of the AWS managed `aws/ebs` key), which works whether or not the role exists yet;
 * creating the role in the stack would fail in every account that already has it.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const keyPolicyServiceLinkedRoles: StackValidationPolicy = {
  name: "preflight-key-policy-service-linked-roles",
  description:
    "A KMS key whose policy names a service-linked role must depend on the aws.iam.ServiceLinkedRole that creates it (better: admit the service through kms:ViaService instead of naming the role).",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const roles = args.resources.filter((r) => r.type === SERVICE_LINKED_ROLE);
    for (const key of args.resources.filter((r) => r.type === KEY)) {
      const deps = new Set([
        ...key.dependencies.map((d) => d.urn),
        ...Object.values(key.propertyDependencies).flatMap((ds) => ds.map((d) => d.urn)),
      ]);
      for (const role of serviceLinkedRolesIn(key.props.policy)) {
        const own = roles.filter((r) => provides(r, role));
        if (own.some((r) => deps.has(r.urn))) continue;
        reportViolation(
          own.length > 0
            ? `Key "${key.name}" names the service-linked role ${role.name} but does not depend on "${own[0].name}", which creates it: add it to the key's dependsOn, or KMS may refuse the key before the role exists (MalformedPolicyDocumentException: invalid principals).`
            : `Key "${key.name}" names the service-linked role ${role.name} (${role.service}), which no resource of this stack creates: in an account without the role, KMS refuses the key (MalformedPolicyDocumentException: invalid principals). Admit the service without naming the role (kms:ViaService = <service>.<region>.amazonaws.com and kms:CallerAccount, like the AWS managed keys) or create the role here (aws.iam.ServiceLinkedRole, in the key's dependsOn).`,
          key.urn,
        );
      }
    }
  },
};
