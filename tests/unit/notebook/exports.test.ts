// The published library's layout, the downloads' outputs as Jupyter shows them, and the export tests'
// reading of numbers (scripts/export-outputs.mjs), which must fail on a real difference.
import { describe, expect, it } from "vitest";
import { MODULES } from "../../../src/notebook/kernel/transform.ts";
import { denoModules, publishedPaths } from "../../../src/publish/library.mjs";
import { mimeBundle, notebookOutputs, plainText } from "../../../src/publish/mime.ts";
import { lockedVersion, npmSpecifier } from "../../../src/publish/packages.mjs";
import { cellTexts, compareNumbers, numbersIn, scriptFigures, scriptText, svgFigures } from "../../../scripts/export-outputs.mjs";

describe("the published library", () => {
  it("pins npm imports to the locked versions and publishes at versioned paths", () => {
    expect(npmSpecifier("@tensorflow/tfjs")).toBe(`npm:@tensorflow/tfjs@${lockedVersion("@tensorflow/tfjs")}`);
    expect(npmSpecifier("linkedom/worker")).toBe(`npm:linkedom@${lockedVersion("linkedom")}/worker`);
    expect(() => lockedVersion("no-such-package")).toThrow(/package-lock.json has no node_modules\/no-such-package/);
    const paths = publishedPaths();
    expect(paths.ntk).toMatch(/^lib\/ntk@\d+\.\d+\.\d+\.js$/);
    expect(paths.tfjs).toBe(`lib/tfjs@${lockedVersion("@tensorflow/tfjs")}.js`);
  });

  it("gives every module a cell may import a Deno specifier, on the site's own URL", () => {
    const modules = denoModules("https://a.github.io/b/");
    expect(Object.keys(modules).sort()).toEqual([...MODULES].sort());
    expect(modules.ntk).toBe(`https://a.github.io/b/${publishedPaths().ntk}`);
    expect(modules["@tensorflow/tfjs"]).toMatch(/^npm:@tensorflow\/tfjs@/);
  });
});

describe("outputs as Jupyter shows them", () => {
  const svg = '<svg width="10" height="5" role="img" aria-label="y against x"><rect/></svg>';
  it("shows figures as SVG and HTML, tables as HTML, the rest as text", () => {
    expect(mimeBundle({ kind: "html", html: svg })).toEqual({ "image/svg+xml": svg, "text/html": svg, "text/plain": "y against x" });
    const figure = `<figure><svg class="x-ramp" aria-label="Colour legend: v"></svg>${svg}</figure>`;
    expect(mimeBundle({ kind: "html", html: figure })).toEqual({ "text/html": figure, "text/plain": "y against x" });
    const table = mimeBundle({ kind: "table", columns: ["a", "b<"], rows: [["1", "22"]], more: 2 });
    expect(table?.["text/html"]).toContain("<th>b&lt;</th>");
    expect(table?.["text/plain"]).toBe("a  b<\n─  ──\n1  22\n… 2 more rows");
    expect(mimeBundle({ kind: "stream", stream: "log", text: "x" })).toBeNull();
    expect(plainText({ kind: "progress", id: 1, done: 0, total: 1, label: "" })).toBeNull();
    expect(notebookOutputs([{ kind: "stream", stream: "warn", text: "careful" }])).toEqual([{ output_type: "stream", name: "stderr", text: "careful\n" }]);
  });
});

describe("reading a download's numbers", () => {
  it("reads numbers with the unit of their last digit", () => {
    expect(numbersIn("slope 2.044, error 3e-5, n = 41, x1, in 0.80 s, 12 ms")).toEqual([
      { value: 2.044, unit: 0.001, written: "2.044" },
      { value: 3e-5, unit: 1e-5, written: "3e-5" },
      { value: 41, unit: 1, written: "41" },
    ]);
  });

  it("agrees within the tolerance or a last digit, and fails on a real difference or a missing number", () => {
    expect(compareNumbers("slope 2.044", "slope 2.045", "c", 1e-4)).toEqual([]);
    expect(compareNumbers("slope 2.044", "slope 2.051", "c", 1e-3)).toEqual(["c: number 1 is 2.051, the page shows 2.044 (tolerance 2.1e-3)"]);
    expect(compareNumbers("gap 8.3e-16", "gap 9.1e-16", "c", 1e-3)).toEqual([]);
    expect(compareNumbers("a 1, b 2", "a 1", "c", 1e-3)[0]).toMatch(/^c: printed 1 numbers where the page shows 2/);
  });

  it("reads a notebook's texts and figures, and a script's figure lines", () => {
    const notebook = {
      cells: [
        { cell_type: "code", id: "prelude", outputs: [{ output_type: "stream", name: "stdout", text: "9" }] },
        { cell_type: "code", id: "a", outputs: [{ output_type: "stream", name: "stdout", text: ["x 1\n"] }, { output_type: "stream", name: "stderr", text: "w 5" }, { output_type: "display_data", data: { "text/html": "<figure><svg></svg></figure>", "text/plain": "Figure" } }] },
      ],
    };
    expect(cellTexts(notebook)).toEqual([{ id: "a", text: "x 1\n\nFigure" }]);
    expect(svgFigures(notebook)).toHaveLength(1);
    const stdout = "x 1\n[figure 1: y against x — saved as p-figures/figure-1.svg]\n";
    expect(scriptText(stdout)).toBe("x 1\ny against x\n");
    expect(scriptFigures(stdout)).toEqual(["p-figures/figure-1.svg"]);
  });
});
