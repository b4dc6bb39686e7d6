// Build-time outputs: each page's cells run in order in Node with the same kernel the page uses,
// once per page, cached in .cache/notebook/ by a hash of the page's cells, src/ntk and the kernel.
// A cell that fails fails the build with the page file, the cell and the line.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Output } from "../protocol.ts";
import { appendOutput } from "../render.ts";
import { cellLabel } from "../kernel/kernel.ts";
import { startNodeKernel } from "./node-kernel.ts";

export interface PageCell {
  id: string | null;
  source: string;
}

const CACHE_DIR = join(process.cwd(), ".cache", "notebook");
/** What the outputs depend on besides the cells themselves. */
const CODE_DIRS = ["src/ntk", "src/notebook/kernel", "src/notebook/build"];

const pages = new Map<string, Promise<Output[][]>>();
/** tfjs scopes are global to the process: pages run one after another. */
let queue: Promise<unknown> = Promise.resolve();
let codeHash: string | null = null;

export function bakedOutputs(notebook: string, cells: readonly PageCell[]): Promise<Output[][]> {
  const key = createHash("sha256").update(codeFingerprint()).update(JSON.stringify(cells)).digest("hex").slice(0, 24);
  let page = pages.get(key);
  if (!page) {
    page = queue.then(() => bakePage(notebook, cells, key));
    queue = page.catch(() => undefined);
    pages.set(key, page);
  }
  return page;
}

async function bakePage(notebook: string, cells: readonly PageCell[], key: string): Promise<Output[][]> {
  const cacheFile = join(CACHE_DIR, `${key}.json`);
  if (existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, "utf8")) as Output[][];
  const started = performance.now();
  const kernel = await startNodeKernel();
  const results: Output[][] = [];
  for (const [index, cell] of cells.entries()) {
    const outputs: Output[] = [];
    const ref = { index, id: cell.id };
    const summary = await kernel.run(cell.source, ref, (output) => appendOutput(outputs, output));
    const error = outputs.find((o) => o.kind === "error");
    if (!summary.ok && error?.kind === "error") {
      throw new Error(`${notebook}: ${cellLabel(ref)} failed at build${error.where ? `, ${error.where}` : ""}: ${error.name}: ${error.message}${error.snippet ? `\n${error.snippet}` : ""}`);
    }
    results.push(outputs);
  }
  console.log(`[notebook] ${notebook}: ran ${cells.length} cells on ${kernel.backend.name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(`${cacheFile}.tmp`, JSON.stringify(results));
  renameSync(`${cacheFile}.tmp`, cacheFile);
  return results;
}

function codeFingerprint(): string {
  if (codeHash !== null) return codeHash;
  const hash = createHash("sha256");
  for (const dir of CODE_DIRS) for (const file of filesUnder(join(process.cwd(), dir))) hash.update(file).update(readFileSync(file));
  codeHash = hash.digest("hex");
  return codeHash;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name): string[] => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}
