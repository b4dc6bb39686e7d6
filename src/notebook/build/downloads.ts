// "Download notebook": every page with cells as notebooks/<file>.ipynb (the Deno Jupyter kernel) and
// notebooks/<file>.ts (deno run), made by the route src/pages/notebooks/[file].ts. They import the
// library and the notebook runtime from this site's own published copies (src/publish/library.mjs),
// at its absolute URL. Each control becomes the value it had at build, read from the page's baked
// outputs, which the .ipynb also keeps as the cells' saved outputs.
import { readFileSync } from "node:fs";
import { denoModules, publishedPaths } from "../../publish/library.mjs";
import { pageFiles, scanPage } from "../cells.mjs";
import { controlsAsConstants, toIpynb, toScript } from "../export.mjs";
import type { ControlOutput } from "../protocol.ts";
import { type DownloadKind, notebookName } from "../routes.ts";
import { bakedOutputs } from "./bake.ts";

export interface NotebookPage {
  /** the page file, relative to the project */
  file: string;
  /** its name without .mdx: the downloads are notebooks/<name>.ipynb and .ts */
  name: string;
}

/** The pages with cells. */
export function notebookPages(): NotebookPage[] {
  return pageFiles(process.cwd())
    .filter((file) => scanPage(readFileSync(file, "utf8")).some((block) => block.kind === "cell"))
    .map((file) => ({ file, name: notebookName(file) }));
}

/** @param site the site's absolute URL, base path included (e.g. https://owner.github.io/ntk-notebook/) */
export async function download(page: NotebookPage, kind: DownloadKind, site: string): Promise<string> {
  const text = readFileSync(page.file, "utf8");
  const title = /^title:\s*(.+)$/m.exec(text)?.[1].replace(/^["']|["']$/g, "") ?? page.name;
  const scanned = scanPage(text);
  const cells = scanned.flatMap((block) => (block.kind === "cell" ? [{ id: block.id, source: block.source, line: block.line, ...(block.timeout === null ? {} : { timeout: block.timeout }) }] : []));
  const outputs = await bakedOutputs(page.file, cells);
  let index = 0;
  const blocks = scanned.map((block) => {
    if (block.kind !== "cell") return block;
    const controls = outputs[index++].filter((output): output is ControlOutput => output.kind === "control");
    try {
      return { ...block, source: controlsAsConstants(block.source, controls) };
    } catch (error) {
      throw new Error(`${page.file}:${block.line}: cell ${index}${block.id ? ` (id=${block.id})` : ""}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  const published = { notebook: new URL(publishedPaths().notebook, site).href, modules: denoModules(site) };
  return kind === "ipynb" ? toIpynb(title, page.name, blocks, published, outputs) : toScript(title, page.name, blocks, published);
}
