/**
 * Checks that a set of stack files forms one platform, as a table of rules (exactly one primary, at
 * most two secondaries, at most one of them in the failover record, every peer exists and is
 * declared as it really is), and orders the stacks for applying: each after all its peers.
 */
import { MAX_CACHE_SECONDARIES } from "../config/data";
import { CACHE_DEFAULTS, EDGE_DEFAULTS, READER_AUTOSCALING_DEFAULTS } from "../config/defaults";
import { record } from "../config/raw";
import { writerRegionOf } from "../config/rules/failover";
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

/** `platform:failover` of a stack file. */
const failoverOf = (f: StackFile) => record(f.decoded["platform:failover"]);
const regionOf = (f: StackFile): unknown => f.decoded["aws:region"];
/** The writer's region a stack file resolves (its own `writerRegion`, else the primary's region). */
const writerOf = (f: StackFile): unknown =>
  writerRegionOf({
    region: regionOf(f),
    input: { role: f.decoded["platform:role"], peers: f.decoded["platform:peers"], failover: failoverOf(f) },
  });
/** Stack files that set `platform:failover.order`. */
const withOrder = (s: StackSet) => s.files.filter((f) => Array.isArray(failoverOf(f).order));
/**
 * The platform's failover order: the primary's `platform:failover.order` (else the first stack
 * file's that sets one); without any, the primary and the secondaries in the failover record.
 */
export function platformOrder(files: readonly StackFile[]): unknown[] {
  const set = { files, byName: new Map(files.map((f) => [f.stack, f])) };
  const [primary] = withRole(set, "primary");
  const given = [primary, ...withOrder(set)].find((f) => f && Array.isArray(failoverOf(f).order));
  if (given) return [...(failoverOf(given).order as unknown[])];
  return [primary, ...failoverSecondaries(set)].filter((f) => f !== undefined).map(regionOf);
}
const regions = (s: StackSet) => s.files.map(regionOf);
/** Stack files with a drill other than `none`. */
const drilled = (s: StackSet) =>
  s.files.filter((f) => failoverOf(f).drill !== undefined && failoverOf(f).drill !== "none");
/** The stack file serving the region after `f`'s in the failover order. */
const nextOf = (s: StackSet, f: StackFile): StackFile | undefined => {
  const order = platformOrder(s.files);
  const at = order.indexOf(regionOf(f));
  if (at < 0) return undefined;
  return s.files.find((x) => regionOf(x) === order[at + 1]);
};
/** `platform:data.aurora.readerAutoscaling` of a stack file, with the defaults of what it leaves out. */
const readerScalingOf = (f: StackFile) => {
  const given = record(record(record(f.decoded["platform:data"]).aurora).readerAutoscaling);
  return {
    min: given.min ?? READER_AUTOSCALING_DEFAULTS.min,
    max: given.max ?? READER_AUTOSCALING_DEFAULTS.max,
    cpuTarget: given.cpuTarget ?? READER_AUTOSCALING_DEFAULTS.cpuTarget,
  };
};
const postureOf = (f: StackFile): unknown =>
  f.decoded["platform:posture"] ?? (f.decoded["platform:role"] === "primary" ? "active" : "warm-standby");

/** A stack file and something about the set it is checked against. */
interface InSet {
  readonly file: StackFile;
  readonly set: StackSet;
}

