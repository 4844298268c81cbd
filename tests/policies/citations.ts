/**
 * Reads the catalogue IDs that TypeScript comments cite, and the policy names a file defines, for
 * the tests that keep policies' doc comments in step with policies/catalog.ts.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** The text of every comment of a TypeScript source, in order. */
export function commentsOf(source: string): string[] {
  const file = ts.createSourceFile("file.ts", source, ts.ScriptTarget.Latest, true);
  const comments = new Map<number, string>();
  const collect = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) comments.set(r.pos, source.slice(r.pos, r.end));
  };
  const visit = (node: ts.Node) => {
    collect(ts.getLeadingCommentRanges(source, node.getFullStart()));
    collect(ts.getTrailingCommentRanges(source, node.getEnd()));
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...comments.entries()].sort(([a], [b]) => a - b).map(([, text]) => text);
}

export interface Citations {
  /** Cited IDs as the catalogues spell them: `CKV_AWS_24`, `AwsSolutions-EC23` (for "cdk-nag EC23"). */
  readonly ids: string[];
  /** Shortened lists that name IDs only in part, such as "CKV_AWS_24/25" or "CKV_AWS_53-56". */
  readonly abbreviated: string[];
}

const RULE = String.raw`(?:AwsSolutions-)?[A-Z][A-Za-z]*\d+`;
/** "cdk-nag EC23", "cdk-nag: AEC3, AEC6", "cdk-nag RDS2, AEC3 and SMG4". */
const CDK_NAG_LIST = new RegExp(
  String.raw`\bcdk-nag:?\s+(${RULE}(?:\s*(?:,|/|\band\b|\bor\b)\s*${RULE})*)`,
  "g",
);

/** The catalogue IDs a comment cites: checkov IDs, AwsSolutions IDs, and bare IDs after "cdk-nag". */
export function citationsIn(comment: string): Citations {
  const text = comment
    .replace(/^\s*(\/\*\*?|\*\/|\*|\/\/)/gm, " ")
    .replace(/\*\/\s*$/, " ")
    .replace(/\s+/g, " ");
  const ids = new Set<string>();
  for (const m of text.matchAll(/\bCKV2?_AWS_\d+\b/g)) ids.add(m[0]);
  for (const m of text.matchAll(/\bAwsSolutions-[A-Za-z0-9]+\b/g)) ids.add(m[0]);
  for (const m of text.matchAll(CDK_NAG_LIST)) {
    for (const rule of m[1].split(/\s*(?:,|\/|\band\b|\bor\b)\s*/)) {
      ids.add(rule.startsWith("AwsSolutions-") ? rule : `AwsSolutions-${rule}`);
    }
  }
  const abbreviated = [...text.matchAll(/\bCKV2?_AWS_\d+(?:\s*[/-]\s*\d+)+/g)].map((m) => m[0]);
  return { ids: [...ids], abbreviated };
}

/** The string values of `name:` properties in a source: the names of the policies it defines. */
export function namesDefinedIn(source: string): string[] {
  const file = ts.createSourceFile("file.ts", source, ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === "name" &&
      ts.isStringLiteral(node.initializer)
    ) {
      names.push(node.initializer.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

/** Every `.ts` file under a directory, recursively, as paths relative to it. */
export function tsFilesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return tsFilesUnder(dir, rel);
    return e.name.endsWith(".ts") ? [rel] : [];
  });
}
