/**
 * Checks that a set of stack files forms one platform (exactly one primary; every peer exists and
 * is declared as it really is) and orders the stacks for applying: each after all its peers.
 */
import { MAX_CACHE_SECONDARIES } from "../config/data";
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

/** Validates the set and returns the stacks in apply order (ties broken by name). */
export function applyOrder(files: readonly StackFile[]): StackFile[] {
  const problems: string[] = [];
  const byName = new Map(files.map((f) => [f.stack, f]));
  const primaries = files.filter((f) => f.decoded["platform:role"] === "primary");
  if (files.length > 0 && primaries.length !== 1) {
    problems.push(
      `platform:role = "primary" is set in ${primaries.length} stack files (${primaries.map((f) => f.stack).join(", ") || "none"}): ` +
        `expected exactly one primary stack`,
    );
  }
  const secondaries = files.filter((f) => f.decoded["platform:role"] === "secondary");
  if (secondaries.length > MAX_CACHE_SECONDARIES) {
    problems.push(
      `platform:role = "secondary" is set in ${secondaries.length} stack files (${secondaries.map((f) => f.stack).join(", ")}): ` +
        `expected at most ${MAX_CACHE_SECONDARIES}, because every secondary joins the ElastiCache global datastore, which allows at most ${MAX_CACHE_SECONDARIES} secondary regions`,
    );
  }
  const failoverSecondaries = secondaries.filter(
    (f) => (f.decoded["platform:edge"] as { failover?: unknown } | undefined)?.failover !== false,
  );
  if (failoverSecondaries.length > 1) {
    problems.push(
      `platform:edge.failover is on in ${failoverSecondaries.length} secondary stack files (${failoverSecondaries.map((f) => f.stack).join(", ")}): ` +
        `expected it on in at most one, because a Route 53 failover record pairs one PRIMARY with one SECONDARY; set failover: false on the others`,
    );
  }
  for (const f of files) {
    peersOf(f).forEach((peer, i) => {
      const name = String(peer.stack);
      const target = byName.get(name.split("/").pop() ?? name);
      const key = `${f.stack}: platform:peers[${i}]`;
      if (!target) {
        problems.push(
          `${key}.stack = ${JSON.stringify(peer.stack)} has no stack file: expected one of ${[...byName.keys()].join(", ")}`,
        );
        return;
      }
      const checks: [string, unknown, unknown][] = [
        ["region", peer.region, target.decoded["aws:region"]],
        ["cidr", peer.cidr, cidrOf(target)],
        ["role", peer.role, target.decoded["platform:role"]],
      ];
      for (const [field, declared, actual] of checks) {
        if (declared !== actual) {
          problems.push(
            `${key}.${field} = ${JSON.stringify(declared)} but stack "${target.stack}" has ${JSON.stringify(actual)}: expected them equal`,
          );
        }
      }
    });
  }
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
      .map((p) => byName.get(String(p.stack).split("/").pop() ?? ""))
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
      const d = byName.get(String(p.stack).split("/").pop() ?? "");
      if (d) walk(d);
    }
  };
  walk(target);
  return ordered.filter((f) => need.has(f.stack));
}
