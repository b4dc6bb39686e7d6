// The page's dependency graph, from what each cell defines and reads (kernel/names.ts). The rule:
// cell i depends on cell j when j is the nearest cell above i that defines a name i reads. Names
// bound by imports count for what a cell needs to have run before it (`tf` must be imported) but never
// make a cell re-run: an import binds the same module on every run.
import type { CellNames } from "./protocol.ts";

/** The cells a cell reads from, each with the names it takes from it. */
export interface Use {
  cell: number;
  names: string[];
}

export class DependencyGraph {
  constructor(private readonly cells: readonly CellNames[]) {}

  get size(): number {
    return this.cells.length;
  }

  /** For each name cell i reads that a cell above binds: that cell, and whether it binds it by an import. */
  private sources(i: number): Map<string, { cell: number; imported: boolean }> {
    const found = new Map<string, { cell: number; imported: boolean }>();
    for (const name of this.cells[i].reads) {
      for (let j = i - 1; j >= 0; j--) {
        const imported = this.cells[j].imports.includes(name);
        if (imported || this.cells[j].defines.includes(name)) {
          found.set(name, { cell: j, imported });
          break;
        }
      }
    }
    return found;
  }

  /** What cell i takes from the cells above (import bindings left out), by cell in page order. */
  uses(i: number): Use[] {
    const byCell = new Map<number, string[]>();
    for (const [name, { cell, imported }] of this.sources(i)) if (!imported) byCell.set(cell, [...(byCell.get(cell) ?? []), name]);
    return [...byCell].sort(([a], [b]) => a - b).map(([cell, names]) => ({ cell, names }));
  }

  /** The cells that must have run before cell i can (their names or imports), in page order. */
  needs(i: number): number[] {
    return [...new Set([...this.sources(i).values()].map((s) => s.cell))].sort((a, b) => a - b);
  }

  /** Every cell below i that reads, directly or through other cells, a name i (or one of them) defines. */
  downstream(i: number): number[] {
    const affected = new Set([i]);
    const below: number[] = [];
    for (let k = i + 1; k < this.cells.length; k++) {
      for (const { cell, imported } of this.sources(k).values()) {
        if (!imported && affected.has(cell)) {
          affected.add(k);
          below.push(k);
          break;
        }
      }
    }
    return below;
  }
}

/** The small label under a cell's code: "uses n, squares (cell 1) · x (cell 3)". */
export function usesText(uses: readonly Use[]): string {
  return uses.length === 0 ? "" : `uses ${uses.map(({ cell, names }) => `${names.join(", ")} (cell ${cell + 1})`).join(" · ")}`;
}
