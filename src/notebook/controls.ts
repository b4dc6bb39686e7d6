// Controls that cells make with `Inputs.range(…)`, `Inputs.select(…)`, …: what the kernel tells the
// page about each (its spec, default and current value), the positions of a slider, the text shown
// beside it, and which values a control accepts. Shared by the kernel (which validates the author's
// arguments and returns values to the cell), the build (which bakes controls at their defaults) and
// the page (which draws them and sends the reader's values back).

/** What a control holds, as the page sends it: slider and number values, option labels, ticks, clicks. */
export type ControlValue = number | string | boolean | string[];

/** A slider's scale: positions are evenly spaced in x, log x or √x (`transform: Math.log`, `Math.sqrt`). */
export type RangeScale = "linear" | "log" | "sqrt";

/** Every spec carries the author's default as `value` (a button's is 0 clicks). */
export type ControlSpec =
  | { type: "range"; label: string; min: number; max: number; step: number | null; scale: RangeScale; value: number }
  | { type: "number"; label: string; min: number | null; max: number | null; step: number | null; value: number }
  | { type: "select"; label: string; options: string[]; value: string }
  | { type: "radio"; label: string; options: string[]; value: string }
  | { type: "checkbox"; label: string; options: string[]; value: string[] }
  | { type: "toggle"; label: string; value: boolean }
  | { type: "button"; label: string; content: string; value: number };

export type ControlType = ControlSpec["type"];

export const CONTROL_TYPES: readonly ControlType[] = ["range", "number", "select", "radio", "checkbox", "toggle", "button"];

/** A slider has at most this many steps (positions − 1) when its step does not give fewer. */
const MAX_STEPS = 1000;

const SCALES: Record<RangeScale, { to: (x: number) => number; from: (t: number) => number }> = {
  linear: { to: (x) => x, from: (t) => t },
  log: { to: Math.log, from: Math.exp },
  sqrt: { to: Math.sqrt, from: (t) => t * t },
};

/** Decimals of a step as written: 0.25 → 2, 16 → 0, 1e-7 → 7. */
export function stepDecimals(step: number): number {
  const [mantissa, exponent = "0"] = String(step).split("e");
  return Math.max(0, (mantissa.split(".")[1]?.length ?? 0) - Number(exponent));
}

function roundTo(x: number, decimals: number): number {
  return Number(x.toFixed(Math.min(decimals, 100)));
}

/**
 * The values a slider's positions stand for, increasing, from min to max: every step when the step
 * gives at most MAX_STEPS of them on a linear scale, else MAX_STEPS + 1 positions evenly spaced on
 * the scale, each snapped to the step (or, without one, rounded to what the readout shows: three
 * significant digits on log and √ scales, a thousandth of the range on a linear one), duplicates removed.
 */
export function rangeValues(spec: Extract<ControlSpec, { type: "range" }>): number[] {
  const { min, max, step, scale } = spec;
  if (scale === "linear" && step !== null && (max - min) / step <= MAX_STEPS) {
    const count = Math.floor((max - min) / step + 1e-9) + 1;
    return Array.from({ length: count }, (_, i) => roundTo(min + i * step, stepDecimals(step)));
  }
  const { to, from } = SCALES[scale];
  const linearDecimals = Math.max(0, Math.ceil(-Math.log10((max - min) / MAX_STEPS)));
  const tidy = (x: number) => {
    if (step !== null) return Math.min(max, roundTo(min + Math.round((x - min) / step) * step, stepDecimals(step)));
    return scale === "linear" ? roundTo(x, linearDecimals) : Number(x.toPrecision(3));
  };
  const values = [min];
  for (let i = 1; i < MAX_STEPS; i++) {
    const x = tidy(from(to(min) + ((to(max) - to(min)) * i) / MAX_STEPS));
    if (x > values[values.length - 1] && x < max) values.push(x);
  }
  const last = step !== null ? tidy(max) : max;
  if (last > values[values.length - 1]) values.push(last);
  return values;
}

/** The position of the value nearest to x (values increasing). */
export function nearestPosition(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= x) lo = mid;
    else hi = mid;
  }
  return Math.abs(values[hi] - x) < Math.abs(values[lo] - x) ? hi : lo;
}

/** The text beside a control: a number with its step's decimals (else at most 4 significant digits). */
export function formatControlValue(spec: ControlSpec, value: ControlValue): string {
  if (typeof value === "number" && (spec.type === "range" || spec.type === "number")) {
    if (spec.step !== null) return value.toFixed(Math.min(stepDecimals(spec.step), 100));
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  }
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

/** Whether the page may hand `value` to this control (a saved or shared value may be out of date). */
export function acceptsValue(spec: ControlSpec, value: unknown): value is ControlValue {
  switch (spec.type) {
    case "range":
      return typeof value === "number" && Number.isFinite(value) && value >= spec.min && value <= spec.max;
    case "number":
      return typeof value === "number" && Number.isFinite(value) && (spec.min === null || value >= spec.min) && (spec.max === null || value <= spec.max);
    case "select":
    case "radio":
      return typeof value === "string" && spec.options.includes(value);
    case "checkbox":
      return Array.isArray(value) && value.every((v) => typeof v === "string" && spec.options.includes(v)) && new Set(value).size === value.length;
    case "toggle":
      return typeof value === "boolean";
    case "button":
      return typeof value === "number" && Number.isInteger(value) && value >= 0;
  }
}

/** Equal values (checkbox values are lists). */
export function sameValue(a: ControlValue, b: ControlValue): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v, i) => v === b[i]) : a === b;
}

/** A control's element id: unique in the page (cell index, then the control's key in the cell). */
export function controlId(cellIndex: number, key: number): string {
  return `nb-control-${cellIndex + 1}-${key + 1}`;
}
