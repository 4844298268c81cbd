/**
 * Readers of the two rule catalogues the pack is mapped against (`policies/reference/`): checkov's
 * AWS Terraform checks (TSV) and cdk-nag's AwsSolutions rules (markdown tables).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Where the catalogues live, relative to the repository root. */
export const CATALOGUE_FILES = {
  checkov: "policies/reference/checkov-aws-terraform-checks.tsv",
  cdkNag: "policies/reference/cdk-nag-aws-solutions-rules.md",
} as const;

/** One checkov check, as the catalogue lists it. */
export interface CheckovCheck {
  readonly id: string;
  /** The title, trimmed; undefined where the catalogue has `?`. */
  readonly title: string | undefined;
  /** The catalogue's title stops mid-sentence (the export cut it at a quote). */
  readonly titleCut: boolean;
  /** Terraform resource types, e.g. `aws_lb_listener`; empty where the catalogue has `?`. */
  readonly resourceTypes: readonly string[];
  /** The check's source file, e.g. `checkov/terraform/checks/resource/aws/SubnetPublicIP.py`. */
  readonly source: string;
}

/** One cdk-nag AwsSolutions rule. */
export interface CdkNagRule {
  /** `AwsSolutions-EC23`. */
  readonly id: string;
  readonly level: "warning" | "error";
  readonly cause: string;
}

export interface Catalogues {
  readonly checkov: ReadonlyMap<string, CheckovCheck>;
  readonly cdkNag: ReadonlyMap<string, CdkNagRule>;
}

/**
 * Parses the checkov TSV: ID, title, resource types, source path; one check a line. Rows whose ID
 * the export could not read (`?`) are skipped; a repeated ID is an error.
 */
export function parseCheckovCatalogue(tsv: string): Map<string, CheckovCheck> {
  const checks = new Map<string, CheckovCheck>();
  tsv.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const fields = line.split("\t");
    if (fields.length !== 4)
      throw new Error(`checkov catalogue line ${i + 1}: expected 4 tab-separated fields`);
    const [id, title, types, source] = fields;
    if (id === "?") return;
    if (!/^CKV2?_AWS_\d+$/.test(id))
      throw new Error(`checkov catalogue line ${i + 1}: "${id}" is not a check ID`);
    if (checks.has(id)) throw new Error(`checkov catalogue line ${i + 1}: ${id} is listed twice`);
    checks.set(id, {
      id,
      title: title === "?" ? undefined : title.trim(),
      titleCut: title !== "?" && title !== title.trimEnd(),
      resourceTypes: [...types.matchAll(/["']([a-z0-9_]+)["']/g)].map((m) => m[1]),
      source,
    });
  });
  return checks;
}

/**
 * Parses cdk-nag's rules markdown: a `### Warnings` and a `### Errors` section, each a table of
 * Rule ID, Cause, Explanation. A repeated ID is an error.
 */
export function parseCdkNagCatalogue(markdown: string): Map<string, CdkNagRule> {
  const rules = new Map<string, CdkNagRule>();
  let level: CdkNagRule["level"] | undefined;
  markdown.split("\n").forEach((line, i) => {
    const heading = /^###\s+(Warnings|Errors)\s*$/.exec(line);
    if (heading) level = heading[1] === "Warnings" ? "warning" : "error";
    const row = /^\|\s*(AwsSolutions-[A-Za-z0-9]+)\s*\|(.*)\|\s*$/.exec(line);
    if (!row) return;
    const id = row[1];
    if (!level)
      throw new Error(`cdk-nag catalogue line ${i + 1}: ${id} is outside the Warnings and Errors sections`);
    if (rules.has(id)) throw new Error(`cdk-nag catalogue line ${i + 1}: ${id} is listed twice`);
    const cause = row[2].split(/(?<!\\)\|/)[0].trim();
    rules.set(id, { id, level, cause });
  });
  return rules;
}

/** Reads both catalogues from a repository root. */
export function readCatalogues(root: string): Catalogues {
  return {
    checkov: parseCheckovCatalogue(readFileSync(join(root, CATALOGUE_FILES.checkov), "utf8")),
    cdkNag: parseCdkNagCatalogue(readFileSync(join(root, CATALOGUE_FILES.cdkNag), "utf8")),
  };
}

/**
 * How the docs name a catalogue rule: checkov's title, or for an untitled or cut-off title the
 * check's source file name too; cdk-nag's cause.
 */
export function ruleTitle(catalogues: Catalogues, id: string): string {
  const nag = catalogues.cdkNag.get(id);
  if (nag) return nag.cause;
  const check = catalogues.checkov.get(id);
  if (!check) throw new Error(`${id} is in neither catalogue`);
  const file = check.source.split("/").pop()?.replace(/\.py$/, "") ?? check.source;
  if (check.title === undefined) return `untitled in the catalogue (${file})`;
  return check.titleCut ? `${check.title}... (${file})` : check.title;
}
