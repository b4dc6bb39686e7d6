// The benchmark appendix (src/pages/benchmarks.mdx) from the command line: its cells run in Node by
// the notebook kernel itself, exactly as the site build runs them (wasm backend, cpu too), and their
// outputs are printed: tables as Markdown, console lines as they are, figures as a placeholder.
// So the sweeps, the sizes, the medians and the slope fit are the page's own code, not a copy.
// Run: node bench/page.bench.ts [page.mdx] (npm run bench runs it; Node ≥ 22.7).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { TS_FLAGS } from "../src/notebook/build/node-ts.mjs";

if (!process.execArgv.includes(TS_FLAGS[0])) {
  const child = spawnSync(process.execPath, [...TS_FLAGS, ...process.execArgv, import.meta.filename, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(child.status ?? 1);
}

const { scanPage } = await import("../src/notebook/cells.mjs");
const { startNodeKernel } = await import("../src/notebook/build/node-kernel.ts");
type Output = import("../src/notebook/protocol.ts").Output;

const PAGE = process.argv[2] ?? "src/pages/benchmarks.mdx";
type Block = { kind: "markdown"; text: string } | { kind: "cell"; id: string | null; source: string; line: number };
const cells = (scanPage(readFileSync(PAGE, "utf8")) as Block[]).flatMap((block) => (block.kind === "cell" ? [block] : []));

function markdownTable(columns: string[], rows: string[][]): string {
  const line = (cellsOfRow: string[]) => `| ${cellsOfRow.join(" | ")} |`;
  return [line(columns), line(columns.map((_, i) => (i === 0 ? "---:" : "---"))), ...rows.map(line)].join("\n");
}

function print(output: Output): void {
  switch (output.kind) {
    case "stream":
    case "text":
      console.log(output.text);
      break;
    case "table":
      console.log(`\n${markdownTable(output.columns, output.rows)}${output.more ? `\n(${output.more} more rows)` : ""}\n`);
      break;
    case "tensor":
      console.log(`Tensor ${output.dtype} [${output.shape.join(", ")}]\n${output.text}`);
      break;
    case "html":
      console.log("(figure: see the page)");
      break;
    case "error":
      console.error(`${output.name}: ${output.message}${output.where ? ` (${output.where})` : ""}${output.snippet ? `\n${output.snippet}` : ""}`);
      break;
    case "progress":
      break;
  }
}

console.log(`# ${PAGE}: its ${cells.length} cells, run by the notebook kernel in Node ${process.version}`);
const started = performance.now();
const kernel = await startNodeKernel();
let failed = false;
for (const [index, cell] of cells.entries()) {
  console.log(`\n## cell ${index + 1}${cell.id ? ` (${cell.id})` : ""}`);
  const cellStarted = performance.now();
  const summary = await kernel.run(cell.source, { index, id: cell.id }, print);
  console.log(`(cell ${index + 1}: ${((performance.now() - cellStarted) / 1000).toFixed(2)} s)`);
  if (!summary.ok) {
    failed = true;
    break;
  }
}
console.log(`\n(all cells: ${((performance.now() - started) / 1000).toFixed(1)} s on the ${kernel.backend.name} kernel)`);
process.exit(failed ? 1 : 0);
