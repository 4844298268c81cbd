import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { PORT } from "../../src/conventions";

const deps = (r: PolicyResource, prop: string): PolicyResource[] => r.propertyDependencies[prop] ?? [];

const admitsHttps = (protocol: unknown, from: unknown, to: unknown) =>
  String(protocol) === "-1" ||
  (String(protocol) === "tcp" && Number(from) <= PORT.https && PORT.https <= Number(to));

/** Whether a standalone rule or an inline block of the stack admits 443 into one of `targets`. */
function admitsApi(targets: readonly PolicyResource[], resources: readonly PolicyResource[]): boolean {
  const isTarget = (r: PolicyResource, prop: string) => deps(r, prop).some((d) => targets.includes(d));
  for (const r of resources) {
    if (r.isType(aws.vpc.SecurityGroupIngressRule) && isTarget(r, "securityGroupId")) {
      if (admitsHttps(r.props.ipProtocol, r.props.fromPort, r.props.toPort)) return true;
    } else if (
      r.isType(aws.ec2.SecurityGroupRule) &&
      r.props.type === "ingress" &&
      isTarget(r, "securityGroupId")
    ) {
      if (admitsHttps(r.props.protocol, r.props.fromPort, r.props.toPort)) return true;
    }
  }
  return targets.some(
    (g) =>
      g.isType(aws.ec2.SecurityGroup) &&
      ((g.props.ingress ?? []) as Record<string, unknown>[]).some((i) =>
        admitsHttps(i.protocol, i.fromPort, i.toPort),
      ),
  );
}

/**
 * An EKS cluster whose API endpoint is private only has a security group rule admitting HTTPS
 * (443) to the control plane: on a group of `vpcConfig.securityGroupIds`, or on the cluster
 * security group EKS creates (a rule whose group comes from the cluster). That group admits only
 * itself (EKS user guide, "View Amazon EKS security group requirements for clusters"), and a
 * private-only endpoint is reachable only "from within your VPC or a connected network" whose
 * traffic the control plane security group admits on 443 (EKS user guide, "Cluster API server
 * endpoint", "Accessing a private only API server"). Without such a rule the cluster is created,
 * and then every Kubernetes resource of the stack (Helm releases, NodePools) times out.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const eksPrivateEndpointReachable: StackValidationPolicy = {
  name: "preflight-eks-private-endpoint-reachable",
  description:
    "An EKS cluster with only a private API endpoint must have a security group rule admitting HTTPS (443) to its control plane.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const cluster of args.resources.filter((r) => r.isType(aws.eks.Cluster))) {
      const vpc = (cluster.props.vpcConfig ?? {}) as Record<string, unknown>;
      if (vpc.endpointPublicAccess !== false) continue;
      const groups = deps(cluster, "vpcConfig").filter((d) => d.isType(aws.ec2.SecurityGroup));
      if (admitsApi([...groups, cluster], args.resources)) continue;
      reportViolation(
        `EKS cluster "${cluster.name}" has only a private API endpoint and no security group rule admits HTTPS (443) to it: ` +
          `the cluster security group admits only itself, so no runner reaches the API and every Kubernetes resource of the stack times out. ` +
          `Add an ingress rule on 443 from the runners' network to a group in vpcConfig.securityGroupIds (platform:eks.endpoint.privateAccessCidrs), ` +
          `or open the public endpoint to the runners' CIDRs.`,
        cluster.urn,
      );
    }
  },
};
