// Reading cells out of a page, the page as one type-checkable program, the downloads, the renderer,
// and the cell type-check script end to end on a page with a type error.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCellInfo, scanPage } from "../../../src/notebook/cells.mjs";
import { cellsAsProgram } from "../../../src/notebook/program.mjs";
import { denoImports, displayLastValue, toIpynb, toScript } from "../../../src/notebook/export.mjs";
import { appendOutput, renderOutput, renderOutputs } from "../../../src/notebook/render.ts";
import type { Output } from "../../../src/notebook/protocol.ts";

const PAGE = `---
title: A page
---
Some *prose*.

\`\`\`ts cell id=first
import * as tf from "@tensorflow/tfjs";
import { linspace } from "ntk";
const x = 1;
\`\`\`

Between.

\`\`\`ts
not a cell
\`\`\`

\`\`\`\`ts cell
import { linspace, mlp } from "ntk";
const x = linspace(0, 1, 3);
x
\`\`\`\`
`;

const SITE = "https://owner.github.io/ntk-notebook/";
const PUBLISHED = {
  notebook: `${SITE}lib/notebook@0.1.0.js`,
  modules: { "@tensorflow/tfjs": "npm:@tensorflow/tfjs@4.22.0", "@observablehq/plot": `${SITE}lib/notebook@0.1.0.plot.js`, ntk: `${SITE}lib/ntk@0.1.0.js` },
};

describe("cells in a page", () => {
  it("recognises ```ts cell and ```ts cell id=name, and rejects other cell headers", () => {
    expect(parseCellInfo("ts", "cell")).toEqual({ id: null, timeout: null });
    expect(parseCellInfo("ts", "cell id=fit-2")).toEqual({ id: "fit-2", timeout: null });
    expect(parseCellInfo("ts", "cell id=fit timeout=120")).toEqual({ id: "fit", timeout: 120 });
    expect(parseCellInfo("ts", "cell timeout=5")).toEqual({ id: null, timeout: 5 });
    expect(parseCellInfo("ts", null)).toBeNull();
    expect(parseCellInfo("js", "cell")).toBeNull();
    for (const bad of ["cell name=x", "cell timeout=0", "cell timeout=2.5", "cell id=a id=b", "cellular", "cell id=9x"]) {
      if (bad === "cellular") expect(parseCellInfo("ts", bad)).toBeNull();
      else expect(() => parseCellInfo("ts", bad), bad).toThrow(/bad cell header/);
    }
  });

  it("splits a page into markdown and cells with their lines", () => {
    const blocks = scanPage(PAGE);
    expect(blocks.map((b) => b.kind)).toEqual(["markdown", "cell", "markdown", "cell"]);
    expect(blocks[1]).toMatchObject({ kind: "cell", id: "first", line: 7 });
    expect(blocks[2]).toMatchObject({ kind: "markdown", text: "Between.\n\n```ts\nnot a cell\n```" });
    expect(blocks[3]).toMatchObject({ kind: "cell", id: null, source: 'import { linspace, mlp } from "ntk";\nconst x = linspace(0, 1, 3);\nx' });
  });

  it("leaves an MDX page's opening imports and exports out of its markdown, keeping line numbers", () => {
    const page = '---\ntitle: T\n---\nimport { mdxComponents } from "../x.ts";\nexport const components = mdxComponents;\n\nText that says import this.\n\n```ts cell id=c\n1\n```\n';
    const blocks = scanPage(page);
    expect(blocks[0]).toEqual({ kind: "markdown", text: "Text that says import this." });
    expect(blocks[1]).toMatchObject({ kind: "cell", id: "c", line: 10 });
  });

  it("makes one program: merged imports, nested blocks, a line map back to each cell", () => {
    const cells = scanPage(PAGE).flatMap((b) => (b.kind === "cell" ? [b] : []));
    const { text, origin } = cellsAsProgram(cells);
    const lines = text.split("\n");
    expect(lines.slice(0, 3)).toEqual(['import * as tf from "@tensorflow/tfjs";', 'import { linspace, mlp } from "ntk";', "export {};"]);
    const at = lines.indexOf("const x = linspace(0, 1, 3);");
    expect(origin[at]).toEqual({ cell: 1, line: 2 });
    expect(text.trimEnd().endsWith("}}")).toBe(true);
  });

  it("exports an .ipynb for Deno importing from the site, with the page's outputs saved, and a .ts script", () => {
    expect(denoImports('import * as Plot from "@observablehq/plot";', PUBLISHED.modules)).toBe(`import * as Plot from "${SITE}lib/notebook@0.1.0.plot.js";`);
    expect(denoImports('import { x } from "ntk-extra";', PUBLISHED.modules)).toBe('import { x } from "ntk-extra";');
    const outputs: Output[][] = [[{ kind: "stream", stream: "log", text: "hello" }], [{ kind: "text", text: "[0, 0.5, 1]" }, { kind: "progress", id: 1, done: 1, total: 1, label: "" }]];
    const notebook = JSON.parse(toIpynb("A page", "01-page", scanPage(PAGE), PUBLISHED, outputs));
    expect(notebook.metadata.kernelspec.name).toBe("deno");
    expect(notebook.cells.map((c: { cell_type: string }) => c.cell_type)).toEqual(["markdown", "code", "markdown", "code", "markdown", "code"]);
    expect(notebook.cells[1].source.join("")).toContain(`import { startNotebook } from "${SITE}lib/notebook@0.1.0.js";`);
    expect(notebook.cells[3].id).toBe("first");
    expect(notebook.cells[3].source.join("")).toContain('from "npm:@tensorflow/tfjs@4.22.0"');
    expect(notebook.cells[3].source.join("")).toMatch(/\nawait flush\(\);$/);
    expect(notebook.cells[3].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "hello\n" }]);
    expect(notebook.cells[5].outputs).toEqual([{ output_type: "display_data", data: { "text/plain": "[0, 0.5, 1]" }, metadata: {} }]);
    expect(notebook.cells[5].source.join("")).toContain("display(x)\nawait flush();");
    const script = toScript("A page", "01-page", scanPage(PAGE), PUBLISHED);
    expect(script).toContain(`var { display, flush, progress, document } = await startNotebook({ name: "01-page", backend: "wasm" });`);
    expect(script).toContain(`import { linspace, mlp } from "${SITE}lib/ntk@0.1.0.js";`);
    expect(script).not.toContain("flush();");
  });

  it("shows a cell's last expression with display(), keeping its types and parentheses", () => {
    expect(displayLastValue("const a = 1;\na")).toBe("const a = 1;\ndisplay(a)");
    expect(displayLastValue("({ a: 1 });")).toBe("(display({ a: 1 }));");
    expect(displayLastValue("x as number[] // the values")).toBe("display(x as number[]) // the values");
    expect(displayLastValue("a, b")).toBe("a, b");
    expect(displayLastValue("const a = 1;")).toBe("const a = 1;");
    expect(displayLastValue("for (const i of [1]) i;")).toBe("for (const i of [1]) i;");
  });
});

