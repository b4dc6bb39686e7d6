// Controls in the kernel (Inputs.*: values, validation at the cell's line:column, the call's site),
// the slider's positions and readout, superseded runs, and controls in the downloads.
import { beforeAll, describe, expect, it } from "vitest";
import { acceptsValue, formatControlValue, nearestPosition, rangeValues, type ControlSpec, type ControlValue } from "../../../src/notebook/controls.ts";
import { controlsAsConstants } from "../../../src/notebook/export.mjs";
import { nodeWasmPath } from "../../../src/notebook/build/node-kernel.ts";
import { Kernel } from "../../../src/notebook/kernel/kernel.ts";
import type { ControlOutput, Output, RunSummary } from "../../../src/notebook/protocol.ts";
import { renderControl } from "../../../src/notebook/render.ts";

let kernel: Kernel;
let index = 0;

async function cell(source: string, controls: Record<number, ControlValue> = {}, cancelled?: () => boolean): Promise<{ outputs: Output[]; summary: RunSummary }> {
  const outputs: Output[] = [];
  const summary = await kernel.run(source, { index: index++, id: null }, (o) => outputs.push(o), { controls, cancelled });
  return { outputs, summary };
}

const controlsOf = (outputs: Output[]) => outputs.filter((o): o is ControlOutput => o.kind === "control");
const valueOf = (outputs: Output[]) => outputs.filter((o) => o.kind === "text").map((o) => (o.kind === "text" ? o.text : ""));
const errorOf = (outputs: Output[]) => outputs.find((o) => o.kind === "error");

beforeAll(async () => {
  kernel = await Kernel.start({ backends: ["wasm", "cpu"], wasmPath: nodeWasmPath() });
});

describe("Inputs in a cell", () => {
  it("returns each control's default and tells the page what to draw, with the call's place", async () => {
    const { outputs } = await cell(
      [
        'const width = Inputs.range([16, 4096], { value: 512, step: 16, label: "width", transform: Math.log });',
        'const act = Inputs.select(["relu", "erf"], { label: "activation", value: "erf" });',
        'const depth = Inputs.number([1, 10], { value: 3, step: 1, label: "depth" });',
        'const which = Inputs.radio([16, 32], { label: "batch" });',
        'const shown = Inputs.checkbox(["line", "dots"], { label: "marks", value: ["dots"] });',
        'const grid = Inputs.toggle({ label: "grid" });',
        'const clicks = Inputs.button("Resample");',
        "({ width, act, depth, which, shown, grid, clicks })",
      ].join("\n"),
    );
    expect(valueOf(outputs)).toEqual(['{ width: 512, act: "erf", depth: 3, which: 16, shown: ["dots"], grid: false, clicks: 0 }']);
    const controls = controlsOf(outputs);
    expect(controls.map((c) => [c.key, c.spec.type, c.value])).toEqual([
      [0, "range", 512],
      [1, "select", "erf"],
      [2, "number", 3],
      [3, "radio", "16"],
      [4, "checkbox", ["dots"]],
      [5, "toggle", false],
      [6, "button", 0],
    ]);
    expect(controls[0].spec).toEqual({ type: "range", label: "width", min: 16, max: 4096, step: 16, scale: "log", value: 512 });
    expect(controls[0].site).toEqual({ start: { line: 1, column: 15 }, end: { line: 1, column: 102 } });
    expect(controls[3].literal).toBe("16");
    expect(controls[4].literal).toBe('["dots"]');
  });

  it("uses the page's values, and the default for a value the control cannot hold", async () => {
    const source = 'const w = Inputs.range([0, 1], { label: "w" });\nconst f = Inputs.select([1, 2, 3], { label: "f" });\n[w, f]';
    expect(valueOf((await cell(source, { 0: 0.25, 1: "3" })).outputs)).toEqual(["[0.25, 3]"]);
    const { outputs } = await cell(source, { 0: 7, 1: "4" });
    expect(valueOf(outputs)).toEqual(["[0.5, 1]"]);
    expect(controlsOf(outputs).map((c) => c.value)).toEqual([0.5, "1"]);
  });

  it("applies a button's reduce once per click", async () => {
    const { outputs } = await cell('Inputs.button("Double", { label: "seed", value: 1, reduce: (v: number) => v * 2 })', { 0: 3 });
    expect(valueOf(outputs)).toEqual(["8"]);
  });

  it.each([
    ['Inputs.range([10, 1], { label: "w" })', "Inputs.range: min must be less than max (got [10, 1])"],
    ['Inputs.range([0, 1], { label: "w", value: 2 })', "Inputs.range: value 2 is outside [0, 1]"],
    ['Inputs.range([0, 1], { label: "w", step: -1 })', "Inputs.range: step must be a positive number (got -1)"],
    ['Inputs.range([0, 1], { label: "w", transform: Math.exp })', "Inputs.range: transform must be Math.log (a log scale) or Math.sqrt"],
    ['Inputs.range([0, 1], { label: "w", transform: Math.log })', "Inputs.range: a log scale needs min > 0 (got 0)"],
    ["Inputs.range([0, 1], {} as any)", "Inputs.range: give the control a label"],
    ['Inputs.range([0, 1], { label: "w", vlaue: 1 } as any)', 'Inputs.range: unknown option "vlaue"; it takes value, step, label, transform'],
    ['Inputs.select([], { label: "s" })', "Inputs.select: the list of options is empty"],
    ['Inputs.select(["a", "b"], { label: "s", value: "c" })', 'Inputs.select: value "c" is not one of the options'],
    ['Inputs.radio([1, "1"], { label: "r" })', 'Inputs.radio: two options read "1"'],
    ['Inputs.checkbox(["a"], { label: "c", value: ["z"] })', 'Inputs.checkbox: value "z" is not one of the options'],
    ['Inputs.number([0, 1], { label: "n", value: 5 })', "Inputs.number: value 5 is outside [0, 1]"],
  ])("refuses %s at the call's line and column", async (call, message) => {
    const { outputs, summary } = await cell(`const ok = 1;\nconst bad = ${call};`);
    expect(summary.ok).toBe(false);
    const error = errorOf(outputs);
    expect(error).toMatchObject({ kind: "error", name: "InputsError", where: "line 2:20" });
    expect(error?.kind === "error" && error.message).toContain(message);
  });
});

