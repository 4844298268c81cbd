import { spawn } from "node:child_process";
import { join } from "node:path";
import { platformPack } from "../../policies/pack";

describe("the platform policy pack", () => {
  test("holds every network policy, with unique names, mandatory by default", () => {
    const names = platformPack.policies.map((p) => p.name);
    expect(names).toEqual([
      "network-vpc-flow-logs",
      "network-default-security-group-closed",
      "network-no-public-ip-outside-public-tier",
      "network-peering-routes-peer-cidr-only",
    ]);
    expect(new Set(names).size).toBe(names.length);
    expect(platformPack.enforcementLevel).toBe("mandatory");
  });

  test("its CLI entry starts and serves the analyzer, printing its port as the Pulumi CLI expects", async () => {
    const dir = join(__dirname, "..", "..", "policies");
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "index.ts"], {
      cwd: dir,
    });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        let out = "";
        let err = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("\n")) resolve(out.split("\n")[0]);
        });
        child.stderr.on("data", (d: Buffer) => (err += d.toString()));
        child.on("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      expect(firstLine).toMatch(/^\d{2,5}$/);
    } finally {
      child.kill();
    }
  });
});