const FAILOVER_SET_RULES: RuleTable<StackSet> = [
  forEach(
    "each stack file that sets a writer region",
    (s: StackSet): (InSet & { primary: StackFile })[] => {
      const [primary] = withRole(s, "primary");
      if (!primary) return [];
      return s.files
        .filter((file) => file !== primary && failoverOf(file).writerRegion !== undefined)
        .map((file) => ({ file, set: s, primary }));
    },
    [
      {
        name: "every stack file names the primary's writer region",
        reads: ["platform:failover.writerRegion"],
        fails: (x) => writerOf(x.file) !== writerOf(x.primary),
        message: (x) =>
          `${x.file.stack}: platform:failover.writerRegion = ${JSON.stringify(writerOf(x.file))} but the primary stack ` +
          `"${x.primary.stack}" has ${JSON.stringify(writerOf(x.primary))}: expected the same region in every stack file that sets it ` +
          `(the primary owns the global database and datastore and moves their writer)`,
      },
    ],
  ),
  {
    name: "a stack serves the writer region",
    reads: ["platform:failover.writerRegion", "aws:region"],
    when: (s) => withRole(s, "primary").length === 1,
    fails: (s) => !regions(s).includes(writerOf(withRole(s, "primary")[0])),
    message: (s) => {
      const [primary] = withRole(s, "primary");
      return (
        `${primary.stack}: platform:failover.writerRegion = ${JSON.stringify(writerOf(primary))} is served by no stack file: ` +
        `expected one of ${regions(s)
          .map((r) => JSON.stringify(r))
          .join(", ")} (the region must have an Aurora and cache member to promote)`
      );
    },
  },
  forEach(
    "each stack file with a failover order",
    (s: StackSet): (InSet & { first: StackFile })[] => {
      const [first] = withOrder(s);
      return first ? s.files.filter((f) => f !== first).map((file) => ({ file, set: s, first })) : [];
    },
    [
      {
        name: "every stack file has the same failover order",
        reads: ["platform:failover.order"],
        fails: (x) => JSON.stringify(failoverOf(x.file).order) !== JSON.stringify(failoverOf(x.first).order),
        message: (x) =>
          `${x.file.stack}: platform:failover.order = ${JSON.stringify(failoverOf(x.file).order ?? null)} but stack ` +
          `"${x.first.stack}" has ${JSON.stringify(failoverOf(x.first).order)}: expected the same list in every stack file`,
      },
    ],
  ),
  {
    name: "the failover order names every stack's region and only those",
    reads: ["platform:failover.order", "aws:region"],
    when: (s) => withOrder(s).length > 0,
    fails: (s) => {
      const order = platformOrder(s.files);
      return regions(s).some((r) => !order.includes(r)) || order.some((r) => !regions(s).includes(r));
    },
    message: (s) => {
      const order = platformOrder(s.files);
      const missing = regions(s).filter((r) => !order.includes(r));
      const unknown = order.filter((r) => !regions(s).includes(r));
      return (
        `platform:failover.order = ${JSON.stringify(order)} ` +
        [
          missing.length ? `omits ${missing.map((r) => JSON.stringify(r)).join(", ")}` : "",
          unknown.length
            ? `names ${unknown.map((r) => JSON.stringify(r)).join(", ")}, which no stack file serves`
            : "",
        ]
          .filter(Boolean)
          .join(" and ") +
        `: expected each region of the stack files (${regions(s)
          .map((r) => JSON.stringify(r))
          .join(", ")}) once`
      );
    },
  },
  forEach("each drilled stack file", (s: StackSet): InSet[] => drilled(s).map((file) => ({ file, set: s })), [
    {
      name: "a drilled region serves traffic and has a region to fall back to",
      reads: ["platform:failover.drill", "platform:failover.order", "platform:edge.failover"],
      fails: (x) => nextOf(x.set, x.file) === undefined,
      message: (x) => {
        const order = platformOrder(x.set.files);
        const at = order.indexOf(regionOf(x.file));
        return (
          `${x.file.stack}: platform:failover.drill = ${JSON.stringify(failoverOf(x.file).drill)} but region ` +
          `${JSON.stringify(regionOf(x.file))} ${at < 0 ? "is not in" : "is the last of"} the failover order ${JSON.stringify(order)}` +
          `${at >= 0 && at + 1 < order.length ? ` and ${JSON.stringify(order[at + 1])} has no stack file` : ""}: ` +
          `expected a drill only of a region that serves traffic and is followed in the order by a region with a stack file`
        );
      },
    },
    {
      name: "a region drill has the next region active",
      reads: ["platform:failover.drill", "platform:posture"],
      when: (x) => failoverOf(x.file).drill === "region" && nextOf(x.set, x.file) !== undefined,
      fails: (x) => postureOf(nextOf(x.set, x.file)!) !== "active",
      message: (x) => {
        const next = nextOf(x.set, x.file)!;
        return (
          `${x.file.stack}: platform:failover.drill = "region" but the next region's stack "${next.stack}" has ` +
          `platform:posture = ${JSON.stringify(postureOf(next))}: expected "active" there (it takes all the traffic and the writer)`
        );
      },
    },
  ]),
  forEach(
    "each secondary stack file",
    (s: StackSet): (InSet & { primary: StackFile })[] => {
      const [primary] = withRole(s, "primary");
      return primary ? withRole(s, "secondary").map((file) => ({ file, set: s, primary })) : [];
    },
    [
      {
        // The writer region's stack registers the scaling (stacks/data.ts readerScaling), so it
        // must scale like the primary wherever the writer goes.
        name: "every stack file scales the writer's readers like the primary",
        reads: ["platform:data.aurora.readerAutoscaling"],
        fails: (x) => JSON.stringify(readerScalingOf(x.file)) !== JSON.stringify(readerScalingOf(x.primary)),
        message: (x) =>
          `${x.file.stack}: platform:data.aurora.readerAutoscaling resolves to ${JSON.stringify(readerScalingOf(x.file))} ` +
          `but the primary stack "${x.primary.stack}" has ${JSON.stringify(readerScalingOf(x.primary))}: expected the same ` +
          `in every stack file (the stack in platform:failover.writerRegion scales its readers with its own)`,
      },
    ],
  ),
];

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

