// Entry point of the Pulumi program (Pulumi.yaml: `main: stacks/`).
import { program } from "./program";

export = program();
