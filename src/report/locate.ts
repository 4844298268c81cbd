/**
 * Finds the source line that created a planned resource, for SARIF locations.
 *
 * Plans record no source positions, so this searches the repository's TypeScript sources: every
 * `new <Class>(<name>, ...)` call is indexed with its first argument turned into a pattern (a
 * string literal matches itself, a template literal `${x}-nat-${az}` matches with its `${...}`
 * parts as wildcards, a variable is resolved through the nearest `const <it> = ...` before the
 * call, anything else matches any name). A resource is located at the best-matching constructor
 * call of its type, preferring the file that defines its parent component (the file that calls
 * `super("<parent type>", ...)`); failing that, at its parent component's creation, and so on up
 * to the stack; failing everything, at the stack file (`Pulumi.<stack>.yaml`).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { PlanResource, StackPlan } from "../plan/types";

export interface SourceLocation {
  /** Path relative to the repository root, with forward slashes. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** "resource": the resource's own constructor call; "component": an enclosing component's; "stack-file". */
  readonly kind: "resource" | "component" | "stack-file";
}

interface CallSite {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The constructor expression, e.g. "aws.ec2.Vpc". */
  readonly callee: string;
  /** Matches the resource name, or undefined when the name argument is not understood (matches any). */
  readonly pattern: RegExp | undefined;
  /** How specific the pattern is: literal characters in it (0 for a wildcard). */
  readonly specificity: number;
  /** `key: "value"` string properties written in the call, to tell apart calls of one type. */
  readonly literals: ReadonlyMap<string, string>;
}

const SKIP_DIRS = new Set(["node_modules", "dist", ".git", ".plan", "coverage", "tests", "bench"]);

function tsFiles(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith("."))
        out.push(...tsFiles(root, join(dir, entry.name)));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}

/**
 * The text from `i` to the first depth-0 `,`, `)` or `;` (one argument, or one initializer);
 * with `all`, to the depth-0 `)` (the whole argument list).
 */
