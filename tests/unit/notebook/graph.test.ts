// The dependency rule: what a cell defines and reads (scopes resolved as JavaScript resolves them),
// and which cells a change re-runs.
import { describe, expect, it } from "vitest";
import { DependencyGraph, usesText } from "../../../src/notebook/graph.ts";
import { analyzeCell } from "../../../src/notebook/kernel/transform.ts";
import type { CellNames } from "../../../src/notebook/protocol.ts";

function names(source: string): CellNames {
  const found = analyzeCell(source);
  if (!found) throw new Error(`does not compile: ${source}`);
  return { defines: [...found.defines].sort(), imports: [...found.imports].sort(), reads: [...found.reads].sort() };
}

function graphOf(...sources: string[]): DependencyGraph {
  return new DependencyGraph(sources.map(names));
}

describe("cell names", () => {
  it("defines top-level declarations, destructured names, functions and classes; imports apart", () => {
    expect(names('import * as tf from "@tensorflow/tfjs";\nimport { mlp as m } from "ntk";\nconst { a, b: [c, ...rest] } = source;\nlet d;\nfunction f() {}\nclass K {}')).toEqual({
      defines: ["K", "a", "c", "d", "f", "rest"],
      imports: ["m", "tf"],
      reads: ["source"],
    });
  });

  it("reads names used inside functions, but not parameters, locals or shadowing declarations", () => {
    const found = names("const y = 1;\nfunction f(x: number, { w }: { w: number }) { const local = x + w; return local + width + y; }\nconst g = (depth: number) => { let width = 2; return width * depth * eta; };\ntry { risky(); } catch (error) { console.log(error); }");
    expect(found.reads).toEqual(["console", "eta", "risky", "width"]);
    expect(found.defines).toEqual(["f", "g", "y"]);
  });

  it("does not read property names, object keys or labels; reads shorthand values and computed keys", () => {
    expect(names("const o = { key: value, short, [computed]: 1 };\no.prop;\nouter: for (;;) { break outer; }").reads).toEqual(["computed", "short", "value"]);
  });

  it("strips types first: a type annotation reads nothing", () => {
    expect(names("const m: MLP = make() as MLP;\ntype T = { n: number };\nconst t: T = { n: 1 };").reads).toEqual(["make"]);
  });

  it("an assignment to a name the cell does not declare defines it (another cell's variable changes)", () => {
    expect(names("total += step;\ncount = 0;")).toEqual({ defines: ["count", "total"], imports: [], reads: ["step", "total"] });
  });

  it("is null for a cell that does not compile", () => {
    expect(analyzeCell("const broken = (1 + ;")).toBeNull();
  });
});

describe("DependencyGraph", () => {
  const cells = graphOf(
    'import * as tf from "@tensorflow/tfjs";\nconst width = Inputs.range([16, 4096], { label: "width" });', // 0
    "const depth = 3;", // 1
    "const model = { width, depth };", // 2
    "function describe() { return model.width; }", // 3
    "const text = describe();", // 4
    "const unrelated = tf.ones([2]);", // 5
    "const depth = 5;", // 6: re-declares depth
    "const deeper = depth + 1;", // 7: reads cell 6's depth
  );

  it("a change re-runs every cell below that reads, directly or through others, what it defines", () => {
    expect(cells.downstream(0)).toEqual([2, 3, 4]);
    expect(cells.downstream(2)).toEqual([3, 4]);
  });

  it("a name comes from the nearest cell above that defines it (re-declaration)", () => {
    expect(cells.downstream(1)).toEqual([2, 3, 4]);
    expect(cells.downstream(6)).toEqual([7]);
    expect(cells.uses(7)).toEqual([{ cell: 6, names: ["depth"] }]);
  });

  it("an import never re-runs anything, but a cell needs the cell that imports what it uses", () => {
    expect(cells.downstream(0)).not.toContain(5);
    expect(cells.needs(5)).toEqual([0]);
    expect(cells.uses(5)).toEqual([]);
    expect(cells.needs(2)).toEqual([0, 1]);
  });

  it("names a cell's sources for its label", () => {
    expect(usesText(cells.uses(2))).toBe("uses width (cell 1) · depth (cell 2)");
    expect(usesText(cells.uses(1))).toBe("");
  });

  it("a function that reads a name makes the cell calling it depend on that name's cell", () => {
    const g = graphOf("let eta = 0.1;", "function step(x: number) { return x - eta; }", "const once = step(1);", "const unrelated = 2;");
    expect(g.downstream(0)).toEqual([1, 2]);
    expect(g.uses(1)).toEqual([{ cell: 0, names: ["eta"] }]);
  });
});
