// `npm run bench`: every benchmark in bench/, one after another, each printing its own tables.
// Benchmarks measure speed; tests never do.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

// ntk.bench.ts and browser.bench.ts: the workloads of bench/workloads.ts against numpy, in Node and in
// headless Chromium (one thread, and a thread per core when cross-origin isolated).
// page.bench.ts: the cells of the benchmark appendix (src/pages/benchmarks.mdx), run in Node.
const benches = ["bench/ntk.bench.ts", "bench/browser.bench.ts", "bench/page.bench.ts", "bench/notebook.bench.mjs"];
const only = process.argv[2];
let failed = 0;
for (const bench of benches.filter((b) => !only || b.includes(only))) {
  if (!existsSync(bench)) {
    console.log(`(skipping ${bench}: not present)`);
    continue;
  }
  console.log(`\n━━ ${bench} ━━`);
  const result = spawnSync(process.execPath, [bench], { stdio: "inherit" });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