function firstArgument(text: string, i: number, all = false): string {
  let j = i;
  const stack: string[] = [];
  while (j < text.length) {
    const c = text[j];
    const inTemplate = stack[stack.length - 1] === "`";
    if (inTemplate) {
      if (c === "\\") j++;
      else if (c === "`") stack.pop();
      else if (c === "$" && text[j + 1] === "{") {
        stack.push("${");
        j++;
      }
    } else if (c === '"' || c === "'") {
      const end = text.indexOf(c, j + 1);
      j = end < 0 ? text.length : end;
    } else if (c === "`") stack.push("`");
    else if (c === "(" || c === "[" || c === "{") stack.push(c);
    else if (c === ")" || c === "]" || c === "}") {
      if (stack.length === 0) break;
      stack.pop();
    } else if ((c === "," || c === ";") && stack.length === 0 && !all) break;
    j++;
  }
  return text.slice(i, j).trim();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A name argument as a pattern: string and template literals; other expressions give none. */
function patternOf(arg: string): { pattern: RegExp; specificity: number } | undefined {
  const str = /^(["'])(.*)\1$/s.exec(arg);
  if (str) return { pattern: new RegExp(`^${escape(str[2])}$`), specificity: 1000 };
  if (arg.startsWith("`") && arg.endsWith("`")) {
    const body = arg.slice(1, -1);
    let re = "";
    let literal = 0;
    let i = 0;
    while (i < body.length) {
      if (body.startsWith("${", i)) {
        let depth = 1;
        let j = i + 2;
        while (j < body.length && depth > 0) {
          if (body[j] === "{") depth++;
          else if (body[j] === "}") depth--;
          j++;
        }
        re += "(.+?)";
        i = j;
      } else {
        re += escape(body[i]);
        literal++;
        i++;
      }
    }
    return { pattern: new RegExp(`^${re}$`), specificity: literal };
  }
  return undefined;
}

const NEW_CALL = /\bnew\s+([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(?:<[^>()]*>)?\s*\(/g;
const SUPER_TYPE = /\bsuper\(\s*["'`]([^"'`]+)["'`]/g;

export class SourceIndex {
  private constructor(
    private readonly root: string,
    private readonly calls: readonly CallSite[],
    /** Component type token to the files whose constructors call super("<type>", ...). */
    private readonly definers: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** Indexes the TypeScript sources under `root` (skipping node_modules, dist, tests, bench). */
  static build(root: string): SourceIndex {
    const calls: CallSite[] = [];
    const definers = new Map<string, string[]>();
    for (const path of tsFiles(root)) {
      const text = readFileSync(path, "utf8");
      const file = relative(root, path).split(sep).join("/");
      const lineStarts = [0];
      for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
      const position = (offset: number) => {
        let lo = 0;
        let hi = lineStarts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (lineStarts[mid] <= offset) lo = mid;
          else hi = mid - 1;
        }
        return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
      };
      for (const m of text.matchAll(SUPER_TYPE)) {
        const list = definers.get(m[1]) ?? [];
        if (!list.includes(file)) list.push(file);
        definers.set(m[1], list);
      }
      for (const m of text.matchAll(NEW_CALL)) {
        const start = m.index;
        let arg = firstArgument(text, start + m[0].length);
        if (/^[A-Za-z_$][\w$]*$/.test(arg)) {
          // A variable: the nearest `const|let <it> = <expr>` before the call, within 40 lines.
          const before = text.slice(Math.max(0, start - 4000), start);
          const decls = [...before.matchAll(new RegExp(`\\b(?:const|let)\\s+${escape(arg)}\\s*=\\s*`, "g"))];
          const last = decls[decls.length - 1];
          if (last) arg = firstArgument(before, last.index + last[0].length).replace(/;$/, "");
        }
        const p = patternOf(arg);
        const literals = new Map<string, string>();
        for (const l of firstArgument(text, start + m[0].length, true).matchAll(/\b(\w+):\s*"([^"\n]*)"/g)) {
          if (!literals.has(l[1])) literals.set(l[1], l[2]);
        }
        calls.push({
          literals,
          file,
          ...position(start),
          callee: m[1],
          pattern: p?.pattern,
          specificity: p?.specificity ?? 0,
        });
      }
    }
    return new SourceIndex(root, calls, definers);
  }

  /** Where the resource `urn` of `plan` was created (see the module comment). */
  locate(plan: StackPlan, urn: string): SourceLocation | undefined {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    let r = byUrn.get(urn);
    let kind: SourceLocation["kind"] = "resource";
    while (r && r.type !== "pulumi:pulumi:Stack") {
      const found = this.constructorOf(r, r.parent ? byUrn.get(r.parent) : undefined);
      if (found) return { ...found, kind };
      r = r.parent ? byUrn.get(r.parent) : undefined;
      kind = "component";
    }
    return this.stackFile(plan.stack);
  }

  /** The stack file of `stack`, line 1, when it is in the repository root. */
  stackFile(stack: string): SourceLocation | undefined {
    const file = `Pulumi.${stack}.yaml`;
    return existsSync(join(this.root, file)) ? { file, line: 1, column: 1, kind: "stack-file" } : undefined;
  }

  private constructorOf(r: PlanResource, parent: PlanResource | undefined) {
    // A provider's type is pulumi:providers:<package>; its class is `<package module>.Provider`.
    const provider = /^pulumi:providers:(.+)$/.exec(r.type);
    const [pkg = "", mod = "", cls = ""] = provider
      ? [provider[1], provider[1], "Provider"]
      : r.type.split(":");
    const ns = mod.split("/")[0] ?? "";
    const matchesType = (callee: string) => {
      const parts = callee.split(".");
      if (pkg === "kubernetes" && isCustomResourceType(r.type)) {
        return callee.endsWith("apiextensions.CustomResource");
      }
      if (provider) {
        const owner = parts[parts.length - 2] ?? "";
        return (
          parts[parts.length - 1] === "Provider" &&
          (owner === pkg || (pkg === "kubernetes" && owner === "k8s"))
        );
      }
      if (parts[parts.length - 1] !== cls) return false;
      if (!r.custom)
        return parts.length <= 2 && !["aws", "random", "k8s", "kubernetes", "pulumi"].includes(parts[0]);
      // Kubernetes modules: kubernetes:helm.sh/v3:Release is created as k8s.helm.v3.Release.
      const k8sModule = pkg === "kubernetes" && parts.slice(1, -1).join(".") === mod.replace(".sh/", ".");
      return (
        parts.length === 1 || parts[parts.length - 2] === ns || parts[parts.length - 2] === pkg || k8sModule
      );
    };
    const preferred = new Set(parent ? (this.definers.get(parent.type) ?? []) : []);
    let best: CallSite | undefined;
    let bestScore = -1;
    for (const c of this.calls) {
      if (!matchesType(c.callee)) continue;
      if (c.pattern && !c.pattern.test(r.name)) continue;
      // Literal properties of the call that the resource's inputs agree with count for it, those
      // they contradict against it (two VpcEndpoint calls: vpcEndpointType "Gateway" or "Interface").
      let agreement = 0;
      for (const [key, value] of c.literals) {
        const actual = r.inputs[key];
        if (typeof actual === "string") agreement += actual === value ? 5 : -100;
      }
      const score = c.specificity + agreement + (preferred.has(c.file) ? 10000 : 0);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best ? { file: best.file, line: best.line, column: best.column } : undefined;
  }
}

/**
 * A Kubernetes custom resource's type (kubernetes:karpenter.sh/v1:NodePool): its API group is a
 * DNS name outside Helm's, and the program creates it as `k8s.apiextensions.CustomResource`.
 */
export function isCustomResourceType(type: string): boolean {
  const [pkg, mod = ""] = type.split(":");
  const group = mod.split("/")[0] ?? "";
  return pkg === "kubernetes" && group.includes(".") && group !== "helm.sh" && !group.endsWith(".k8s.io");
}
