/**
 * The offline plan: runs the real program for each stack on Pulumi's mock runtime, in apply
 * order, evaluates the policy packs on what it registered and builds one plan document per stack.
 */
import type { PolicyPackDefinition } from "../../policies/pack";
import { findPlaceholders, validateStackConfig, type LoadOptions } from "../config";
import { evaluatePolicies } from "./policies";
import { costFactsFor, withCostFacts } from "./cost-facts";
import { parsePolicyConfig, PolicyConfigError, resolvePolicyConfig } from "./policy-config";
import { runStack } from "./run-stack";
import { applyOrder, withDependencies } from "./stack-set";
import type { StackFile } from "./stack-files";
import { PLAN_FORMAT_VERSION, type PlanResource, type StackPlan } from "./types";

export interface PlanOptions {
  readonly project: string;
  readonly stackFiles: readonly StackFile[];
  /** Plan only this stack (its peers are planned too, to answer its StackReferences). @default all */
  readonly only?: string;
  /** The program; runStack runs it with `offlinePlan: true` (placeholders are accepted and listed). */
  readonly program: (options: LoadOptions) => Promise<Record<string, unknown> | undefined>;
  readonly packs: readonly PolicyPackDefinition[];
  /** Policy config in the CLI's `--policy-pack-config` format (JSON-decoded), for every stack. @default none */
  readonly policyConfig?: unknown;
  /**
   * A stack's own policy config (e.g. `policies/config/<stack>.json`, read by the CLI), used
   * instead of `policyConfig` where it returns one. @default none
   */
  readonly policyConfigFor?: (stack: string) => unknown;
  /** Called after each stack, e.g. to write it out. @default none */
  readonly onStack?: (plan: StackPlan, requested: boolean) => void | Promise<void>;
}

const DEFAULT_ACCOUNT = "123456789012";
const rank = (r: PlanResource) => (r.type === "pulumi:pulumi:Stack" ? 0 : 1);

/** Plans the stacks; resolves to the plans of the requested stacks, in apply order. */
export async function planStacks(opts: PlanOptions): Promise<StackPlan[]> {
  // Each stack's own config first (the most specific errors), then the set as a whole.
  for (const f of opts.stackFiles)
    validateStackConfig({ stack: f.stack, project: opts.project, values: f.values });
  // The policy config too, before anything is planned (the CLI checks it when it loads the packs).
  const policyConfigOf = (stack: string): unknown => opts.policyConfigFor?.(stack) ?? opts.policyConfig;
  for (const f of opts.stackFiles) {
    try {
      const policyConfig = parsePolicyConfig(policyConfigOf(f.stack));
      for (const pack of opts.packs) resolvePolicyConfig(pack, policyConfig);
    } catch (e) {
      if (!(e instanceof PolicyConfigError) || !opts.policyConfigFor?.(f.stack)) throw e;
      throw new PolicyConfigError(`policy config of stack ${f.stack}: ${e.message}`);
    }
  }
  const ordered = applyOrder(opts.stackFiles);
  const toRun = opts.only ? withDependencies(ordered, opts.only) : ordered;
  const outputsByStack = new Map<string, Record<string, unknown>>();
  const plans: StackPlan[] = [];
  const planned: StackPlan[] = [];
  for (const file of toRun) {
    const regionValue = file.decoded["aws:region"];
    const region = typeof regionValue === "string" ? regionValue : "";
    const account = file.decoded["platform:accountId"];
    const result = await runStack({
      stack: file.stack,
      project: opts.project,
      config: file.values,
      secretKeys: file.secretKeys,
      region,
      accountId: typeof account === "string" && /^\d{12}$/.test(account) ? account : DEFAULT_ACCOUNT,
      stackOutputs: outputsByStack,
      program: opts.program,
    });
    outputsByStack.set(file.stack, result.plainOutputs);

    // Registration completes in an order that depends on timing; URN order is stable, so two
    // plans of the same program are byte-identical. The root stack comes first.
    const resources: PlanResource[] = result.records
      .map(({ plainInputs: _plain, ...r }) => ({ ...r, region: result.regions.get(r.urn) ?? region }))
      .sort((a, b) => rank(a) - rank(b) || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    // The cost rules' stack facts (posture, the primary's estimate) come through policy config.
    const config = withCostFacts(policyConfigOf(file.stack), costFactsFor(file.decoded, planned));
    const violations = await evaluatePolicies(resources, opts.packs, { region, config });
    const plan: StackPlan = {
      formatVersion: PLAN_FORMAT_VERSION,
      stack: file.stack,
      project: opts.project,
      region,
      config: { ...file.decoded },
      placeholders: findPlaceholders({ stack: file.stack, project: opts.project, values: file.values }),
      resources,
      outputs: result.outputs,
      policies: {
        packs: opts.packs.map((p) => ({ name: p.name, version: p.version })),
        violations,
      },
    };
    planned.push(plan);
    const requested = !opts.only || opts.only === file.stack;
    await opts.onStack?.(plan, requested);
    if (requested) plans.push(plan);
  }
  return plans;
}
