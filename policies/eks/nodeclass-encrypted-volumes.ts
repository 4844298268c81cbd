import type { ResourceValidationPolicy } from "@pulumi/policy";
import { NODE_CLASS_TYPE, specOf } from "../lib/eks";
import { asArray, asObject } from "../lib/values";

/**
 * Every Karpenter EC2NodeClass defines its nodes' volumes, each EBS volume encrypted with a
 * customer-managed KMS key (`kmsKeyID`): without block device mappings the AMI's defaults apply.
 *
 * Catalogue counterparts (policies/catalog.ts): none.
 */
export const eksNodeClassEncryptedVolumes: ResourceValidationPolicy = {
  name: "eks-nodeclass-encrypted-volumes",
  description:
    "Karpenter EC2NodeClasses must define their volumes, every EBS volume encrypted with a KMS key.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== NODE_CLASS_TYPE) return;
    const mappings = asArray(specOf(args).blockDeviceMappings);
    if (mappings.length === 0) {
      reportViolation(
        "EC2NodeClass defines no blockDeviceMappings: the AMI's default volume would be used; define the root volume with ebs.encrypted = true and a kmsKeyID.",
      );
    }
    for (const m of mappings) {
      const ebs = asObject(m.ebs);
      const device = typeof m.deviceName === "string" ? m.deviceName : "(no device name)";
      if (ebs.encrypted !== true) {
        reportViolation(`EC2NodeClass volume ${device} is not encrypted: set ebs.encrypted = true.`);
      } else if (typeof ebs.kmsKeyID !== "string" || ebs.kmsKeyID === "") {
        reportViolation(
          `EC2NodeClass volume ${device} names no kmsKeyID: encrypt it with the region's customer-managed key.`,
        );
      }
    }
  },
};
