// The `Inputs` global of a cell run, shaped like Observable Inputs: each call validates the author's
// arguments, tells the page to draw the control (an output of kind "control"), and returns the
// control's current value — the reader's, sent with the run, or the default. Controls are keyed by
// the order of the calls in the run: the first Inputs call is key 0, the next key 1, …
import { acceptsValue, type ControlSpec, type ControlValue, type RangeScale } from "../controls.ts";
import type { Output, SourceRange } from "../protocol.ts";

/** A control's arguments are wrong: the message names the call and the argument. */
export class InputsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputsError";
  }
}

export interface ControlsOfRun {
  /** The page's values, by key. */
  values: Readonly<Record<number, ControlValue>>;
  emit(output: Output): void;
  /** Where the running cell made the call (from the stack). */
  site(): SourceRange | null;
}

/** What `transform` may be: the scales a slider can draw (the page cannot call a cell's function). */
const TRANSFORMS = new Map<unknown, RangeScale>([
  [Math.log, "log"],
  [Math.log2, "log"],
  [Math.log10, "log"],
  [Math.sqrt, "sqrt"],
]);

type Options = Record<string, unknown>;

export function makeInputs(run: ControlsOfRun) {
  let nextKey = 0;

  /** Emits the control and returns the value the cell gets: `toCell` of the page's value. */
  function control<T>(spec: ControlSpec, toCell: (value: ControlValue) => T): T {
    const key = nextKey++;
    const sent = run.values[key];
    const value = sent !== undefined && acceptsValue(spec, sent) ? sent : spec.value;
    const got = toCell(value);
    run.emit({ kind: "control", key, spec, value, site: run.site(), literal: literalOf(got) });
    return got;
  }

  return {
    range(extent: unknown = [0, 1], options?: unknown): number {
      const call = "Inputs.range";
      const o = readOptions(call, options, ["value", "step", "label", "transform"]);
      const [min, max] = readExtent(call, extent);
      const step = optionalPositive(call, o, "step");
      const scale = o.transform === undefined ? "linear" : TRANSFORMS.get(o.transform);
      if (scale === undefined) throw new InputsError(`${call}: transform must be Math.log (a log scale) or Math.sqrt; the page draws the slider itself and cannot call another function`);
      if (scale === "log" && min <= 0) throw new InputsError(`${call}: a log scale needs min > 0 (got ${min})`);
      if (scale === "sqrt" && min < 0) throw new InputsError(`${call}: a square-root scale needs min ≥ 0 (got ${min})`);
      const middle = step === null ? (min + max) / 2 : Math.min(max, min + Math.round((max - min) / 2 / step) * step);
      const value = inRange(call, o, min, max, middle);
      return control({ type: "range", label: label(call, o), min, max, step, scale, value }, Number);
    },

    number(extentOrOptions?: unknown, options?: unknown): number {
      const call = "Inputs.number";
      const hasExtent = Array.isArray(extentOrOptions);
      const o = readOptions(call, hasExtent ? options : extentOrOptions, ["value", "step", "label"]);
      const [min, max] = hasExtent ? readExtent(call, extentOrOptions) : [null, null];
      const step = optionalPositive(call, o, "step");
      const value = inRange(call, o, min ?? -Infinity, max ?? Infinity, min !== null && max !== null ? (min + max) / 2 : (min ?? max ?? 0));
      return control({ type: "number", label: label(call, o), min, max, step, value }, Number);
    },

    select<T>(items: Iterable<T>, options?: unknown): T {
      return pickOne("select", items, options);
    },

    radio<T>(items: Iterable<T>, options?: unknown): T {
      return pickOne("radio", items, options);
    },

    checkbox<T>(items: Iterable<T>, options?: unknown): T[] {
      const call = "Inputs.checkbox";
      const o = readOptions(call, options, ["value", "label", "format"]);
      const { list, labels } = readItems(call, items, o);
      const initial = o.value === undefined ? [] : o.value;
      if (!Array.isArray(initial)) throw new InputsError(`${call}: value must be a list of the options that start ticked`);
      const value = initial.map((item) => {
        const at = list.indexOf(item as T);
        if (at < 0) throw new InputsError(`${call}: value ${describe(item)} is not one of the options`);
        return labels[at];
      });
      return control({ type: "checkbox", label: label(call, o), options: labels, value }, (ticked) => list.filter((_, i) => (ticked as string[]).includes(labels[i])));
    },

    toggle(options?: unknown): boolean {
      const call = "Inputs.toggle";
      const o = readOptions(call, options, ["value", "label"]);
      if (o.value !== undefined && typeof o.value !== "boolean") throw new InputsError(`${call}: value must be true or false (got ${describe(o.value)})`);
      return control({ type: "toggle", label: label(call, o), value: o.value ?? false }, Boolean);
    },

    /** The value starts at `value` (0) and each click applies `reduce` (adds 1). */
    button<T = number>(content: unknown = "Click", options?: unknown): T {
      const call = "Inputs.button";
      const o = readOptions(call, options, ["value", "reduce", "label"]);
      if (typeof content !== "string" || content.trim() === "") throw new InputsError(`${call}: the button's text must be a non-empty string (got ${describe(content)})`);
      if (o.reduce !== undefined && typeof o.reduce !== "function") throw new InputsError(`${call}: reduce must be a function of the value`);
      if (o.reduce === undefined && o.value !== undefined && typeof o.value !== "number") throw new InputsError(`${call}: without reduce, value must be a number (each click adds 1)`);
      const reduce = (o.reduce as ((value: T) => T) | undefined) ?? ((value: T) => ((value as number) + 1) as T);
      return control({ type: "button", label: typeof o.label === "string" ? o.label : "", content, value: 0 }, (clicks) => {
        let value = (o.value ?? 0) as T;
        for (let i = 0; i < (clicks as number); i++) value = reduce(value);
        return value;
      });
    },
  };

  function pickOne<T>(type: "select" | "radio", items: Iterable<T>, options: unknown): T {
    const call = `Inputs.${type}`;
    const o = readOptions(call, options, ["value", "label", "format"]);
    const { list, labels } = readItems(call, items, o);
    const at = o.value === undefined ? 0 : list.indexOf(o.value as T);
    if (at < 0) throw new InputsError(`${call}: value ${describe(o.value)} is not one of the options`);
    return control({ type, label: label(call, o), options: labels, value: labels[at] }, (chosen) => list[labels.indexOf(chosen as string)]);
  }
}

