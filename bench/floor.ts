/**
 * The benchmark's floor: the Pulumi SDK's own cost of running this program. The same program,
 * for every stack in apply order, from compiled JavaScript, on the plain
 * `pulumi.runtime.setMocks` with a mock that only echoes inputs, plus the least the program needs
 * to run at all: StackReferences get the earlier stack's outputs, and the few computed outputs
 * the primary hands the other stacks (and the EKS cluster's CA and OIDC issuer) get placeholders
 * (`CARRIED`). No recording, no policies, no JSON.
 */
import * as pulumi from "@pulumi/pulumi";
import { program } from "../stacks/program";
import { findStackFiles, readProjectName, readStackFile } from "../src/plan/stack-files";
import { applyOrder } from "../src/plan/stack-set";

import { waitForRPCs } from "../src/plan/sdk-internals";

/**
 * Computed outputs a later stack reads from an earlier one (the origin secret, the data tier's
 * IDs, endpoints and secret ARNs, the tiers' load balancer and group names), which the contract
 * (stacks/contract.ts) requires to be present.
 */
const ARN_SHAPES: Readonly<Record<string, (name: string) => string>> = {
  "aws:secretsmanager/secret:Secret": (name) => `arn:aws:secretsmanager:floor:0:secret:${name}`,
  "aws:rds/proxy:Proxy": (name) => `arn:aws:rds:floor:0:db-proxy:prx-${name}`,
};
const CARRIED = (name: string, type: string) => ({
  result: name,
  endpoint: name,
  readerEndpoint: name,
  // ARNs shaped like the real ones: a secret's (a later stack's SecretReplica names it as its
  // primary) and an RDS Proxy's (the program takes its resource ID for rds-db:connect).
  arn: ARN_SHAPES[type]?.(name) ?? name,
  globalReplicationGroupId: name,
  primaryEndpointAddress: name,
  readerEndpointAddress: name,
  dnsName: name,
  zoneId: name,
  arnSuffix: name,
  // The EKS cluster's computed outputs the stack's own outputs and kubeconfig are made from.
  certificateAuthority: { data: name },
  identities: [{ oidcs: [{ issuer: name }] }],
});

async function floor(root: string): Promise<void> {
  const project = readProjectName(root);
  const outputs = new Map<string, unknown>();
  for (const f of applyOrder(findStackFiles(root).map(readStackFile))) {
    await pulumi.runtime.setMocks(
      {
        newResource: (a) =>
          a.type === "pulumi:pulumi:StackReference"
            ? {
                id: a.name,
                state: { outputs: outputs.get(String(a.inputs.name).split("/").pop() ?? "") ?? {} },
              }
            : {
                id: `${a.name}-id`,
                state: {
                  name: a.name,
                  ...(a.inputs as Record<string, unknown>),
                  ...CARRIED(a.name, a.type),
                },
              },
        call: (a) => a.inputs as Record<string, unknown>,
      },
      project,
      f.stack,
      false,
      "organization",
    );
    pulumi.runtime.setAllConfig({ ...f.values }, [...f.secretKeys]);
    outputs.set(f.stack, await pulumi.runtime.runInPulumiStack(() => program({ offlinePlan: true })));
    await waitForRPCs();
  }
}

floor(process.argv[2] ?? process.cwd()).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
