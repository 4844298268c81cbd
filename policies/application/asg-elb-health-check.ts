import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Auto Scaling groups behind a load balancer use its health checks: with EC2 checks only, an
 * instance whose application is down stays in service.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const asgElbHealthCheck: ResourceValidationPolicy = {
  name: "application-asg-elb-health-check",
  description: "Auto Scaling groups attached to load balancers must use ELB health checks.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.autoscaling.Group, (group, args, reportViolation) => {
    const attached = (group.targetGroupArns ?? []).length > 0 || (group.loadBalancers ?? []).length > 0;
    if (!attached) args.notApplicable("the group is attached to no load balancer");
    if (group.healthCheckType !== "ELB") {
      reportViolation(
        `Auto Scaling group uses ${JSON.stringify(group.healthCheckType ?? "EC2")} health checks behind a load balancer: set healthCheckType = "ELB".`,
      );
    }
  }),
};
