import type { EnforcementLevel, Policies } from "@pulumi/policy";

/** A policy pack as data: what its CLI entry serves and what the offline plan evaluates. */
export interface PolicyPackDefinition {
  readonly name: string;
  readonly version: string;
  /** What the pack checks (the PolicyPack's description). @default none */
  readonly description?: string;
  /** Level of policies that set none. */
  readonly enforcementLevel: EnforcementLevel;
  readonly policies: Policies;
}
