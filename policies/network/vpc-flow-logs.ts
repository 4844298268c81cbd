import * as aws from "@pulumi/aws";
import type { StackValidationPolicy } from "@pulumi/policy";

/**
 * Every VPC has a flow log: without it there is no record of the traffic that reached or left the
 * network.
 *
 * Catalogue counterparts (policies/catalog.ts): cdk-nag VPC7.
 */
export const vpcFlowLogs: StackValidationPolicy = {
  name: "network-vpc-flow-logs",
  description: "Every VPC must have a flow log capturing its traffic.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const flowLogs = args.resources.filter((r) => r.isType(aws.ec2.FlowLog));
    for (const vpc of args.resources.filter((r) => r.isType(aws.ec2.Vpc))) {
      const covered = flowLogs.some(
        (fl) =>
          (fl.propertyDependencies.vpcId ?? []).some((d) => d.urn === vpc.urn) ||
          (vpc.props.id !== undefined && fl.props.vpcId === vpc.props.id),
      );
      if (!covered) {
        reportViolation(
          `VPC "${vpc.name}" has no flow log: add an aws.ec2.FlowLog with vpcId set to it.`,
          vpc.urn,
        );
      }
    }
  },
};
