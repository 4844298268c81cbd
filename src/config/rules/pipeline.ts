/**
 * Rules of the order pipeline (`platform:pipeline`): FIFO queues only on a FIFO topic, and the
 * EventBridge global endpoint owned by a secondary, in regions that offer global endpoints.
 */
import { PIPELINE_CONSUMERS, GLOBAL_ENDPOINT_REGIONS } from "../pipeline";
import { show } from "../messages";
import { isObj, list, record, type RawStack } from "../raw";
import { forEach, type RuleTable } from "../rule-table";

const pipeline = (s: RawStack) => record(s.input.pipeline);
const topicFifo = (s: RawStack): unknown => record(pipeline(s).topic).fifo ?? false;
const endpointOn = (s: RawStack) => pipeline(s).globalEndpoint === true;
/** The region of the primary among `platform:peers`, as declared. */
const primaryRegion = (s: RawStack): unknown =>
  record(list(s.input.peers).find((p) => isObj(p) && p.role === "primary")).region;
const supported = (r: unknown) =>
  typeof r === "string" && (GLOBAL_ENDPOINT_REGIONS as readonly string[]).includes(r);

interface Consumer {
  readonly s: RawStack;
  readonly name: string;
  readonly c: Record<string, unknown>;
}

export const PIPELINE_RULES: RuleTable<RawStack> = [
  forEach(
    "each order consumer",
    (s: RawStack): Consumer[] =>
      PIPELINE_CONSUMERS.flatMap((name) => {
        const c = record(pipeline(s).consumers)[name];
        return isObj(c) ? [{ s, name, c }] : [];
      }),
    [
      {
        // SNS Developer Guide, "Message delivery for FIFO topics": FIFO topics deliver to FIFO and
        // standard queues; a standard topic cannot deliver to a FIFO queue.
        name: "a FIFO queue is subscribed to a FIFO topic",
        reads: ["platform:pipeline.consumers.<consumer>.fifo", "platform:pipeline.topic.fifo"],
        fails: ({ s, c }) => c.fifo === true && topicFifo(s) !== true,
        message: ({ s, name }) =>
          `platform:pipeline.consumers.${name}.fifo = true needs a FIFO topic, but platform:pipeline.topic.fifo = ${show(topicFifo(s))}: ` +
          `expected platform:pipeline.topic.fifo = true (an SNS standard topic cannot deliver to an SQS FIFO queue), or fifo = false`,
      },
    ],
  ),
  {
    name: "the global endpoint is owned by a secondary",
    reads: ["platform:pipeline.globalEndpoint", "platform:role"],
    when: endpointOn,
    fails: (s) => s.input.role !== "secondary",
    message: (s) =>
      `platform:pipeline.globalEndpoint = true is not allowed on a ${show(s.input.role)} stack: expected it on the secondary ` +
      `that pairs with the primary (the endpoint joins both regions' buses, so the stack applied later owns it, as it owns the peering)`,
  },
  {
    name: "the global endpoint's regions offer global endpoints",
    reads: ["platform:pipeline.globalEndpoint", "aws:region", "platform:peers"],
    when: (s) => endpointOn(s) && s.input.role === "secondary" && typeof primaryRegion(s) === "string",
    fails: (s) => !supported(s.region) || !supported(primaryRegion(s)),
    message: (s) => {
      const bad = [s.region, primaryRegion(s)].filter((r) => !supported(r));
      return (
        `platform:pipeline.globalEndpoint = true joins ${show(primaryRegion(s))} (primary) and ${show(s.region)}, but ` +
        `${bad.map((r) => show(r)).join(" and ")} ${bad.length === 1 ? "does" : "do"} not offer EventBridge global endpoints: ` +
        `expected both regions among ${GLOBAL_ENDPOINT_REGIONS.map((r) => show(r)).join(", ")}, or globalEndpoint = false`
      );
    },
  },
];
