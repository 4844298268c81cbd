/** Rules of the data tier (`platform:data`). */
import { show } from "../messages";
import { record, type RawStack } from "../raw";
import type { RuleTable } from "../rule-table";

const aurora = (s: RawStack) => record(record(s.input.data).aurora);
const readerAutoscaling = (s: RawStack) => record(aurora(s).readerAutoscaling);

export const DATA_RULES: RuleTable<RawStack> = [
  {
    name: "Aurora reader autoscaling max is at least its min",
    reads: ["platform:data.aurora.readerAutoscaling.min", "platform:data.aurora.readerAutoscaling.max"],
    when: (s) => typeof readerAutoscaling(s).min === "number" && typeof readerAutoscaling(s).max === "number",
    fails: (s) => (readerAutoscaling(s).max as number) < (readerAutoscaling(s).min as number),
    message: (s) =>
      `platform:data.aurora.readerAutoscaling = ${show(readerAutoscaling(s))} has max below min: expected min <= max`,
  },
];
