/**
 * A Mermaid flowchart of a stack's components (nodes, linked parent to child from the stack down)
 * and its cross-stack links (each StackReference as a dotted edge to the stack it reads).
 */
import type { StackPlan } from "../plan/types";

const ROOT = "pulumi:pulumi:Stack";
const REF = "pulumi:pulumi:StackReference";

/** Text safe inside a quoted Mermaid label. */
const label = (s: string) => s.replace(/"/g, "#quot;").replace(/[<>]/g, (c) => (c === "<" ? "#lt;" : "#gt;"));
/** A Mermaid node ID from any text. */
const nodeId = (prefix: string, s: string) => `${prefix}_${s.replace(/[^A-Za-z0-9]/g, "_")}`;
/** "platform:network:Vpc" -> "network:Vpc". */
const shortType = (t: string) => t.split(":").slice(1).join(":") || t;
/** The stack a StackReference reads: the last part of "<org>/<project>/<stack>". */
export const referencedStack = (name: string): string => name.split("/").pop() ?? name;

export function componentDiagram(plan: StackPlan): string {
  const root = plan.resources.find((r) => r.type === ROOT);
  const ids = new Map<string, string>();
  const lines = ["flowchart LR"];
  const role =
    typeof plan.config["platform:role"] === "string" ? `, ${String(plan.config["platform:role"])}` : "";
  const stackNode = nodeId("stack", plan.stack);
  if (root) ids.set(root.urn, stackNode);
  lines.push(`  ${stackNode}["stack ${label(plan.stack)} (${label(plan.region)}${label(role)})"]`);
  const components = plan.resources.filter((r) => !r.custom && r.type !== ROOT);
  components.forEach((c, i) => ids.set(c.urn, `c${i}`));
  for (const c of components)
    lines.push(`  ${ids.get(c.urn)!}["${label(c.name)}<br/>${label(shortType(c.type))}"]`);
  for (const c of components) {
    const parent = c.parent ? ids.get(c.parent) : undefined;
    if (parent) lines.push(`  ${parent} --> ${ids.get(c.urn)!}`);
  }
  const targets = new Set<string>();
  for (const ref of plan.resources.filter((r) => r.type === REF)) {
    const name = typeof ref.inputs.name === "string" ? ref.inputs.name : ref.name;
    const target = referencedStack(name);
    const targetNode = nodeId("ref", target);
    if (!targets.has(target)) {
      targets.add(target);
      lines.push(`  ${targetNode}[("stack ${label(target)}")]`);
    }
    const from = (ref.parent ? ids.get(ref.parent) : undefined) ?? stackNode;
    lines.push(`  ${from} -.->|"StackReference ${label(name).replace(/\|/g, "/")}"| ${targetNode}`);
  }
  return lines.join("\n");
}
