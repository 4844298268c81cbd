/**
 * The policy SDK's own analyzer, as the Pulumi CLI runs it: each pack directory is started with
 * @pulumi/pulumi's `cmd/run-policy-pack` (what the Node.js language host runs for
 * `--policy-pack DIR`: ts-node with type checking, then the pack's `new PolicyPack(...)`, which
 * serves @pulumi/policy's `server.js` over gRPC and prints its port), and this module speaks the
 * CLI's side of the analyzer protocol (`pulumirpc.Analyzer`: `getAnalyzerInfo`, `configure`,
 * `analyze` per resource, `analyzeStack` once) with @grpc/grpc-js.
 *
 * Used by tests (tests/policies/sdk-analyzer.test.ts: the same plan through this path and
 * through the offline evaluator, src/plan/policies.ts, gives the same violations, messages,
 * severities and levels) and by `npm run bench`. Values are sent as the plan recorded them, all
 * known; `UNKNOWN` is the CLI's marker for a value unknown at preview.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { PolicyPackDefinition } from "../../policies/pack";
import type { PolicyContext, PolicyInput } from "./policies";
import { parsePolicyConfig, resolvePolicyConfig } from "./policy-config";
import {
  LEVEL_NAMES,
  SEVERITIES,
  analyzeRequest,
  analyzeStackRequest,
  configureRequest,
  diagnosticsOf,
  type SdkDiagnostic,
} from "./sdk-requests";

// @grpc/grpc-js and google-protobuf: the copies the SDK's generated code loads (root package.json).
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";

export { UNKNOWN, type SdkDiagnostic } from "./sdk-requests";

/** What `getAnalyzerInfo` reports about a pack and its policies. */
export interface SdkPackInfo {
  readonly name: string;
  readonly version: string;
  readonly policies: readonly {
    name: string;
    description: string;
    enforcement: string;
    severity?: string;
    remediation: string;
    configSchema?: unknown;
  }[];
}

const ROOT = join(__dirname, "..", "..");
/** The runner the Node.js language host starts for a policy pack directory. */
const RUNNER = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");

/** A unary call as a promise. */
function unary<Res>(fn: (cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown): Promise<Res> {
  return new Promise((resolve, reject) => fn((err, res) => (err ? reject(err) : resolve(res))));
}

/** One pack's analyzer process and the gRPC client talking to it. */
export class SdkAnalyzer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: AnalyzerClient,
  ) {}

  /** Starts the pack in `dir` (relative to the repository root, e.g. `policies/packs/security`). */
  static async start(dir: string): Promise<SdkAnalyzer> {
    const cwd = join(ROOT, dir);
    // argv as the language host passes it: the engine address (unused by policy packs), the program.
    const child = spawn(process.execPath, [RUNNER, "127.0.0.1:0", "."], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("\n")) resolve(out.split("\n")[0].trim());
      });
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      child.on("exit", (code) => reject(new Error(`policy pack ${dir} exited ${code}: ${err}${out}`)));
    });
    if (!/^\d+$/.test(port)) {
      child.kill();
      throw new Error(`policy pack ${dir} printed "${port}" instead of its port`);
    }
    const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 400 * 1024 * 1024,
      "grpc.max_send_message_length": 400 * 1024 * 1024,
    });
    return new SdkAnalyzer(child, client);
  }

  async info(): Promise<SdkPackInfo> {
    const res = await unary<pb.AnalyzerInfo>((cb) => this.client.getAnalyzerInfo(new Empty(), cb));
    return {
      name: res.getName(),
      version: res.getVersion(),
      policies: res.getPoliciesList().map((p) => ({
        name: p.getName(),
        description: p.getDescription(),
        enforcement: LEVEL_NAMES[p.getEnforcementlevel() as number],
        ...(SEVERITIES[p.getSeverity() as number] ? { severity: SEVERITIES[p.getSeverity() as number] } : {}),
        remediation: p.getRemediationSteps(),
        ...(p.getConfigschema()
          ? { configSchema: p.getConfigschema()!.getProperties()?.toJavaScript() }
          : {}),
      })),
    };
  }

  /** Sends the pack's config as the CLI does after reconciling it: every policy's level and properties. */
  async configure(pack: PolicyPackDefinition, config: unknown): Promise<void> {
    const req = configureRequest(resolvePolicyConfig(pack, parsePolicyConfig(config)));
    await unary<Empty>((cb) => this.client.configure(req, cb));
  }

  /** Runs `analyze` on every managed resource and `analyzeStack` once, as the CLI does in a preview. */
  async analyzeAll(resources: readonly PolicyInput[], ctx: PolicyContext): Promise<SdkDiagnostic[]> {
    const managed = resources.filter((r) => r.operation === "register");
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const diagnostics: SdkDiagnostic[] = [];
    for (const r of managed) {
      const req = analyzeRequest(r, byUrn, ctx);
      const res = await unary<pb.AnalyzeResponse>((cb) => this.client.analyze(req, cb));
      diagnostics.push(...diagnosticsOf(res, r.urn));
    }
    const stackReq = analyzeStackRequest(managed, byUrn, ctx);
    const stackRes = await unary<pb.AnalyzeResponse>((cb) => this.client.analyzeStack(stackReq, cb));
    const stackUrn = resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? "";
    diagnostics.push(...diagnosticsOf(stackRes, stackUrn));
    return diagnostics;
  }

  close(): void {
    this.client.close();
    this.child.kill();
  }
}

/** The pack directories, by pack name. */
export const PACK_DIRS: Readonly<Record<string, string>> = {
  security: "policies/packs/security",
  cost: "policies/packs/cost",
  preflight: "policies/packs/preflight",
};
