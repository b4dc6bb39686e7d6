// At build: what each cell of a page defines and reads, and the page's dependency graph, so every
// cell is baked with its names (for the page's runtime) and its "uses …" label. Worked out once per page.
import { DependencyGraph } from "../graph.ts";
import type { CellNames } from "../protocol.ts";
import { analyzeCell } from "../kernel/transform.ts";
import type { PageCell } from "./bake.ts";

const pages = new Map<string, { names: (CellNames | null)[]; graph: DependencyGraph }>();

export function pageGraph(cells: readonly PageCell[]): { names: (CellNames | null)[]; graph: DependencyGraph } {
  const key = JSON.stringify(cells.map((cell) => cell.source));
  let page = pages.get(key);
  if (!page) {
    const names = cells.map((cell) => analyzeCell(cell.source));
    page = { names, graph: new DependencyGraph(names.map((n) => n ?? { defines: [], imports: [], reads: [] })) };
    pages.set(key, page);
  }
  return page;
}
