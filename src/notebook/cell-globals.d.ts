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

/**
 * Controls a cell draws in its output, shaped like Observable Inputs. Each call returns the control's
 * current value; when the reader changes it, the cell runs again, and so does every cell below that
 * uses a name it defines. At build (and in the downloads) a control has its default value.
 */
declare namespace Inputs {
  interface RangeOptions {
    /** the default; (min + max) / 2 if not given */
    value?: number;
    /** the slider snaps to min + k·step */
    step?: number;
    label: string;
    /** Math.log (or log2, log10): positions evenly spaced in log x; Math.sqrt: in √x */
    transform?: (x: number) => number;
  }
  interface NumberOptions {
    value?: number;
    step?: number;
    label: string;
  }
  interface ChoiceOptions<T> {
    /** the default; the first option if not given */
    value?: T;
    label: string;
    /** an option's text (String(option) if not given); each option's text must differ */
    format?: (option: T) => string;
  }
  interface CheckboxOptions<T> {
    /** the options ticked at first; none if not given */
    value?: readonly T[];
    label: string;
    format?: (option: T) => string;
  }
  interface ToggleOptions {
    value?: boolean;
    label: string;
  }
  interface ButtonOptions<T> {
    /** the value before any click: 0 if not given */
    value?: T;
    /** what a click does to the value: adds 1 if not given */
    reduce?: (value: T) => T;
    label?: string;
  }
  /** A slider over [min, max]. */
  function range(extent: readonly [number, number], options: RangeOptions): number;
  /** A number box, optionally bounded. */
  function number(extent: readonly [number, number], options: NumberOptions): number;
  function number(options: NumberOptions): number;
  /** A drop-down list; returns the chosen option. */
  function select<T>(options: Iterable<T>, settings: ChoiceOptions<T>): T;
  /** Radio buttons; returns the chosen option. */
  function radio<T>(options: Iterable<T>, settings: ChoiceOptions<T>): T;
  /** Checkboxes; returns the ticked options, in their order. */
  function checkbox<T>(options: Iterable<T>, settings: CheckboxOptions<T>): T[];
  /** One checkbox: true or false. */
  function toggle(options: ToggleOptions): boolean;
  /** A button: its value changes at each click (the number of clicks by default). */
  function button<T = number>(content: string, options?: ButtonOptions<T>): T;
}