describe("a slider's positions", () => {
  const range = (min: number, max: number, step: number | null, scale: "linear" | "log" | "sqrt") => ({ type: "range" as const, label: "x", min, max, step, scale, value: min });

  it("are the steps of a linear slider", () => {
    expect(rangeValues(range(0, 1, 0.25, "linear"))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(rangeValues(range(0.1, 0.7, 0.2, "linear"))).toEqual([0.1, 0.3, 0.5, 0.7]);
  });

  it("are evenly spaced in log x on a log slider, snapped to its step, increasing, from min to max", () => {
    const values = rangeValues(range(16, 4096, 16, "log"));
    expect(values[0]).toBe(16);
    expect(values.at(-1)).toBe(4096);
    expect(values.every((v, i) => i === 0 || v > values[i - 1])).toBe(true);
    expect(values.every((v) => v % 16 === 0)).toBe(true);
    expect(values).toContain(512);
    // log spacing: as many positions between 256 and 4096 as the step allows, but fewer below 64
    const between = (a: number, b: number) => values.filter((v) => v >= a && v < b).length;
    expect(between(16, 64)).toBe(3);
    expect(between(1024, 4096)).toBeGreaterThan(100);
  });

  it("show three significant digits without a step on a log scale", () => {
    const values = rangeValues(range(0.001, 10, null, "log"));
    expect(values.length).toBeGreaterThan(500);
    expect(values.slice(1, -1).every((v) => Number(v.toPrecision(3)) === v)).toBe(true);
    // neighbours are a thousandth of the four decades apart: ×1.0093
    expect(Math.abs(values[nearestPosition(values, 0.0123)] / 0.0123 - 1)).toBeLessThan(0.0093);
  });

  it("format the readout with the step's decimals", () => {
    const spec: ControlSpec = { ...range(0, 1, 0.05, "linear"), value: 0.5 };
    expect(formatControlValue(spec, 0.5)).toBe("0.50");
    expect(formatControlValue({ ...spec, step: null }, Math.SQRT2)).toBe("1.414");
    expect(acceptsValue(spec, 1.5)).toBe(false);
  });

  it("is drawn as a labelled slider at the position of its value, disabled when baked", () => {
    const output: ControlOutput = { kind: "control", key: 0, spec: { ...range(0, 1, 0.25, "linear"), value: 0.5 }, value: 0.75, site: null, literal: "0.75" };
    const html = renderControl(output, 2, false);
    expect(html).toMatch(/<label for="nb-control-3-1">x<\/label><input type="range" id="nb-control-3-1" min="0" max="4" step="1" value="3" aria-valuetext="0.75" disabled>/);
    expect(renderControl(output, 2, true)).not.toContain("disabled");
  });
});

describe("a superseded run", () => {
  // The cell itself says when a newer run arrives, through a global the test reads.
  const signal = { stop: false };
  beforeAll(() => Object.assign(globalThis, { signal }));

  it("stops at its next await, with no error and no value", async () => {
    signal.stop = false;
    const { outputs, summary } = await cell("let reached = 0;\nawait null;\nreached = 1;\nsignal.stop = true;\nawait null;\nreached = 2;\nreached", {}, () => signal.stop);
    expect(summary).toMatchObject({ ok: false, cancelled: true });
    expect(outputs).toEqual([]);
    expect(valueOf((await cell("reached")).outputs)).toEqual(["1"]);
  });

  it("stops at its next progress tick, even in a loop that never awaits", async () => {
    signal.stop = false;
    const { summary } = await cell("let seen = 0;\nfor (const i of progress(1_000_000)) {\n  seen = i;\n  if (i === 500) signal.stop = true;\n}", {}, () => signal.stop);
    expect(summary.cancelled).toBe(true);
    expect(valueOf((await cell("seen")).outputs)).toEqual(["500"]);
  });

  it("that was superseded before it started does not run at all", async () => {
    const { summary } = await cell("let never = 1;", {}, () => true);
    expect(summary).toMatchObject({ ok: false, cancelled: true });
    expect(errorOf((await cell("never")).outputs)?.kind === "error").toBe(true);
  });
});

describe("controls in the downloads", () => {
  it("become constants with a comment naming the control", async () => {
    const source = 'const a = 1;\nconst width = Inputs.range([16, 4096], {\n  value: 512, label: "width" });\nconst act = Inputs.select(["relu", "erf"], { label: "activation" });';
    const { outputs } = await cell(source);
    expect(controlsAsConstants(source, controlsOf(outputs))).toBe(
      'const a = 1;\nconst width = 512 /* Inputs.range "width": a control on the page */;\nconst act = "relu" /* Inputs.select "activation": a control on the page */;',
    );
  });

  it("refuse a control made in a loop with different values", async () => {
    const source = 'const picks = [0, 1].map((i) => Inputs.select(["a", "b"], { label: `pick ${i}`, value: ["a", "b"][i] }));';
    const { outputs } = await cell(source);
    expect(() => controlsAsConstants(source, controlsOf(outputs))).toThrow("line 1:33: Inputs.select is called more than once here with different values");
  });
});
