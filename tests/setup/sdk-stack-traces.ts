/**
 * jest `setupFilesAfterEnv`: keeps Pulumi's own bookkeeping stack traces out of source maps.
 *
 * The SDK captures a stack trace for every resource (`Resource.callsites`, for its source
 * position) and every debuggable promise (`debuggablePromise`), and reads `.stack` at once.
 * Under jest each of those goes through source-map-support, which maps all frames (up to 100
 * in jest) through the source maps of our transformed files and of the SDK's own `.js.map`
 * files: more than half of a plan's time in a test. Outside jest (`npm run plan`, the Pulumi CLI
 * without source maps) those traces are V8's plain ones, so this gives them the same text here.
 * Every other stack trace, e.g. of a failing assertion or an error from our code, is still
 * source-mapped as jest does by default. Should a later SDK rename those two functions, this
 * simply stops applying: the suite gets slower, never different.
 */
/** V8's call site; its toString() is the text V8 prints after "at " (not in @types/node). */
type Frame = NodeJS.CallSite & { toString(): string };
type Prepare = (error: Error, frames: Frame[]) => unknown;

/** Node's own default `Error.stackTraceLimit` (jest raises it to 100 for failing tests). */
const NODE_STACK_TRACE_LIMIT = 10;
const SDK = /[\\/]node_modules[\\/]@pulumi[\\/]pulumi[\\/]/;

/** How many frames V8 prints for this trace outside jest; undefined when it is not the SDK's. */
function sdkCapture(frame: NodeJS.CallSite | undefined): number | undefined {
  const file = frame?.getFileName();
  if (!file || !SDK.test(file)) return undefined;
  const at = file.slice(file.search(SDK)).replace(/\\/g, "/");
  const fn = frame!.getFunctionName();
  // Resource.callsites raises the limit to Infinity itself.
  if (fn === "callsites" && at === "/node_modules/@pulumi/pulumi/resource.js") return Infinity;
  if (fn === "debuggablePromise" && at === "/node_modules/@pulumi/pulumi/runtime/debuggable.js")
    return NODE_STACK_TRACE_LIMIT;
  return undefined;
}

const mapped = Error.prepareStackTrace as Prepare | undefined;
if (mapped) {
  Error.prepareStackTrace = (error: Error, frames: Frame[]) => {
    const limit = sdkCapture(frames[0]);
    if (limit === undefined) return mapped(error, frames);
    let text = Error.prototype.toString.call(error);
    for (const f of frames.slice(0, limit)) text += `\n    at ${f.toString()}`;
    return text;
  };
}