describe("render", () => {
  it("escapes text and keeps one state per progress bar", () => {
    const outputs: Output[] = [];
    appendOutput(outputs, { kind: "progress", id: 1, done: 0, total: 4, label: "" });
    appendOutput(outputs, { kind: "stream", stream: "log", text: "<b>" });
    appendOutput(outputs, { kind: "progress", id: 1, done: 4, total: 4, label: "" });
    expect(outputs).toHaveLength(2);
    expect(renderOutputs(outputs.slice(0, 1))).toContain('class="nb-out nb-progress nb-done"');
    expect(renderOutputs(outputs.slice(1))).toBe('<pre class="nb-out nb-stream nb-log">&lt;b&gt;</pre>');
    const table = renderOutput({ kind: "table", columns: ["a&b"], rows: [["1"]], more: 3 });
    expect(table).toContain("<th scope=\"col\">a&amp;b</th>");
    expect(table).toContain("… 3 more rows");
  });
});

describe("scripts/check-cells.mjs", () => {
  it("fails on a type error, naming the page, the cell and its line:column", () => {
    const dir = mkdtempSync(join(tmpdir(), "cells-"));
    writeFileSync(join(dir, "01-page.mdx"), "---\ntitle: t\n---\n\n```ts cell id=a\nconst n: number = 1;\n```\n\n```ts cell id=b\nconst s: string = n;\n```\n");
    const result = spawnSync(process.execPath, ["scripts/check-cells.mjs"], { encoding: "utf8", env: { ...process.env, CHECK_CELLS_DIRS: dir } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/01-page\.mdx:10:7: cell 2 \(id=b\), line 1:7: TS2322: Type 'number' is not assignable to type 'string'/);
  });
});
