/**
 * The policy SDK's own analyzer, in process: the offline plan evaluates the packs with the
 * handlers @pulumi/policy's `server.js` registers on its gRPC server (`configure`, `remediate`,
 * `analyze`, `analyzeStack`), called with the same protobuf requests the Pulumi CLI sends, but
 * without the transport. What the CLI's language host does for `--policy-pack DIR` (start the
 * pack, `new PolicyPack(...)` → `serve(...)`, gRPC on a local port) costs a type-checking start
 * per pack and a round trip per resource; this module keeps every line of the SDK's analysis and
 * drops those two. tests/policies/sdk-analyzer.test.ts shows that the packs started from their
 * entry points over gRPC (src/plan/sdk-analyzer.ts) report the same diagnostics.
 *
 * How the handlers are reached (each checked by {@link checkServerHandlers} against
 * @pulumi/policy 1.21.0):
 * - `makeAnalyzeRpcFun`, `makeAnalyzeStackRpcFun`, `makeRemediateRpcFun` (exported from
 *   `server.js`, marked @internal) build, for a pack's name, version, level and policies, exactly
 *   the handlers `serve` registers for that pack.
 * - `configure` (which sets the module's policy config for every pack) is not exported: it is
 *   taken from the handler table `serve` hands to `grpc.Server#addService`, by serving once an
 *   empty pack with `addService` recording the table and `bindAsync` doing nothing. The module
 *   allows one `serve` per process (a second one exits the process), which is why packs are not
 *   served one by one; the handlers are stateless but for the config `configure` sets, and this
 *   module configures each pack right before analysing it.
 * - `makeAnalyzerInfo` (exported from `protoutil.js`) is what `getAnalyzerInfo` returns.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { dirname } from "node:path";
import type { PolicyPackDefinition } from "../../policies/pack-definition";
import type * as pbTypes from "@pulumi/pulumi/proto/analyzer_pb";

type Callback<T> = (err: Error | null | undefined, res?: T) => void;
type Handler<Req, Res> = (call: { request: Req }, cb: Callback<Res>) => unknown;

interface ServerModule {
  serve: (name: string, version: string, level: string, args: object, initialConfig?: object) => void;
  makeAnalyzeRpcFun: (...a: unknown[]) => Handler<pbTypes.AnalyzeRequest, pbTypes.AnalyzeResponse>;
  makeAnalyzeStackRpcFun: (...a: unknown[]) => Handler<pbTypes.AnalyzeStackRequest, pbTypes.AnalyzeResponse>;
  makeRemediateRpcFun: (...a: unknown[]) => Handler<pbTypes.AnalyzeRequest, pbTypes.RemediateResponse>;
}
interface ProtoutilModule {
  makeAnalyzerInfo: (name: string, version: string, level: string, args: object) => pbTypes.AnalyzerInfo;
}

/** The handlers of one pack, as `serve` would register them. */
export interface PackHandlers {
  readonly configure: Handler<pbTypes.ConfigureAnalyzerRequest, unknown>;
  readonly analyze: Handler<pbTypes.AnalyzeRequest, pbTypes.AnalyzeResponse>;
  readonly analyzeStack: Handler<pbTypes.AnalyzeStackRequest, pbTypes.AnalyzeResponse>;
  readonly remediate: Handler<pbTypes.AnalyzeRequest, pbTypes.RemediateResponse>;
  readonly info: () => pbTypes.AnalyzerInfo;
}

/** Throws, naming each missing piece, when @pulumi/policy's server no longer has the shape used here. */
export function checkServerHandlers(
  server: Partial<ServerModule>,
  protoutil: Partial<ProtoutilModule>,
): void {
  const missing = [
    ...(["serve", "makeAnalyzeRpcFun", "makeAnalyzeStackRpcFun", "makeRemediateRpcFun"] as const).filter(
      (k) => typeof server[k] !== "function",
    ),
    ...(typeof protoutil.makeAnalyzerInfo === "function" ? [] : ["makeAnalyzerInfo (protoutil.js)"]),
  ];
  if (missing.length > 0) {
    throw new Error(
      `@pulumi/policy's server.js no longer exports what the offline plan calls (${missing.join(", ")}); ` +
        `src/plan/sdk-server.ts was checked against @pulumi/policy 1.21.0`,
    );
  }
}

let configureHandler: PackHandlers["configure"] | undefined;

/** `configure`, taken once from the handler table `serve` registers (see the module comment). */
function captureConfigure(server: ServerModule): PackHandlers["configure"] {
  if (configureHandler) return configureHandler;
  // The @grpc/grpc-js copy server.js itself loads (@pulumi/policy has its own).
  const grpcPath = require.resolve("@grpc/grpc-js", {
    paths: [dirname(require.resolve("@pulumi/policy/server"))],
  });
  const grpc = require(grpcPath) as { Server: { prototype: Record<string, unknown> } };
  const proto = grpc.Server.prototype;
  const { addService, bindAsync } = proto;
  let table: Record<string, unknown> | undefined;
  proto.addService = function (_service: unknown, impl: Record<string, unknown>) {
    table = impl;
  };
  proto.bindAsync = () => undefined;
  try {
    server.serve("offline-plan", "0.0.0", "advisory", { policies: [] });
  } finally {
    proto.addService = addService;
    proto.bindAsync = bindAsync;
  }
  if (typeof table?.configure !== "function") {
    throw new Error("@pulumi/policy's serve() registered no `configure` handler; see src/plan/sdk-server.ts");
  }
  configureHandler = table.configure as PackHandlers["configure"];
  return configureHandler;
}

/** The SDK's handlers for `pack` (its policies, name, version and default level). */
export function packHandlers(pack: PolicyPackDefinition): PackHandlers {
  const server = require("@pulumi/policy/server") as ServerModule;
  const protoutil = require("@pulumi/policy/protoutil") as ProtoutilModule;
  checkServerHandlers(server, protoutil);
  const args = [pack.name, pack.version, pack.enforcementLevel, pack.policies] as const;
  return {
    configure: captureConfigure(server),
    analyze: server.makeAnalyzeRpcFun(...args),
    analyzeStack: server.makeAnalyzeStackRpcFun(...args),
    remediate: server.makeRemediateRpcFun(...args),
    info: () =>
      protoutil.makeAnalyzerInfo(pack.name, pack.version, pack.enforcementLevel, {
        policies: pack.policies,
        ...(pack.description ? { description: pack.description } : {}),
      }),
  };
}

/** Calls a handler as the gRPC server would, with the request, and returns its response. */
export function call<Req, Res>(handler: Handler<Req, Res>, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    void handler({ request }, (err, res) => (err ? reject(err) : resolve(res as Res)));
  });
}
