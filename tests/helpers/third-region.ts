import { join } from "node:path";
import { readStackFile, type StackFile } from "../../src/plan/stack-files";
import { ROOT } from "./config";

/**
 * The third-region fixture: a stack file for ap-south-1, peering with both stacks of the project.
 * A third region takes only this file: tests add it to the project's files as they are.
 */
export const THIRD_REGION_FILE = join(ROOT, "tests", "fixtures", "third-region", "Pulumi.ap-south-1.yaml");

/** The third region's stack file, read afresh. */
export const thirdRegionFile = (): StackFile => readStackFile(THIRD_REGION_FILE);
