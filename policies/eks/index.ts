import type { Policies } from "@pulumi/policy";
import { eksAuthenticationMode } from "./authentication-mode";
import { eksControlPlaneLogs } from "./control-plane-logs";
import { eksEndpointPrivate } from "./endpoint-private";
import { eksInterruptionQueueEncrypted } from "./interruption-queue-encrypted";
import { eksNodeClassEncryptedVolumes } from "./nodeclass-encrypted-volumes";
import { eksNodeClassImdsv2 } from "./nodeclass-imdsv2";
import { eksSecretsEncryption } from "./secrets-encryption";
import { eksVersionSupported } from "./version-supported";

/** The EKS layer: the cluster, Karpenter's node classes and its interruption queue. */
export const eksPolicies: Policies = [
  eksEndpointPrivate,
  eksControlPlaneLogs,
  eksSecretsEncryption,
  eksVersionSupported,
  eksAuthenticationMode,
  eksNodeClassImdsv2,
  eksNodeClassEncryptedVolumes,
  eksInterruptionQueueEncrypted,
];
