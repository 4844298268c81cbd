import { join } from "node:path";
import { readStackFile, type StackFile } from "../../src/plan/stack-files";
import { ROOT } from "./config";

/** The third-region fixture: a stack file for ap-south-1, peering with both stacks of the project. */
export const THIRD_REGION_FILE = join(ROOT, "tests", "fixtures", "third-region", "Pulumi.ap-south-1.yaml");

/**
 * `files` with a third region added as an operator adds one: its stack file, and its region in the
 * primary's `platform:data.secretReplicaRegions` (the primary owns the secrets and replicates
 * them into every secondary's region, so it lists each one).
 */
export function withThirdRegion(
  files: readonly StackFile[],
  third = readStackFile(THIRD_REGION_FILE),
): StackFile[] {
  const region = third.decoded["aws:region"];
  return [
    ...files.map((f) => {
      if (f.decoded["platform:role"] !== "primary") return f;
      const data = f.decoded["platform:data"] as { secretReplicaRegions?: unknown[] };
      const value = { ...data, secretReplicaRegions: [...(data.secretReplicaRegions ?? []), region] };
      return {
        ...f,
        decoded: { ...f.decoded, "platform:data": value },
        values: { ...f.values, "platform:data": JSON.stringify(value) },
      };
    }),
    third,
  ];
}
