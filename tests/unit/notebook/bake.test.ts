// Build-time execution: a page's cells run in order in Node; a failing cell fails with page, cell, line.
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

  it("fails naming the page file, the cell (index and id) and its line:column", async () => {
    const page = bakedOutputs("content/chapters/99-x.mdx", [
      { id: null, source: "const first = 1;" },
      { id: "broken", source: "const ok = 1;\nconst value: number = (null as unknown as { p: number }).p;" },
    ]);
    await expect(page).rejects.toThrow(/^content\/chapters\/99-x\.mdx: cell 2 \(id=broken\) failed at build, line 2:58: TypeError: Cannot read properties of null/);
  });
});
