// Names every cell can use without importing them: the kernel puts them in the notebook's scope
// (src/notebook/kernel/kernel.ts). Used by scripts/check-cells.mjs when it type-checks the cells.

/** Shows each value below the cell: tensors, tables (arrays of records), Plot figures, text. */
declare function display(...values: unknown[]): void;

interface CellProgressOptions {
  /** the number of items, when the iterable does not know it */
  total?: number;
  label?: string;
}

/** Passes the items through and shows a progress bar (updated at most ~10 times a second). */
declare function progress(count: number, options?: CellProgressOptions): Generator<number>;
declare function progress<T>(items: Iterable<T>, options?: CellProgressOptions): Generator<T>;
