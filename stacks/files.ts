import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The project root: the nearest folder above this file that holds Pulumi.yaml. */
export function projectRoot(from: string = __dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, "Pulumi.yaml"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no Pulumi.yaml above ${from}`);
    dir = up;
  }
  return dir;
}

/** Reads a file named in config, relative to the project root; a missing file names the key. */
export function readProjectFile(key: string, relative: string): string {
  const path = join(projectRoot(), relative);
  if (!existsSync(path)) {
    throw new Error(
      `${key} = ${JSON.stringify(relative)}: no such file under the project root (${projectRoot()})`,
    );
  }
  return readFileSync(path, "utf8");
}
