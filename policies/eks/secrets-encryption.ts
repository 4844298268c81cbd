import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * An EKS cluster encrypts Kubernetes secrets with a KMS key (envelope encryption of etcd).
 *
 * Catalogue counterparts (policies/catalog.ts): checkov CKV_AWS_58.
 */
export const eksSecretsEncryption: ResourceValidationPolicy = {
  name: "eks-secrets-encryption",
  description:
    "EKS clusters must encrypt Kubernetes secrets with a KMS key (encryptionConfig with resources [secrets]).",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, _args, reportViolation) => {
    const enc = cluster.encryptionConfig;
    const resources = (enc?.resources ?? []) as string[];
    if (!enc || !resources.includes("secrets") || !enc.provider?.keyArn) {
      reportViolation(
        'The cluster does not encrypt Kubernetes secrets: set encryptionConfig { provider: { keyArn: <customer-managed key> }, resources: ["secrets"] }.',
      );
    }
  }),
};
