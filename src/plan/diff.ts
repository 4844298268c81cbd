/**
 * Differences between two plans of the same stack: which resources were added, removed or
 * renamed (matched through their aliases, as the engine matches them), and which inputs and
 * resource options changed. Used to review a refactoring ("nothing but the names changed") and
 * a drill ("only the health check changes"), offline.
 */
import { isDeepStrictEqual } from "node:util";
import type { PlanResource, StackPlan } from "./types";

export interface ValueChange {
  readonly key: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface ResourceChange {
  readonly urn: string;
  /** The URN in the earlier plan, when the resource was renamed or moved (through an alias). */
  readonly previousUrn?: string;
  readonly type: string;
  /** Top-level inputs whose values differ. */
  readonly inputs: readonly ValueChange[];
  /** Resource options (protect, ignoreChanges, ...) whose values differ. */
  readonly options: readonly ValueChange[];
}

export interface PlanDiff {
  readonly stack: string;
  /** Resources only in the later plan, with no alias to one in the earlier plan. */
  readonly added: readonly PlanResource[];
  /** Resources of the earlier plan that nothing in the later plan is or aliases. */
  readonly removed: readonly PlanResource[];
  /** Resources matched by an alias: earlier URN to later URN. */
  readonly renamed: readonly { readonly from: string; readonly to: string }[];
  /** Matched resources (same URN or renamed) whose inputs or options differ. */
  readonly changed: readonly ResourceChange[];
  /** Stack outputs that appeared, disappeared or changed, by top-level name. */
  readonly outputs: { readonly added: string[]; readonly removed: string[]; readonly changed: string[] };
}

const COMPARED_OPTIONS = ["protect", "ignoreChanges", "retainOnDelete", "deleteBeforeReplace"] as const;

function changes(before: Record<string, unknown>, after: Record<string, unknown>, keys?: readonly string[]) {
  const all = keys ?? [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return all
    .filter((k) => !isDeepStrictEqual(before[k], after[k]))
    .map((k) => ({ key: k, before: before[k], after: after[k] }));
}

/** Replaces every earlier URN inside a value with its later URN (dependencies, parents, references). */
function renameUrns(value: unknown, rename: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") return rename.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => renameUrns(v, rename));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameUrns(v, rename)]));
  }
  return value;
}

/** Compares two plans of one stack. */
export function diffPlans(before: StackPlan, after: StackPlan): PlanDiff {
  const earlier = new Map(before.resources.map((r) => [r.urn, r]));
  const rename = new Map<string, string>();
  const matched = new Map<string, PlanResource>();
  const added: PlanResource[] = [];
  for (const r of after.resources) {
    const same = earlier.get(r.urn);
    const alias = same ? undefined : (r.options.aliases ?? []).find((a) => earlier.has(a));
    const previous = same ?? (alias ? earlier.get(alias) : undefined);
    if (!previous) {
      added.push(r);
      continue;
    }
    matched.set(r.urn, previous);
    if (previous.urn !== r.urn) rename.set(previous.urn, r.urn);
  }
  const matchedEarlier = new Set([...matched.values()].map((r) => r.urn));
  const removed = before.resources.filter((r) => !matchedEarlier.has(r.urn));

  const changed: ResourceChange[] = [];
  for (const r of after.resources) {
    const previous = matched.get(r.urn);
    if (!previous) continue;
    const inputs = changes(renameUrns(previous.inputs, rename) as Record<string, unknown>, r.inputs);
    const options = changes(
      renameUrns(previous.options, rename) as Record<string, unknown>,
      r.options as unknown as Record<string, unknown>,
      COMPARED_OPTIONS,
    );
    const parentBefore = renameUrns(previous.parent, rename);
    if (parentBefore !== r.parent) options.push({ key: "parent", before: parentBefore, after: r.parent });
    if (inputs.length > 0 || options.length > 0) {
      changed.push({
        urn: r.urn,
        ...(previous.urn !== r.urn ? { previousUrn: previous.urn } : {}),
        type: r.type,
        inputs,
        options,
      });
    }
  }
  const out = changes(before.outputs, after.outputs);
  return {
    stack: after.stack,
    added,
    removed,
    renamed: [...rename].map(([from, to]) => ({ from, to })),
    changed,
    outputs: {
      added: out.filter((c) => c.before === undefined).map((c) => c.key),
      removed: out.filter((c) => c.after === undefined).map((c) => c.key),
      changed: out.filter((c) => c.before !== undefined && c.after !== undefined).map((c) => c.key),
    },
  };
}

const short = (v: unknown): string => {
  const s = JSON.stringify(v) ?? "undefined";
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
};

/** A readable report of a diff. */
export function formatDiff(d: PlanDiff): string {
  const lines = [
    `${d.stack}: ${d.added.length} added, ${d.removed.length} removed, ${d.renamed.length} renamed (aliased), ${d.changed.length} changed`,
  ];
  for (const r of d.renamed) lines.push(`  renamed  ${r.from}\n        -> ${r.to}`);
  for (const r of d.added) lines.push(`  added    ${r.urn}`);
  for (const r of d.removed) lines.push(`  removed  ${r.urn}`);
  for (const c of d.changed) {
    lines.push(`  changed  ${c.urn}`);
    for (const v of [...c.inputs, ...c.options]) {
      lines.push(`           ${v.key}: ${short(v.before)} -> ${short(v.after)}`);
    }
  }
  const o = d.outputs;
  if (o.added.length + o.removed.length + o.changed.length > 0) {
    lines.push(
      `  outputs  added [${o.added.join(", ")}], removed [${o.removed.join(", ")}], changed [${o.changed.join(", ")}]`,
    );
  }
  return lines.join("\n");
}
