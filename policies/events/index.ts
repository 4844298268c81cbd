import type { Policies } from "@pulumi/policy";
import { busArchive } from "./bus-archive";
import { resourcePolicySource } from "./resource-policy-source";
import { snsEncryptedCmk } from "./sns-encrypted-cmk";
import { snsTlsOnly } from "./sns-tls-only";
import { sqsEncryptedCmk } from "./sqs-encrypted-cmk";
import { sqsRedrive } from "./sqs-redrive";
import { sqsTlsOnly } from "./sqs-tls-only";
import { stateMachineLogging } from "./state-machine-logging";
import { stateMachineTracing } from "./state-machine-tracing";

/** The event-pipeline layer: queues, topics, state machines and buses. */
export const eventsPolicies: Policies = [
  sqsEncryptedCmk,
  snsEncryptedCmk,
  sqsRedrive,
  resourcePolicySource,
  stateMachineLogging,
  stateMachineTracing,
  busArchive,
  snsTlsOnly,
  sqsTlsOnly,
];
