// progress(iterable) / progress(n): passes the items through and reports how far the loop got,
// at most ~10 times a second (plus the first and last update), whatever the loop's speed.
import type { Output } from "../protocol.ts";

const MIN_INTERVAL_MS = 100;

export interface ProgressOptions {
  total?: number;
  label?: string;
}

/** `check` runs before each item: it throws to stop a run a newer one superseded. */
export function makeProgress(emit: (output: Output) => void, nextId: () => number, check: () => void = () => {}, now: () => number = () => performance.now()) {
  function progress(items: number, options?: ProgressOptions): Generator<number>;
  function progress<T>(items: Iterable<T>, options?: ProgressOptions): Generator<T>;
  function* progress<T>(items: Iterable<T> | number, options: ProgressOptions = {}): Generator<T | number> {
    const iterable: Iterable<T | number> = typeof items === "number" ? range(items) : items;
    const total = options.total ?? (typeof items === "number" ? items : sizeOf(items));
    const id = nextId();
    const label = options.label ?? "";
    let done = 0;
    let last = -Infinity;
    const report = (force: boolean) => {
      const t = now();
      if (!force && t - last < MIN_INTERVAL_MS) return;
      last = t;
      emit({ kind: "progress", id, done, total, label });
    };
    report(true);
    for (const item of iterable) {
      check();
      yield item;
      done += 1;
      report(false);
    }
    report(true);
  }
  return progress;
}

function* range(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

function sizeOf(items: Iterable<unknown>): number | null {
  if (Array.isArray(items) || ArrayBuffer.isView(items)) return (items as ArrayLike<unknown>).length;
  if (items instanceof Set || items instanceof Map) return items.size;
  return null;
}
