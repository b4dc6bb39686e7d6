// Which cells run, in which order, when a control moves, when runs are superseded, when a cell fails.
// The host is a fake kernel: runs finish when the test says so.
import { describe, expect, it } from "vitest";
import { Scheduler, type RunOutcome, type SchedulerHost } from "../../../src/notebook/client/scheduler.ts";
import { DependencyGraph } from "../../../src/notebook/graph.ts";
import type { CellNames } from "../../../src/notebook/protocol.ts";

const cell = (defines: string[], reads: string[] = [], imports: string[] = []): CellNames => ({ defines, reads, imports });

interface FakeRun {
  cell: number;
  cancelled: boolean;
  finish(outcome: RunOutcome): void;
}

function fakePage(cells: CellNames[]) {
  const runs: FakeRun[] = [];
  const queued = new Set<number>();
  const host: SchedulerHost = {
    graph: () => new DependencyGraph(cells),
    prepare: async () => undefined,
    run(i) {
      let finish!: (outcome: RunOutcome) => void;
      const done = new Promise<RunOutcome>((resolve) => (finish = resolve));
      const run: FakeRun = { cell: i, cancelled: false, finish };
      runs.push(run);
      return { cancel: () => ((run.cancelled = true), finish("cancelled")), done };
    },
    queued: (i, on) => void (on ? queued.add(i) : queued.delete(i)),
    ranFirst: () => undefined,
  };
  const scheduler = new Scheduler(host);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  /** Finishes every run as it starts, until none is left; returns the cells run, in order. */
  const drain = async (outcome: (i: number) => RunOutcome = () => "ok") => {
    const order: number[] = [];
    for (let guard = 0; guard < 100; guard++) {
      await settle();
      const open = runs.find((r) => !r.cancelled && !(r as { settled?: boolean }).settled);
      if (!open) break;
      (open as { settled?: boolean }).settled = true;
      order.push(open.cell);
      open.finish(outcome(open.cell));
    }
    return order;
  };
  return { scheduler, runs, queued, drain, settle };
}

// 0: imports tf; 1: width (a control); 2: data from width; 3: figure from data; 4: independent; 5: reads tf only
const PAGE = [cell([], [], ["tf"]), cell(["width"]), cell(["data"], ["width"]), cell(["figure"], ["data", "tf"]), cell(["other"]), cell(["t"], ["tf"])];

describe("Scheduler", () => {
  it("re-runs a moved control's cell and exactly the cells that depend on it, in page order", async () => {
    const page = fakePage(PAGE);
    page.scheduler.request([0, 1, 2, 3, 4, 5], true);
    expect(await page.drain()).toEqual([0, 1, 2, 3, 4, 5]);
    page.scheduler.changed(1);
    expect([...page.queued].sort()).toEqual([1, 2, 3]);
    expect(await page.drain()).toEqual([1, 2, 3]);
  });

  it("first runs the cells above that a cell needs and that have not run (imports too)", async () => {
    const page = fakePage(PAGE);
    page.scheduler.changed(2);
    expect(await page.drain()).toEqual([0, 1, 2, 3]);
  });

  it("supersedes a run in flight: ten quick changes end in one run of each affected cell with the last value", async () => {
    const page = fakePage(PAGE);
    page.scheduler.request([0, 1, 2, 3], true);
    await page.drain();
    page.runs.length = 0;
    page.scheduler.changed(1);
    await page.settle();
    expect(page.runs.map((r) => r.cell)).toEqual([1]); // cell 1 is running
    for (let k = 0; k < 10; k++) page.scheduler.changed(1);
    expect(page.runs[0].cancelled).toBe(true);
    const order = await page.drain();
    expect(order).toEqual([1, 2, 3]);
    expect(page.runs.filter((r) => r.cancelled)).toHaveLength(1);
  });

  it("a run that finishes although superseded runs again; one that was not is done", async () => {
    const page = fakePage([cell(["a"]), cell(["b"], ["a"])]);
    page.scheduler.request([0, 1], true);
    await page.drain();
    page.runs.length = 0;
    page.scheduler.changed(0);
    await page.settle();
    const first = page.runs[0];
    first.cancelled = false; // the kernel could not stop it in time
    page.scheduler.changed(0);
    first.finish("ok");
    (first as { settled?: boolean }).settled = true;
    expect(await page.drain()).toEqual([0, 1]);
  });

  it("drops the cells that need a failed cell, and a series stops at its failure", async () => {
    const page = fakePage(PAGE);
    page.scheduler.request([0, 1, 2, 3, 4, 5], true);
    expect(await page.drain((i) => (i === 2 ? "error" : "ok"))).toEqual([0, 1, 2]);
    expect(page.queued.size).toBe(0);
    page.scheduler.changed(1);
    expect(await page.drain((i) => (i === 2 ? "error" : "ok"))).toEqual([1, 2]);
  });

  it("marks a cell stale when a cell it uses ran after it", async () => {
    const page = fakePage(PAGE);
    page.scheduler.request([0, 1, 2, 3], true);
    await page.drain();
    expect([...page.scheduler.stale()]).toEqual([]);
    page.scheduler.request([1], false);
    await page.drain();
    expect([...page.scheduler.stale()].sort()).toEqual([2, 3]);
  });

  it("forgets everything when the kernel restarts", async () => {
    const page = fakePage(PAGE);
    page.scheduler.request([0, 1], true);
    await page.drain();
    page.scheduler.reset();
    expect(page.scheduler.hasRun(1)).toBe(false);
    page.scheduler.changed(2);
    expect(await page.drain()).toEqual([0, 1, 2, 3]);
  });
});
