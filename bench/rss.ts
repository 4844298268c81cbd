/** Preloaded with `node -r`: writes the process's peak resident memory (KiB) to $BENCH_RSS_FILE at exit. */
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
