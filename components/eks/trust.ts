/**
 * Trust policies of the roles EKS assumes, with the confused-deputy conditions each service
 * documents (checked by preflight-service-role-confused-deputy).
 */

/**
 * The EKS cluster role: `eks.amazonaws.com` may assume it only for this account's cluster. The
 * EKS User Guide, "Cross-service confused deputy prevention in Amazon EKS" (2025-08-19): "Amazon
 * EKS accepts the aws:SourceArn and aws:SourceAccount conditions in the trust policy of an EKS
 * cluster role".
 */
export function clusterRoleTrust(region: string, accountId: string, clusterName: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnLike: { "aws:SourceArn": `arn:aws:eks:${region}:${accountId}:cluster/${clusterName}` },
        },
      },
    ],
  });
}

/** A Kubernetes service account that assumes a role through EKS Pod Identity. */
export interface PodIdentitySubject {
  readonly accountId: string;
  /** The cluster's ARN, as Pod Identity tags the session with it (`eks-cluster-arn`). */
  readonly clusterArn: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

/**
 * A role for EKS Pod Identity (`pods.eks.amazonaws.com`, `sts:AssumeRole` and `sts:TagSession`,
 * EKS User Guide "Create IAM role with trust policy required by EKS Pod Identity"), restricted to
 * one service account of one cluster of this account through the session tags Pod Identity sets
 * (`aws:RequestTag/eks-cluster-arn`, `kubernetes-namespace`, `kubernetes-service-account`: the
 * same guide, "Setting Conditions") and `aws:SourceAccount`. No `aws:SourceArn`: a condition on
 * the association's ARN broke credential delivery in awslabs/mountpoint-s3-csi-driver#781, while
 * `aws:SourceAccount` alone worked there.
 */
export function podIdentityTrust(s: PodIdentitySubject): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AllowEksAuthToAssumeRoleForPodIdentity",
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          StringEquals: {
            "aws:SourceAccount": s.accountId,
            "aws:RequestTag/eks-cluster-arn": s.clusterArn,
            "aws:RequestTag/kubernetes-namespace": s.namespace,
            "aws:RequestTag/kubernetes-service-account": s.serviceAccount,
          },
        },
      },
    ],
  });
}
