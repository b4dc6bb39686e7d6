// The kernel in Node, as the build runs it: outputs of every kind, errors at the cell's line, memory.
import { beforeAll, describe, expect, it } from "vitest";
import { Kernel } from "../../../src/notebook/kernel/kernel.ts";
import { nodeWasmPath } from "../../../src/notebook/build/node-kernel.ts";
import type { Output } from "../../../src/notebook/protocol.ts";

let kernel: Kernel;
let index = 0;

async function cell(source: string): Promise<Output[]> {
  const outputs: Output[] = [];
  await kernel.run(source, { index: index++, id: null }, (o) => outputs.push(o));
  return outputs;
}

beforeAll(async () => {
  kernel = await Kernel.start({ backends: ["wasm", "cpu"], wasmPath: nodeWasmPath() });
});

describe("Kernel", () => {
  it("uses a backend whose gradients work", () => {
    expect(["wasm", "cpu"]).toContain(kernel.backend.name);
  });

  it("shows the last value, display() and console lines, in order", async () => {
    const outputs = await cell('console.log("a", 1, [2, 3]);\ndisplay({ k: "v" });\nconsole.warn("careful");\n6 * 7');
    expect(outputs).toEqual([
      { kind: "stream", stream: "log", text: "a 1 [2, 3]" },
      { kind: "text", text: '{ k: "v" }' },
      { kind: "stream", stream: "warn", text: "careful" },
      { kind: "text", text: "42" },
    ]);
  });

  it("shows tensors with dtype, shape and elided values", async () => {
    const [small] = await cell('import * as tf from "@tensorflow/tfjs";\ntf.tensor2d([[1, 2], [3, 4]])');
    expect(small).toMatchObject({ kind: "tensor", dtype: "float32", shape: [2, 2] });
    expect(small.kind === "tensor" && small.text).toContain("[[1, 2],");
    const [big] = await cell("tf.zeros([100, 100], 'int32')");
    expect(big).toMatchObject({ kind: "tensor", dtype: "int32", shape: [100, 100] });
    expect(big.kind === "tensor" && big.text.split("\n").length).toBeLessThan(10);
  });

  it("shows arrays of records as tables", async () => {
    const [table] = await cell("Array.from({ length: 30 }, (_, i) => ({ i, square: i * i, root: Math.sqrt(i) }))");
    expect(table).toMatchObject({ kind: "table", columns: ["i", "square", "root"], more: 10 });
    expect(table.kind === "table" && table.rows[2]).toEqual(["2", "4", "1.41421"]);
  });

  it("renders Plot figures to SVG without a `document` option", async () => {
    const [figure] = await cell('import * as Plot from "@observablehq/plot";\nPlot.plot({ marks: [Plot.lineY([1, 3, 2])] })');
    expect(figure.kind).toBe("html");
    expect(figure.kind === "html" && figure.html).toMatch(/^<svg[^>]*class="plot-[^"]*"[\s\S]*<path/);
    const [mark] = await cell("Plot.dot([[1, 2]]).plot({ width: 200 })");
    expect(mark.kind === "html" && mark.html).toMatch(/^<svg[^>]*width="200"/);
  });

  it("gives figures a text alternative: role img, a label from the title or the axes, no labels on marks", async () => {
    const [titled] = await cell('Plot.plot({ title: "Loss against time", marks: [Plot.lineY([1, 3, 2]), Plot.ruleY([0])] })');
    const html = titled.kind === "html" ? titled.html : "";
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toMatch(/<svg[^>]*aria-label="Loss against time"/);
    expect(html).not.toMatch(/<(g|rect|path)[^>]*aria-label=/);
    const [axes] = await cell('Plot.dot([[1, 2]], { x: (d) => d[0], y: (d) => d[1] }).plot({ x: { label: "width" }, y: { label: "error" } })');
    expect(axes.kind === "html" && axes.html).toMatch(/^<svg[^>]*aria-label="Figure: error against width"/);
  });

  it("lets a figure off screen skip layout in a box of its drawn size, never narrower (legible on a phone); its colour swatches are left alone", async () => {
    const [plain] = await cell("Plot.dot([[1, 2]]).plot({ width: 300, height: 120 })");
    expect(plain.kind === "html" && plain.html).toMatch(/^<svg style="content-visibility: auto; --nb-figure-width: 300px; height: auto; aspect-ratio: 300 \/ 120"/);
    const [legend] = await cell('Plot.dot([[1, 2, "a"], [2, 3, "b"]], { x: (d) => d[0], y: (d) => d[1], fill: (d) => d[2] }).plot({ color: { legend: true } })');
    const html = legend.kind === "html" ? legend.html : "";
    const svgs = [...html.matchAll(/<svg\b[^>]*>/g)].map((m) => m[0]);
    expect(svgs.filter((svg) => svg.includes("content-visibility"))).toHaveLength(1);
    expect(svgs.length, "the legend's swatches are SVGs too").toBeGreaterThan(1);
  });

  it("rounds a figure's coordinates to two decimals, and nothing else", async () => {
    const [figure] = await cell('Plot.plot({ title: "x = 0.123456", marks: [Plot.dot([[Math.PI, Math.E], [1 / 3, 1e-9]], { x: (d) => d[0], y: (d) => d[1] }), Plot.lineY([0.1234567, 2 / 3])] })');
    const html = figure.kind === "html" ? figure.html : "";
    const attributes = [...html.matchAll(/ (d|cx|cy|x|y|transform)="([^"]*)"/g)].map((m) => m[2]);
    expect(attributes.length).toBeGreaterThan(4);
    expect(attributes.filter((value) => /\d\.\d{3}/.test(value))).toEqual([]);
    expect(attributes.some((value) => /\d\.\d\d?\b/.test(value)), "coordinates keep their first two decimals").toBe(true);
    expect(html, "text is not touched").toContain("x = 0.123456");
  });

  it("writes negative numbers in figure text with the minus sign, and leaves the rest alone", async () => {
    const [figure] = await cell('Plot.plot({ title: "slope " + (-0.52).toFixed(2) + ", range 0-1, x-2", marks: [Plot.text([-1.5, 2], { x: (d) => d, text: (d) => d.toFixed(1) })] })');
    const html = figure.kind === "html" ? figure.html : "";
    expect(html).toContain("slope −0.52, range 0-1, x-2");
    expect(html).toMatch(/>−1\.5</);
    expect(html).not.toMatch(/>-\d/);
    expect(html, "the figure's stylesheet is not touched").toMatch(/<style>[^<]*<\/style>/);
  });

  it("reports progress at most every 100 ms, always including the end", async () => {
    const outputs = await cell("let total = 0;\nfor (const i of progress(200000)) total += i;\ntotal");
    const updates = outputs.filter((o) => o.kind === "progress");
    expect(updates[0]).toMatchObject({ done: 0, total: 200000 });
    expect(updates.at(-1)).toMatchObject({ done: 200000, total: 200000 });
    expect(updates.length).toBeLessThan(12);
    expect(outputs.at(-1)).toEqual({ kind: "text", text: String((200000 * 199999) / 2) });
  });

  it("reports a runtime error at the cell's TypeScript line:column, with frames in earlier cells", async () => {
    await cell("function inner(o: { p: number } | null): number {\n  return o!.p;\n}");
    const [error] = await cell("const fine: number = 1;\nconst bad = inner(null);");
    expect(error).toMatchObject({ kind: "error", name: "TypeError", where: "line 2:13" });
    expect(error.kind === "error" && error.snippet).toBe("const bad = inner(null);\n            ^");
    expect(error.kind === "error" && error.trace.join("\n")).toMatch(/at inner, cell \d+, line 2:13/);
    // The kernel still works and kept the names of the lines that ran.
    expect(await cell("fine + 1")).toEqual([{ kind: "text", text: "2" }]);
  });

  it("finds the cell's line under a deep library stack", async () => {
    const outputs = await cell('import * as tf from "@tensorflow/tfjs";\nconst m = tf.zeros([2, 2]);\nconst bad = tf.tidy(() => tf.matMul(m, tf.zeros([3, 3])));');
    expect(outputs).toEqual([expect.objectContaining({ kind: "error", where: "line 3:30" })]);
  });

  it("reports a syntax error and a bad import with their position", async () => {
    const [syntax] = await cell("const a = 1;\nconst b = (a + ;");
    expect(syntax).toMatchObject({ kind: "error", name: "SyntaxError", where: "line 2:16" });
    const [bad] = await cell('import fs from "node:fs";');
    expect(bad).toMatchObject({ kind: "error", where: "line 1:16" });
    expect(bad.kind === "error" && bad.message).toMatch(/cannot import "node:fs"/);
  });

  it("does not leak tensors when a cell is re-run 20 times", async () => {
    const source = "const w = tf.randomNormal([50, 50], 0, 1, 'float32', 1);\nconst parts = { m: tf.matMul(w, w) };\nw.sum().add(tf.ones([1])).mul(2)";
    await cell(source);
    const before = kernel.numTensors;
    for (let i = 0; i < 20; i++) await cell(source);
    expect(kernel.numTensors).toBe(before);
  });

  it("does not leak a model's variables when the cell that builds it is re-run", async () => {
    const source = 'import { mlp } from "ntk";\nconst model = mlp({ inputDim: 1, depth: 1, width: 8, activation: "erf", wStd: 1.5, bStd: 0.1, seed: 0 });';
    await cell(source);
    const before = kernel.numTensors;
    for (let i = 0; i < 5; i++) await cell(source);
    expect(kernel.numTensors).toBe(before);
  });
});
