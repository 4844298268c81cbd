/** Rules of the edge (`platform:edge`): CloudFront belongs to the primary and falls back to another region. */
import { show } from "../messages";
import type { RawStack } from "../raw";
import type { RuleTable } from "../rule-table";

/** `platform:edge` when it is an object or a list (a list has no `cdn`, so the CDN counts as missing). */
const edge = (s: RawStack) =>
  typeof s.input.edge === "object" && s.input.edge !== null
    ? (s.input.edge as Record<string, unknown>)
    : undefined;
const cdn = (s: RawStack): unknown => edge(s)?.cdn;

export const EDGE_RULES: RuleTable<RawStack> = [
  {
    name: "the primary stack has the CDN settings",
    reads: ["platform:role", "platform:edge.cdn"],
    when: (s) => edge(s) !== undefined && s.input.role === "primary",
    fails: (s) => cdn(s) === undefined,
    message: () =>
      `platform:edge.cdn is missing: expected the CloudFront settings on the primary stack, which owns the distribution and its WAF`,
  },
  {
    name: "a secondary stack has no CDN settings",
    reads: ["platform:role", "platform:edge.cdn"],
    when: (s) => edge(s) !== undefined && s.input.role === "secondary",
    fails: (s) => cdn(s) !== undefined,
    message: (s) =>
      `platform:edge.cdn = ${show(cdn(s))} is not allowed on a secondary stack: expected it only on the primary, which owns CloudFront`,
  },
  {
    name: "the fallback origin is another region's",
    reads: ["aws:region", "platform:edge.cdn.secondaryOriginRegion"],
    when: (s) => edge(s) !== undefined && Boolean(cdn(s)),
    fails: (s) => (cdn(s) as Record<string, unknown>).secondaryOriginRegion === s.region,
    message: (s) =>
      `platform:edge.cdn.secondaryOriginRegion = ${show((cdn(s) as Record<string, unknown>).secondaryOriginRegion)} is this stack's own region: expected another region's web tier as the fallback origin`,
  },
];
