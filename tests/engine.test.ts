import { readFileSync } from "node:fs";
import { join } from "node:path";

describe("runtime", () => {
  test("the suite runs on the Node.js major that package.json's engines declares (the lockfile's node package)", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as {
      engines: { node: string };
      devDependencies: Record<string, string>;
    };
    const minimum = Number(/^>=(\d+)$/.exec(pkg.engines.node)![1]);
    expect(minimum).toBe(22);
    expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(minimum);
    expect(pkg.devDependencies.node.split(".")[0]).toBe(String(minimum));
  });
});