/** `platform:data.cache.<key>` of a stack file, with the key's default where it has one. */
const cacheSettingOf = (f: StackFile, key: "nodeType" | "engine"): unknown => {
  const cache = record(record(f.decoded["platform:data"]).cache);
  return cache[key] ?? (key === "engine" ? CACHE_DEFAULTS.engine : undefined);
};

/** A secondary's cache setting that only the primary's applies, beside the primary's. */
interface CacheSettingPin {
  readonly file: StackFile;
  readonly primary: StackFile;
  readonly key: "nodeType" | "engine";
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
    reads: ["platform:role", "platform:edge.failover", "platform:failover.order"],
    // With a failover order, the order decides the records (pairs chained, docs/failover.md).
    when: (s) => withOrder(s).length === 0,
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
    "each inherited cache setting of each secondary",
    (s: StackSet): CacheSettingPin[] => {
      const [primary] = withRole(s, "primary");
      if (!primary) return [];
      return withRole(s, "secondary").flatMap((file) =>
        (["nodeType", "engine"] as const).map((key) => ({ file, primary, key })),
      );
    },
    [
      {
        // A global datastore has one node type and engine: the primary member's, which the
        // secondaries inherit (they set none: components/data/cache.ts) and which changes only on
        // the global datastore (ModifyGlobalReplicationGroup CacheNodeType: "A valid cache node
        // type that you want to scale this Global datastore to", ElastiCache API reference). A
        // secondary's own value is never applied, so a different one would only mislead whoever
        // reads that stack file, and after a failover its member keeps the primary's node type.
        name: "every secondary names the primary's cache node type and engine",
        reads: ["platform:data.cache.nodeType", "platform:data.cache.engine"],
        when: (v) => typeof cacheSettingOf(v.primary, v.key) === "string",
        fails: (v) => cacheSettingOf(v.file, v.key) !== cacheSettingOf(v.primary, v.key),
        message: (v) =>
          `${v.file.stack}: platform:data.cache.${v.key} = ${JSON.stringify(cacheSettingOf(v.file, v.key) ?? null)} ` +
          `but the primary stack "${v.primary.stack}" has ${JSON.stringify(cacheSettingOf(v.primary, v.key))}: expected ` +
          `the same value in every stack file (the global datastore has one ${v.key === "engine" ? "engine" : "node type"}, ` +
          `the primary's; a secondary's is never applied, and it changes on the global datastore from the primary stack)`,
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
  ...FAILOVER_SET_RULES,
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
