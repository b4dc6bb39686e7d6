// Build-time outputs: each page's cells run in order with the same kernel the page uses, in a child
// process with a time limit per cell and a memory limit (cell-runner.ts), once per page, cached in
// .cache/notebook/. The cache key covers everything an output can depend on: the cells' code, the
// library and the notebook runtime, the locked dependencies and Node's version. A cell that fails, or
// passes a limit, fails the build naming the page file, its line and column, and the cell.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Output } from "../protocol.ts";
import { cellLabel } from "../kernel/kernel.ts";
import { filesUnder } from "../../site/built-files.mjs";
import { CACHE_DIR } from "./bake-cache.mjs";
import { CellLimitError, runPage } from "./cell-runner.ts";

export interface PageCell {
  id: string | null;
  source: string;
  /** the page line of the cell's first line of code, for errors (not part of the cache key) */
  line?: number;
  /** seconds the cell may run at build (the fence's timeout=) */
  timeout?: number;
}

/** A page that is a notebook, as src/notebook/remark-cells.mjs records it in the page's frontmatter. */
export interface PageNotebook {
  /** the page file, relative to the project (for build errors) */
  file: string;
  /** the file's name without .mdx: its downloads are notebooks/<name>.ipynb and .ts */
  name: string;
  cells: PageCell[];
}

/** What the outputs depend on besides the cells themselves. */
const CODE = ["src/ntk", "src/notebook", "package-lock.json"];

const pages = new Map<string, Promise<Output[][]>>();
/** Pages bake one after another: one bake process serves them all. */
let queue: Promise<unknown> = Promise.resolve();
let codeHash: string | null = null;

export function bakedOutputs(notebook: string, cells: readonly PageCell[]): Promise<Output[][]> {
  const key = createHash("sha256")
    .update(codeFingerprint())
    .update(JSON.stringify(cells.map(({ id, source }) => ({ id, source }))))
    .digest("hex")
    .slice(0, 24);
  let page = pages.get(key);
  if (!page) {
    page = queue.then(() => bakePage(notebook, cells, key));
    queue = page.catch(() => undefined);
    pages.set(key, page);
  }
  return page;
}

/** "content/chapters/03-x.mdx:412:9" for line:column of cell `index`, else the file alone. */
function place(notebook: string, cell: PageCell, at?: { line: number; column: number }): string {
  if (cell.line === undefined) return notebook;
  return at ? `${notebook}:${cell.line + at.line - 1}:${at.column}` : `${notebook}:${cell.line - 1}:1`;
}

async function bakePage(notebook: string, cells: readonly PageCell[], key: string): Promise<Output[][]> {
  const cacheFile = join(CACHE_DIR, `${key}.json`);
  if (existsSync(cacheFile)) {
    const now = new Date();
    utimesSync(cacheFile, now, now); // used by this build: pruneBakeCache keeps it
    return JSON.parse(readFileSync(cacheFile, "utf8")) as Output[][];
  }
  const started = performance.now();
  const label = (index: number) => `${cellLabel({ index, id: cells[index].id })}`;
  let run;
  try {
    run = await runPage(cells, label, (line) => console.log(`[notebook] ${notebook}: ${line}`));
  } catch (error) {
    if (error instanceof CellLimitError) {
      const cell = cells[error.cell];
      const at = /line (\d+):(\d+)\)$/.exec(error.message);
      throw new Error(`${place(notebook, cell ?? { id: null, source: "" }, at ? { line: Number(at[1]), column: Number(at[2]) } : undefined)}: ${error.message}`);
    }
    throw new Error(`${notebook}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const failed = run.outputs.findIndex((outputs) => outputs.some((o) => o.kind === "error"));
  if (failed >= 0 && failed === run.outputs.length - 1) {
    const error = run.outputs[failed].find((o) => o.kind === "error");
    if (error?.kind === "error") {
      const at = error.where ? /line (\d+):(\d+)/.exec(error.where) : null;
      const where = place(notebook, cells[failed], at ? { line: Number(at[1]), column: Number(at[2]) } : undefined);
      throw new Error(`${where}: ${label(failed)} failed at build${error.where ? ` (cell ${error.where})` : ""}: ${error.name}: ${error.message}${error.snippet ? `\n${error.snippet}` : ""}`);
    }
  }
  console.log(`[notebook] ${notebook}: ran ${cells.length} cells on ${run.backend} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(`${cacheFile}.tmp`, JSON.stringify(run.outputs));
  renameSync(`${cacheFile}.tmp`, cacheFile);
  return run.outputs;
}

function codeFingerprint(): string {
  if (codeHash !== null) return codeHash;
  const hash = createHash("sha256").update(process.version);
  for (const path of CODE.map((p) => join(process.cwd(), p))) {
    const files = statSync(path).isDirectory() ? filesUnder(path).sort() : [path];
    for (const file of files) hash.update(file).update(readFileSync(file));
  }
  codeHash = hash.digest("hex");
  return codeHash;
}
