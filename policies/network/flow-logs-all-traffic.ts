import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Every flow log captures all traffic (`trafficType: "ALL"`): one that records only REJECT (or
 * only ACCEPT) is present but blind to half of what happened, the accepted connections an
 * investigation needs most.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const flowLogsAllTraffic: ResourceValidationPolicy = {
  name: "network-flow-logs-all-traffic",
  description: 'VPC flow logs must capture all traffic (trafficType "ALL"), not only rejected or accepted.',
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.ec2.FlowLog, (fl, _args, reportViolation) => {
    if (fl.trafficType !== "ALL") {
      reportViolation(
        `The flow log captures only ${JSON.stringify(fl.trafficType ?? "unset")} traffic: set trafficType = "ALL".`,
      );
    }
  }),
};
