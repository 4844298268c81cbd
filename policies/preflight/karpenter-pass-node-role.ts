import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isKarpenterRelease, NODE_CLASS_TYPE, roleNameOf, specOf } from "../lib/eks";
import { asArray, asObject } from "../lib/values";

/** `pattern` (IAM wildcards `*` and `?`) matches `value`. */
const matches = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  ).test(value);
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];

/** Whether a policy document allows `iam:PassRole` on the role ARN `roleArn`. */
export function allowsPassRole(document: unknown, roleArn: string): boolean {
  let doc: unknown = document;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      return false;
    }
  }
  return asArray(asObject(doc).Statement).some(
    (s) =>
      s.Effect === "Allow" &&
      list(s.Action).some((a) => matches(a, "iam:PassRole")) &&
      list(s.Resource).some((r) => matches(r, roleArn)),
  );
}

/**
 * The Karpenter controller can pass the node role of every EC2NodeClass: a policy of the role its
 * service account is bound to (EKS Pod Identity association) allows `iam:PassRole` on that role.
 * Without it CreateFleet fails and no node launches.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const karpenterPassNodeRole: StackValidationPolicy = {
  name: "preflight-karpenter-pass-node-role",
  description:
    "The Karpenter controller's role must allow iam:PassRole on the node role of every EC2NodeClass.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const all = args.resources;
    const of = (cls: Parameters<PolicyResource["isType"]>[0]) => all.filter((r) => r.isType(cls));
    const associations = of(aws.eks.PodIdentityAssociation);
    const attachments = of(aws.iam.RolePolicyAttachment);
    const inline = of(aws.iam.RolePolicy);
    const managed = of(aws.iam.Policy);
    const nodeClasses = all.filter((r) => r.type === NODE_CLASS_TYPE);
    for (const release of all.filter(isKarpenterRelease)) {
      const namespace = typeof release.props.namespace === "string" ? release.props.namespace : "default";
      const name: unknown = asObject(asObject(release.props.values).serviceAccount).name;
      const serviceAccount = typeof name === "string" ? name : "karpenter";
      const association = associations.find(
        (a) => a.props.namespace === namespace && a.props.serviceAccount === serviceAccount,
      );
      if (!association) {
        reportViolation(
          `Karpenter's service account ${namespace}/${serviceAccount} has no EKS Pod Identity association: the controller has no AWS credentials.`,
          release.urn,
        );
        continue;
      }
      if (typeof association.props.roleArn !== "string") continue;
      const roleName = roleNameOf(association.props.roleArn);
      const documents: unknown[] = [
        ...inline.filter((p) => p.props.role === roleName).map((p): unknown => p.props.policy),
        ...attachments
          .filter((a) => a.props.role === roleName)
          .flatMap((a) =>
            managed.filter(
              (p) =>
                (a.propertyDependencies.policyArn ?? []).includes(p) ||
                (typeof a.props.policyArn === "string" &&
                  a.props.policyArn.endsWith(`:policy/${String(p.props.name)}`)),
            ),
          )
          .map((p): unknown => p.props.policy),
      ];
      if (documents.some((d) => typeof d !== "string" && typeof d !== "object")) continue;
      for (const nc of nodeClasses) {
        const nodeRole = specOf(nc).role;
        if (typeof nodeRole !== "string") continue;
        const arn = `arn:aws:iam::${association.props.roleArn.split(":")[4]}:role/${nodeRole}`;
        if (!documents.some((d) => allowsPassRole(d, arn))) {
          reportViolation(
            `Karpenter's controller role ${roleName} cannot pass node role ${nodeRole} (EC2NodeClass "${nc.name}"): ` +
              `allow iam:PassRole on ${arn}, or CreateFleet fails and no node launches.`,
            nc.urn,
          );
        }
      }
    }
  },
};
