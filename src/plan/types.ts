/**
 * The offline plan's JSON document, one per stack. Documented in docs/plan-format.md;
 * `formatVersion` changes when a field changes meaning or disappears.
 */

export const PLAN_FORMAT_VERSION = 1;

/** The placeholder written wherever a secret value would be. */
export const REDACTED = "[secret]";

export interface PlanResourceOptions {
  /** URNs this resource depends on (explicit `dependsOn` and input dependencies). */
  dependsOn: string[];
  protect: boolean;
  ignoreChanges: string[];
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
  /** Per-input dependencies: input name to the URNs its value came from. */
  propertyDependencies: Record<string, string[]>;
  /** URNs the resource had before a rename or move (its `aliases`, resolved as the engine does). */
  aliases: string[];
  /** The `customTimeouts` given (Go durations such as "75m"); absent when none is. */
  customTimeouts?: { create?: string; update?: string; delete?: string };
}

export interface PlanResource {
  urn: string;
  type: string;
  name: string;
  /** True for provider-managed resources, false for components. */
  custom: boolean;
  /** "register" for resources the stack manages, "read" for reads such as StackReference. */
  operation: "register" | "read";
  /** The parent's URN; absent only on the root stack resource. */
  parent?: string;
  /** The provider reference (`<urn>::<id>`) when one was given explicitly. */
  provider?: string;
  /** The region the resource lands in: its own `region` input, else its provider's, else the stack's. */
  region: string;
  /** The mocked physical ID (custom resources). */
  id?: string;
  /** The resource's inputs, with secrets redacted. */
  inputs: Record<string, unknown>;
  options: PlanResourceOptions;
}

export interface PlanPlaceholder {
  /** The full key, e.g. `platform:accountId`. */
  key: string;
  value: string;
  /** What to put there. */
  expected: string;
  /** The command that looks the real value up. */
  lookup: string;
}

export interface PlanViolation {
  pack: string;
  policy: string;
  enforcement: "advisory" | "mandatory";
  urn: string;
  /**
   * The policy's own message. The Pulumi CLI shows the policy's description, a newline and this
   * message (@pulumi/policy `makeReportViolationFun`).
   */
  message: string;
  /** The policy's severity (policies/metadata.ts), when it declares one. */
  severity?: "low" | "medium" | "high" | "critical";
  /** What to change so the policy passes (the policy's `remediationSteps`), when it has it. */
  remediation?: string;
}

export interface StackPlan {
  formatVersion: number;
  stack: string;
  project: string;
  region: string;
  /** The stack's config as the program saw it, decoded, with secret values redacted. */
  config: Record<string, unknown>;
  /**
   * Placeholder values the stack file still carries: accepted offline, refused by a real
   * `pulumi preview`/`up` (src/config/placeholders.ts). Always written; absent only in plans of
   * older versions.
   */
  placeholders?: PlanPlaceholder[];
  resources: PlanResource[];
  /** The stack's outputs, with secrets redacted. */
  outputs: Record<string, unknown>;
  policies: {
    packs: { name: string; version: string }[];
    violations: PlanViolation[];
  };
}
