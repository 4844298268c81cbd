/**
 * Checks that a set of stack files forms one platform, as a table of rules (exactly one primary, at
 * most two secondaries, at most one of them in the failover record, every peer exists and is
 * declared as it really is), and orders the stacks for applying: each after all its peers.
 */
import { MAX_CACHE_SECONDARIES } from "../config/data";
import { EDGE_DEFAULTS } from "../config/defaults";
import { forEach, runRules, type RuleTable } from "../config/rule-table";
import type { StackFile } from "./stack-files";

export class StackSetError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `The stack files do not form one platform (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "StackSetError";
  }
}

interface PeerDecl {
  stack?: unknown;
  region?: unknown;
  cidr?: unknown;
  role?: unknown;
}

const peersOf = (f: StackFile): PeerDecl[] => {
  const p = f.decoded["platform:peers"];
  return Array.isArray(p) ? (p as PeerDecl[]) : [];
};
const cidrOf = (f: StackFile): unknown =>
  (f.decoded["platform:network"] as { cidr?: unknown } | undefined)?.cidr;
/** The stack file a peer entry names (`<org>/<project>/<stack>` or `<stack>`). */
const fileOf = (byName: ReadonlyMap<string, StackFile>, stack: unknown): StackFile | undefined => {
  const name = String(stack);
  return byName.get(name.split("/").pop() ?? name);
};

/** The stack files checked as a set. */
interface StackSet {
  readonly files: readonly StackFile[];
  readonly byName: ReadonlyMap<string, StackFile>;
}

const withRole = (s: StackSet, role: string) => s.files.filter((f) => f.decoded["platform:role"] === role);
const names = (files: readonly StackFile[]) => files.map((f) => f.stack).join(", ");
/** Secondaries that are members of the Route 53 failover record (`platform:edge.failover`, on by default). */
const failoverSecondaries = (s: StackSet) =>
  withRole(s, "secondary").filter(
    (f) =>
      ((f.decoded["platform:edge"] as { failover?: unknown } | undefined)?.failover ??
        EDGE_DEFAULTS.failover) !== false,
  );

/** Stack files that own the order pipeline's EventBridge global endpoint. */
const endpointOwners = (s: StackSet) =>
  s.files.filter(
    (f) =>
      (f.decoded["platform:pipeline"] as { globalEndpoint?: unknown } | undefined)?.globalEndpoint === true,
  );

/** `platform:data.<store>.engineVersion` of a stack file. */
const engineVersionOf = (f: StackFile, store: "aurora" | "cache"): unknown =>
  (f.decoded["platform:data"] as Record<string, { engineVersion?: unknown } | undefined> | undefined)?.[store]
    ?.engineVersion;

/** A secondary's engine version of a global store, beside the primary's. */
interface VersionPin {
  readonly file: StackFile;
  readonly primary: StackFile;
  readonly store: "aurora" | "cache";
}

/** One entry of a stack file's `platform:peers`, with the stack file it names (if any). */
interface PeerEntry {
  readonly file: StackFile;
  readonly peer: PeerDecl;
  readonly i: number;
  readonly target: StackFile | undefined;
  readonly known: readonly string[];
}

/** A field of a peer entry and the value the peer's own stack file has for it. */
interface PeerField extends PeerEntry {
  readonly target: StackFile;
  readonly field: "region" | "cidr" | "role";
  readonly declared: unknown;
  readonly actual: unknown;
}

const entryKey = (p: PeerEntry) => `${p.file.stack}: platform:peers[${p.i}]`;

const PEER_RULES: RuleTable<PeerEntry> = [
  {
    name: "each peer has a stack file",
    reads: ["platform:peers[i].stack"],
    fails: (p) => p.target === undefined,
    message: (p) =>
      `${entryKey(p)}.stack = ${JSON.stringify(p.peer.stack)} has no stack file: expected one of ${p.known.join(", ")}`,
  },
  forEach(
    "each declared field of the peer",
    (p: PeerEntry): PeerField[] => {
      const t = p.target;
      if (!t) return [];
      return [
        { ...p, target: t, field: "region", declared: p.peer.region, actual: t.decoded["aws:region"] },
        { ...p, target: t, field: "cidr", declared: p.peer.cidr, actual: cidrOf(t) },
        { ...p, target: t, field: "role", declared: p.peer.role, actual: t.decoded["platform:role"] },
      ];
    },
    [
      {
        name: "each peer is declared as its own stack file says",
        reads: ["platform:peers[i]", "aws:region", "platform:network.cidr", "platform:role"],
        fails: (p) => p.declared !== p.actual,
        message: (p) =>
          `${entryKey(p)}.${p.field} = ${JSON.stringify(p.declared)} but stack "${p.target.stack}" has ${JSON.stringify(p.actual)}: expected them equal`,
      },
    ],
  ),
];

/** The checks across the stack files, in the order they report. */
export const STACK_SET_RULES: RuleTable<StackSet> = [
  {
    name: "exactly one primary stack",
    reads: ["platform:role"],
    when: (s) => s.files.length > 0,
    fails: (s) => withRole(s, "primary").length !== 1,
    message: (s) => {
      const primaries = withRole(s, "primary");
      return (
        `platform:role = "primary" is set in ${primaries.length} stack files (${names(primaries) || "none"}): ` +
        `expected exactly one primary stack`
      );
    },
  },
  {
    name: `at most ${MAX_CACHE_SECONDARIES} secondary stacks`,
    reads: ["platform:role"],
    fails: (s) => withRole(s, "secondary").length > MAX_CACHE_SECONDARIES,
    message: (s) => {
      const secondaries = withRole(s, "secondary");
      return (
        `platform:role = "secondary" is set in ${secondaries.length} stack files (${names(secondaries)}): ` +
        `expected at most ${MAX_CACHE_SECONDARIES}, because every secondary joins the ElastiCache global datastore, which allows at most ${MAX_CACHE_SECONDARIES} secondary regions`
      );
    },
  },
  {
    name: "at most one secondary in the Route 53 failover record",
    reads: ["platform:role", "platform:edge.failover"],
    fails: (s) => failoverSecondaries(s).length > 1,
    message: (s) =>
      `platform:edge.failover is on in ${failoverSecondaries(s).length} secondary stack files (${names(failoverSecondaries(s))}): ` +
      `expected it on in at most one, because a Route 53 failover record pairs one PRIMARY with one SECONDARY; set failover: false on the others`,
  },
  forEach(
    "each global store of each secondary",
    (s: StackSet): VersionPin[] => {
      const [primary] = withRole(s, "primary");
      if (!primary) return [];
      return withRole(s, "secondary").flatMap((file) =>
        (["aurora", "cache"] as const).map((store) => ({ file, primary, store })),
      );
    },
    [
      {
        name: "every stack pins the primary's engine versions",
        reads: ["platform:data.aurora.engineVersion", "platform:data.cache.engineVersion"],
        when: (v) => typeof engineVersionOf(v.primary, v.store) === "string",
        fails: (v) => engineVersionOf(v.file, v.store) !== engineVersionOf(v.primary, v.store),
        message: (v) =>
          `${v.file.stack}: platform:data.${v.store}.engineVersion = ${JSON.stringify(engineVersionOf(v.file, v.store))} ` +
          `but the primary stack "${v.primary.stack}" has ${JSON.stringify(engineVersionOf(v.primary, v.store))}: expected ` +
          `the same version in every stack file (a global store runs one version, upgraded from the primary; a ` +
          `secondary's parameter group family follows its own)`,
      },
    ],
  ),
  forEach(
    "each peer of each stack file",
    (s: StackSet): PeerEntry[] =>
      s.files.flatMap((file) =>
        peersOf(file).map((peer, i) => ({
          file,
          peer,
          i,
          target: fileOf(s.byName, peer.stack),
          known: [...s.byName.keys()],
        })),
      ),
    PEER_RULES,
  ),
  {
    // An EventBridge global endpoint pairs exactly two buses (CreateEndpoint: EventBuses, "Fixed
    // number of 2 items"): one primary, one secondary.
    name: "at most one stack owns the EventBridge global endpoint",
    reads: ["platform:pipeline.globalEndpoint"],
    fails: (s) => endpointOwners(s).length > 1,
    message: (s) =>
      `platform:pipeline.globalEndpoint = true is set in ${endpointOwners(s).length} stack files (${names(endpointOwners(s))}): ` +
      `expected it in at most one secondary, because a global endpoint pairs the primary's bus with one other region's`,
  },
];

