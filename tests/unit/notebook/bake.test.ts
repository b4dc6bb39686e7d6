// Build-time execution: a page's cells run in order in a child process; a failing cell fails naming the
// page file, line and column, and the cell; a cell past its time or memory limit is stopped, named,
// and the build goes on with the next page; randomness a cell does not seed is the same on every run.
import { describe, expect, it } from "vitest";
import { bakedOutputs } from "../../../src/notebook/build/bake.ts";

describe("bakedOutputs", () => {
  it("runs a page's cells in order and returns each cell's outputs", async () => {
    const outputs = await bakedOutputs("test/page.mdx", [
      { id: null, source: "const a = 20;" },
      { id: "sum", source: "a + 22" },
    ]);
    expect(outputs).toEqual([[], [{ kind: "text", text: "42" }]]);
  });

  it("fails naming the page file with the line and column, the cell (index and id) and the error", async () => {
    const page = bakedOutputs("content/chapters/99-x.mdx", [
      { id: null, source: "const first = 1;", line: 10 },
      { id: "broken", source: "const ok = 1;\nconst value: number = (null as unknown as { p: number }).p;", line: 20 },
    ]);
    await expect(page).rejects.toThrow(/^content\/chapters\/99-x\.mdx:21:58: cell 2 \(id=broken\) failed at build \(cell line 2:58\): TypeError: Cannot read properties of null/);
  });

  it("stops a cell that loops past its time limit, says where it was, and bakes the next page", async () => {
    const started = Date.now();
    const page = bakedOutputs("content/chapters/98-loop.mdx", [
      { id: "setup", source: "let n = 0;", line: 5 },
      { id: "spin", source: "// never ends\nwhile (true) {\n  n += 1;\n}", line: 12, timeout: 2 },
    ]);
    await expect(page).rejects.toThrow(/^content\/chapters\/98-loop\.mdx:1[3-5]:\d+: cell 2 \(id=spin\) did not finish within its 2 s limit; if it needs longer, say so in its fence: ```ts cell id=spin timeout=4 \(it was at cell 2 \(id=spin\), line [2-4]:\d+\)$/);
    expect(Date.now() - started, "stopped at the limit, not later").toBeLessThan(10_000);
    expect(await bakedOutputs("test/after-loop.mdx", [{ id: null, source: "6 * 7" }])).toEqual([[{ kind: "text", text: "42" }]]);
  });

  it("stops a page whose cells take more memory than the limit", async () => {
    process.env.NTK_BAKE_MEMORY_MB = "700";
    const page = bakedOutputs("content/chapters/97-memory.mdx", [
      { id: "hog", source: "const blocks: Float64Array[] = [];\nfor (let i = 0; i < 400; i++) blocks.push(new Float64Array(1_250_000).fill(i)); // 4 GB\nblocks.length", line: 3 },
    ]);
    await expect(page).rejects.toThrow(/^content\/chapters\/97-memory\.mdx:\d+:\d+: cell 1 \(id=hog\) used more than 700 MB of memory/);
    delete process.env.NTK_BAKE_MEMORY_MB;
    expect(await bakedOutputs("test/after-memory.mdx", [{ id: null, source: "1 + 1" }])).toEqual([[{ kind: "text", text: "2" }]]);
  });

  it("seeds Math.random and tfjs's unseeded random ops from the cell, the same on every run", async () => {
    const cell = 'import * as tf from "@tensorflow/tfjs";\n[Math.random(), Math.random(), tf.randomNormal([2]).arraySync()]';
    const first = await bakedOutputs("test/random-a.mdx", [{ id: null, source: cell }]);
    const again = await bakedOutputs("test/random-b.mdx", [{ id: null, source: "// a second page, same cell code\n" }, { id: null, source: cell }]);
    const other = await bakedOutputs("test/random-c.mdx", [{ id: null, source: cell.replace("[Math", "[0, Math") }]);
    expect(first[0]).toHaveLength(1);
    expect(again[1], "the same code in the same place would draw the same; here it is cell 2").not.toEqual(first[0]);
    const rerun = await bakedOutputs("test/random-d.mdx", [{ id: null, source: cell }, { id: null, source: "1" }]);
    expect(rerun[0], "the same cell at the same place draws the same numbers").toEqual(first[0]);
    expect(other[0]).not.toEqual(first[0]);
  });
});
