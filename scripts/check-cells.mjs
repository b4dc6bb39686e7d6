// Type-checks every page's cells, in page order, against the real library types: each page becomes
// one module (src/notebook/program.mjs) under .cache/check-cells/, checked by the installed tsc
// (TypeScript 7 is native and has no JS API). Errors are reported as "page, cell N (id), line:col".
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { PAGE_DIRS, pageFiles, scanPage } from "../src/notebook/cells.mjs";
import { cellsAsProgram } from "../src/notebook/program.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const OUT = join(ROOT, ".cache", "check-cells");
/** Where pages live; CHECK_CELLS_DIRS (comma-separated) replaces the list, for the tests. */
const DIRS = process.env.CHECK_CELLS_DIRS?.split(",") ?? PAGE_DIRS;

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

/** @type {Map<string, { page: string, cells: { id: string | null, line: number }[], origin: ({ cell: number, line: number } | null)[] }>} */
const generated = new Map();
for (const file of pageFiles(ROOT, DIRS).map((page) => join(ROOT, page))) {
  const cells = scanPage(readFileSync(file, "utf8")).flatMap((block) => (block.kind === "cell" ? [block] : []));
  if (cells.length === 0) continue;
  const page = relative(ROOT, file);
  const { text, origin } = cellsAsProgram(cells);
  const name = `${page.replace(/[^\w]+/g, "_")}.ts`;
  writeFileSync(join(OUT, name), text);
  generated.set(name, { page, cells, origin });
}
if (generated.size === 0) {
  console.log("check-cells: no page has cells");
  process.exit(0);
}

writeFileSync(
  join(OUT, "tsconfig.json"),
  JSON.stringify({
    extends: "../../tsconfig.json",
    compilerOptions: { noEmit: true, allowUnreachableCode: true },
    files: [...generated.keys(), "../../src/notebook/cell-globals.d.ts"],
    include: [], // or the root config's "include" would be checked too
  }, null, 2),
);

const tsc = spawnSync(join(ROOT, "node_modules/.bin/tsc"), ["--noEmit", "--pretty", "false", "-p", join(OUT, "tsconfig.json")], { encoding: "utf8", cwd: ROOT });
const lines = `${tsc.stdout}${tsc.stderr}`.split("\n").filter((line) => line.trim() !== "");
let errors = 0;
for (const line of lines) {
  const match = /^(.*?)\((\d+),(\d+)\): (error|warning) (TS\d+: .*)$/.exec(line);
  const source = match ? generated.get(relative(OUT, resolve(ROOT, match[1]))) : undefined;
  if (!match || !source) {
    if (match?.[4] === "error" || /error/.test(line)) errors += 1;
    console.error(line);
    continue;
  }
  if (match[4] === "error") errors += 1;
  const at = source.origin[Number(match[2]) - 1];
  if (!at) {
    console.error(`${source.page}: ${match[5]} (in the glue between cells, line ${match[2]} of ${relative(ROOT, join(OUT, match[1]))})`);
    continue;
  }
  const cell = source.cells[at.cell];
  const where = `${source.page}:${cell.line + at.line - 1}:${match[3]}`;
  console.error(`${where}: cell ${at.cell + 1}${cell.id ? ` (id=${cell.id})` : ""}, line ${at.line}:${match[3]}: ${match[5]}`);
}
const pages = [...generated.values()];
const count = pages.reduce((n, p) => n + p.cells.length, 0);
if (errors > 0 || tsc.status !== 0) {
  console.error(`check-cells: ${errors} type error${errors === 1 ? "" : "s"} in the cells of ${pages.length} page${pages.length === 1 ? "" : "s"}`);
  process.exit(1);
}
console.log(`check-cells: ${count} cells on ${pages.length} pages type-check`);