export type CellInputs = ReturnType<typeof makeInputs>;

/** The value as JavaScript source, for the downloads (null: not a number, string, boolean or a list of them). */
function literalOf(value: unknown): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items = value.map(literalOf);
    return items.every((item) => item !== null) ? `[${items.join(", ")}]` : null;
  }
  return null;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(", ")}]`;
  return String(value);
}

function readOptions(call: string, options: unknown, allowed: readonly string[]): Options {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) throw new InputsError(`${call}: options must be an object like { label: "width", value: 1 } (got ${describe(options)})`);
  const unknown = Object.keys(options).filter((name) => !allowed.includes(name));
  if (unknown.length > 0) throw new InputsError(`${call}: unknown option ${unknown.map((n) => `"${n}"`).join(", ")}; it takes ${allowed.join(", ")}`);
  return options as Options;
}

function label(call: string, o: Options): string {
  if (typeof o.label !== "string" || o.label.trim() === "") throw new InputsError(`${call}: give the control a label, e.g. { label: "width" }: it names the control on the page and to screen readers`);
  return o.label;
}

function readExtent(call: string, extent: unknown): [number, number] {
  const ok = Array.isArray(extent) && extent.length === 2 && extent.every((x) => typeof x === "number" && Number.isFinite(x));
  if (!ok) throw new InputsError(`${call}: the extent must be [min, max], two finite numbers (got ${describe(extent)})`);
  const [min, max] = extent as [number, number];
  if (!(min < max)) throw new InputsError(`${call}: min must be less than max (got [${min}, ${max}])`);
  return [min, max];
}

function optionalPositive(call: string, o: Options, name: string): number | null {
  const x = o[name];
  if (x === undefined) return null;
  if (typeof x !== "number" || !Number.isFinite(x) || x <= 0) throw new InputsError(`${call}: ${name} must be a positive number (got ${describe(x)})`);
  return x;
}

function inRange(call: string, o: Options, min: number, max: number, fallback: number): number {
  if (o.value === undefined) return fallback;
  if (typeof o.value !== "number" || !Number.isFinite(o.value)) throw new InputsError(`${call}: value must be a finite number (got ${describe(o.value)})`);
  if (o.value < min || o.value > max) throw new InputsError(`${call}: value ${o.value} is outside [${min}, ${max}]`);
  return o.value;
}

function readItems<T>(call: string, items: Iterable<T>, o: Options): { list: T[]; labels: string[] } {
  if (items === null || typeof items !== "object" || !(Symbol.iterator in items)) throw new InputsError(`${call}: the options must be a list (got ${describe(items)})`);
  const list = [...items];
  if (list.length === 0) throw new InputsError(`${call}: the list of options is empty`);
  if (o.format !== undefined && typeof o.format !== "function") throw new InputsError(`${call}: format must be a function from an option to its text`);
  const format = (o.format as ((item: T) => unknown) | undefined) ?? String;
  const labels = list.map((item) => String(format(item)));
  const repeated = labels.find((text, i) => labels.indexOf(text) !== i);
  if (repeated !== undefined) throw new InputsError(`${call}: two options read "${repeated}"; each option needs its own text (use format)`);
  return { list, labels };
}
