import * as aws from "@pulumi/aws";
import type { StackValidationPolicy } from "@pulumi/policy";

/**
 * Every VPC's default security group has no rules. AWS creates it allowing all traffic among its
 * members and all egress; only adopting it as an aws.ec2.DefaultSecurityGroup with empty rule
 * lists removes those rules.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const defaultSecurityGroupClosed: StackValidationPolicy = {
  name: "network-default-security-group-closed",
  description: "Every VPC's default security group must be adopted and stripped of all rules.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const defaults = args.resources.filter((r) => r.isType(aws.ec2.DefaultSecurityGroup));
    for (const sg of defaults) {
      const ingress = (sg.props.ingress as unknown[] | undefined) ?? [];
      const egress = (sg.props.egress as unknown[] | undefined) ?? [];
      if (ingress.length > 0 || egress.length > 0) {
        reportViolation(
          `Default security group "${sg.name}" has ${ingress.length} ingress and ${egress.length} egress rules: ` +
            `expected none (use dedicated security groups).`,
          sg.urn,
        );
      }
    }
    for (const vpc of args.resources.filter((r) => r.isType(aws.ec2.Vpc))) {
      const adopted = defaults.some((sg) =>
        (sg.propertyDependencies.vpcId ?? []).some((d) => d.urn === vpc.urn),
      );
      if (!adopted) {
        reportViolation(
          `VPC "${vpc.name}" leaves its default security group with AWS's allow rules: adopt it with an ` +
            `aws.ec2.DefaultSecurityGroup that has no ingress and no egress.`,
          vpc.urn,
        );
      }
    }
  },
};
