import type { Policies } from "@pulumi/policy";
import { backupRetention } from "./backup-retention";
import { cacheTransitAuth } from "./cache-transit-auth";
import { deletionProtection } from "./deletion-protection";
import { iamAuth } from "./iam-auth";
import { dataNotPublic } from "./not-public";
import { dataSecurityGroupSources } from "./security-group-sources";
import { storageEncryptedCmk } from "./storage-encrypted-cmk";

/** The data security layer. */
export const dataPolicies: Policies = [
  storageEncryptedCmk,
  dataNotPublic,
  deletionProtection,
  backupRetention,
  iamAuth,
  cacheTransitAuth,
  dataSecurityGroupSources,
];
