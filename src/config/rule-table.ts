/**
 * Checks across keys written as tables of rules, in the style of the AWS CDK's
 * `validate-database-cluster-props.ts`: each rule states the keys it reads, when it applies,
 * when the config breaks it and the message it reports. A table runs every rule in order and
 * collects every finding, so one run reports all problems at once.
 *
 * Rules look at raw, unvalidated input: each one guards its own reads (`when`), so it still
 * reports when other keys are invalid.
 */

/** One check across keys (or across stack files). `C` is what it looks at: a stack, a tier, a peer. */
export interface Rule<C> {
  /** What the rule requires, as a short sentence. Unique in its table: tests and docs name rules by it. */
  readonly name: string;
  /**
   * The keys it reads, written as in docs/config.md: `<tier>` stands for each tier and `[i]` for
   * each element of a list.
   */
  readonly reads: readonly string[];
  /** When the rule applies: the values it reads are present and of the type it needs. @default always */
  readonly when?: (c: C) => boolean;
  /** True when the config breaks the rule (only asked when it applies). */
  readonly fails: (c: C) => boolean;
  /** The problem reported: the key, the value found and what is expected. */
  readonly message: (c: C) => string;
}

/** A nested table run on each item of a context (each tier, each peer), item by item, in order. */
export interface ForEach<C> {
  /** What the items are, e.g. "each tier" (for docs and test names). */
  readonly each: string;
  /** The rules run on every item. */
  readonly rules: RuleTable<never>;
  /** Runs `rules` on the items of `c`: all rules on the first item, then on the next. */
  readonly run: (c: C) => Finding[];
}

/** Rules and nested tables, run in order. */
export type RuleTable<C> = readonly (Rule<C> | ForEach<C>)[];

/** One broken rule: the rule's name and the problem reported. */
export interface Finding {
  readonly rule: string;
  readonly message: string;
}

/**
 * A nested table: `items` picks what to check from the context (an empty list when there is
 * nothing to check, e.g. a key of the wrong type) and `rules` runs on each item.
 */
export function forEach<C, I>(each: string, items: (c: C) => readonly I[], rules: RuleTable<I>): ForEach<C> {
  return { each, rules, run: (c) => items(c).flatMap((item) => runRules(rules, item)) };
}

const isForEach = <C>(check: Rule<C> | ForEach<C>): check is ForEach<C> => "each" in check;

/** Runs a table on `c` and returns what it finds, in table order. */
export function runRules<C>(table: RuleTable<C>, c: C): Finding[] {
  const findings: Finding[] = [];
  for (const check of table) {
    if (isForEach(check)) findings.push(...check.run(c));
    else if ((check.when?.(c) ?? true) && check.fails(c))
      findings.push({ rule: check.name, message: check.message(c) });
  }
  return findings;
}

/** Every rule of a table, nested tables included, in table order. */
export function rulesOf(table: RuleTable<never>): Rule<never>[] {
  return table.flatMap((check) => (isForEach(check) ? rulesOf(check.rules) : [check]));
}
