// Which cell runs next. One cell runs at a time, and the queue is a set drained in page order, so
// however fast a reader drags a slider, each affected cell is queued once and runs with the latest value:
//  - changed(i): a control of cell i moved. Cell i and every cell below that depends on it (graph.ts)
//    are queued; a run of any of them in flight is superseded (cancelled at its next await or
//    progress tick, or left to finish and run again);
//  - request(cells): Run, Run above, Run all. A series (Run above, Run all) stops at its first failure;
//  - before a cell runs, the cells it needs that have not run since the kernel started run first;
//  - when a cell fails, the queued cells that need it are dropped (they would fail too).
import type { DependencyGraph } from "../graph.ts";

export type RunOutcome = "ok" | "error" | "cancelled";

export interface SchedulerHost {
  /** The graph of the cells as they are now (an edited cell not yet analysed counts as it was). */
  graph(): DependencyGraph;
  /** Brings the graph up to date (edited cells analysed by the kernel). */
  prepare(): Promise<void>;
  /** Starts cell i; `done` rejects when the kernel was interrupted or failed. */
  run(i: number): { cancel(): void; done: Promise<RunOutcome> };
  /** Cell i is waiting its turn (true) or not any more (false). */
  queued(i: number, on: boolean): void;
  /** Cells the scheduler queued because queued cells need them. */
  ranFirst(needed: number[]): void;
}

interface Waiting {
  /** Bumped each time the cell is queued again: a run of an older generation is stale. */
  generation: number;
  /** Part of Run above / Run all: a failure drops the rest of the series. */
  series: boolean;
}

export class Scheduler {
  private readonly waiting = new Map<number, Waiting>();
  private generation = 0;
  private current: { cell: number; generation: number; cancel(): void } | null = null;
  /** Cells that ran without error since the kernel started, with the order they finished in. */
  private readonly finished = new Map<number, number>();
  private finishCount = 0;
  /** Cells whose controls changed, whose dependents must be found again once the graph is up to date. */
  private readonly roots = new Set<number>();
  private pumping = false;

  constructor(private readonly host: SchedulerHost) {}

  /** The cell running now, if any. */
  get running(): number | null {
    return this.current?.cell ?? null;
  }

  isQueued(i: number): boolean {
    return this.waiting.has(i);
  }

  hasRun(i: number): boolean {
    return this.finished.has(i);
  }

  changed(i: number): void {
    this.roots.add(i);
    for (const cell of [i, ...this.host.graph().downstream(i)]) this.enqueue(cell, false);
    void this.pump();
  }

  request(cells: readonly number[], series: boolean): void {
    for (const cell of cells) this.enqueue(cell, series);
    void this.pump();
  }

  /** The kernel restarted: nothing has run, nothing waits. */
  reset(): void {
    for (const cell of this.waiting.keys()) this.host.queued(cell, false);
    this.waiting.clear();
    this.roots.clear();
    this.finished.clear();
  }

  /**
   * Cells that ran but read names a cell above has redefined since (or a stale cell's): their outputs
   * may not match the code above them any more.
   */
  stale(): Set<number> {
    const graph = this.host.graph();
    const stale = new Set<number>();
    for (let i = 0; i < graph.size; i++) {
      const ranAt = this.finished.get(i);
      if (ranAt === undefined) continue;
      if (graph.uses(i).some(({ cell }) => stale.has(cell) || (this.finished.get(cell) ?? -1) > ranAt)) stale.add(i);
    }
    return stale;
  }

  private enqueue(cell: number, series: boolean): void {
    const before = this.waiting.get(cell);
    this.waiting.set(cell, { generation: ++this.generation, series: series || (before?.series ?? false) });
    if (!before) this.host.queued(cell, true);
    if (this.current?.cell === cell) this.current.cancel();
  }

  private dequeue(cell: number): void {
    if (this.waiting.delete(cell)) this.host.queued(cell, false);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiting.size > 0) {
        await this.host.prepare();
        const graph = this.host.graph();
        for (const root of this.roots) for (const cell of graph.downstream(root)) if (!this.waiting.has(cell)) this.enqueue(cell, false);
        this.roots.clear();
        const missing = this.missingNeeds(graph);
        if (missing.length > 0) {
          for (const need of missing) this.enqueue(need, false);
          this.host.ranFirst(missing);
        }
        const cell = Math.min(...this.waiting.keys());
        const { generation, series } = this.waiting.get(cell)!;
        const handle = this.host.run(cell);
        this.current = { cell, generation, cancel: handle.cancel };
        let outcome: RunOutcome;
        try {
          outcome = await handle.done;
        } catch {
          this.reset(); // interrupted, or the kernel failed: the page says which
          return;
        } finally {
          this.current = null;
        }
        if (outcome === "cancelled") continue; // queued again with the newer value
        if (this.waiting.get(cell)?.generation === generation) this.dequeue(cell);
        if (outcome === "ok") {
          this.finished.set(cell, ++this.finishCount);
          continue;
        }
        this.finished.delete(cell);
        for (const [other, entry] of this.waiting) if ((series && entry.series) || this.needsTransitively(other, cell, graph)) this.dequeue(other);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** The cells the queued cells need, directly or through others, that have not run and are not queued. */
  private missingNeeds(graph: DependencyGraph): number[] {
    const missing = new Set<number>();
    const visit = (i: number) => {
      for (const need of graph.needs(i)) {
        if (this.finished.has(need) || this.waiting.has(need) || missing.has(need)) continue;
        missing.add(need);
        visit(need);
      }
    };
    for (const cell of this.waiting.keys()) visit(cell);
    return [...missing].sort((a, b) => a - b);
  }

  private needsTransitively(cell: number, on: number, graph: DependencyGraph): boolean {
    const seen = new Set<number>();
    const visit = (i: number): boolean => graph.needs(i).some((need) => need === on || (!seen.has(need) && (seen.add(need), visit(need))));
    return visit(cell);
  }
}