/** Validates the set and returns the stacks in apply order (ties broken by name). */
export function applyOrder(files: readonly StackFile[]): StackFile[] {
  const byName = new Map(files.map((f) => [f.stack, f]));
  const problems = runRules(STACK_SET_RULES, { files, byName }).map((f) => f.message);
  if (problems.length > 0) throw new StackSetError(problems);

  // Depth-first topological order over "peer before me", deterministic by name.
  const order: StackFile[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (f: StackFile, path: string[]) => {
    const s = state.get(f.stack);
    if (s === "done") return;
    if (s === "visiting")
      throw new StackSetError([`platform:peers form a cycle: ${[...path, f.stack].join(" -> ")}`]);
    state.set(f.stack, "visiting");
    const deps = peersOf(f)
      .map((p) => fileOf(byName, p.stack))
      .filter((x): x is StackFile => x !== undefined)
      .sort((a, b) => a.stack.localeCompare(b.stack));
    for (const d of deps) visit(d, [...path, f.stack]);
    state.set(f.stack, "done");
    order.push(f);
  };
  for (const f of [...files].sort((a, b) => a.stack.localeCompare(b.stack))) visit(f, []);
  return order;
}

/** The stack and every stack it depends on, transitively, in apply order. */
export function withDependencies(ordered: readonly StackFile[], stack: string): StackFile[] {
  const byName = new Map(ordered.map((f) => [f.stack, f]));
  const target = byName.get(stack);
  if (!target)
    throw new StackSetError([
      `--stack ${stack}: no Pulumi.${stack}.yaml; expected one of ${[...byName.keys()].join(", ")}`,
    ]);
  const need = new Set<string>();
  const walk = (f: StackFile) => {
    if (need.has(f.stack)) return;
    need.add(f.stack);
    for (const p of peersOf(f)) {
      const d = fileOf(byName, p.stack);
      if (d) walk(d);
    }
  };
  walk(target);
  return ordered.filter((f) => need.has(f.stack));
}
