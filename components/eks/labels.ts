/**
 * Tags, Kubernetes labels and taints the EKS components agree on: the Karpenter discovery tag the
 * VPC puts on private subnets and the cluster puts on its security groups, and the label and taint
 * that keep the system node group for critical add-ons and the Karpenter controller.
 */

/** Karpenter finds subnets and security groups by this tag, valued with the cluster's name. */
export const DISCOVERY_TAG = "karpenter.sh/discovery";

/** The taint of the system node group: only pods tolerating it (critical add-ons, Karpenter) run there. */
export const CRITICAL_ADDONS_TAINT = { key: "CriticalAddonsOnly", value: "true" } as const;

/** The toleration for {@link CRITICAL_ADDONS_TAINT}, as the Karpenter chart's default writes it. */
export const CRITICAL_ADDONS_TOLERATION = { key: "CriticalAddonsOnly", operator: "Exists" } as const;

/** The label of the system node group's nodes. */
export const NODE_GROUP_LABEL = "platform/node-group";
export const SYSTEM_NODE_GROUP = "system";

/** The label of Karpenter nodes naming their NodePool's purpose. */
export const NODE_POOL_LABEL = "platform/node-pool";

/** The taint of the critical NodePool's nodes: only workloads that tolerate it run there. */
export const CRITICAL_POOL_TAINT = { key: "platform/critical", value: "true", effect: "NoSchedule" } as const;
