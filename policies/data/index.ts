import type { Policies } from "@pulumi/policy";
import { auroraLogExports } from "./aurora-log-exports";
import { backupRetention } from "./backup-retention";
import { cacheMultiAz } from "./cache-multi-az";
import { cacheTransitAuth } from "./cache-transit-auth";
import { deletionProtection } from "./deletion-protection";
import { iamAuth } from "./iam-auth";
import { dataNotPublic } from "./not-public";
import { dataSecurityGroupSources } from "./security-group-sources";
import { storageEncryptedCmk } from "./storage-encrypted-cmk";
import { kmsKeyRotation } from "./kms-key-rotation";
import { kmsKeyPolicyPrincipal } from "./kms-key-policy-principal";
import { auroraForceSsl } from "./aurora-force-ssl";
import { proxyTlsIam } from "./proxy-tls-iam";
import { performanceInsightsCmk } from "./performance-insights-cmk";
import { secretRecoveryWindow } from "./secret-recovery-window";
import { statefulProtected } from "./stateful-protected";
import { tierSegmentation } from "./tier-segmentation";

/** The data security layer. */
export const dataPolicies: Policies = [
  storageEncryptedCmk,
  dataNotPublic,
  deletionProtection,
  backupRetention,
  iamAuth,
  cacheTransitAuth,
  dataSecurityGroupSources,
  kmsKeyRotation,
  kmsKeyPolicyPrincipal,
  auroraForceSsl,
  proxyTlsIam,
  performanceInsightsCmk,
  secretRecoveryWindow,
  statefulProtected,
  tierSegmentation,
  cacheMultiAz,
  auroraLogExports,
];
