// The reader's changes in a link and in storage: round trips, and every kind of bad input refused
// with its reason (never an exception the page does not catch).
import { describe, expect, it } from "vitest";
import { cellKey, hashSource, parseSavedCells, type SavedCells } from "../../../src/notebook/client/saved-state.ts";
import { decodeShared, encodeShared } from "../../../src/notebook/client/share.ts";
import { isShared } from "../../../src/notebook/client/state-keys.ts";

const CHANGES: SavedCells = {
  "ntk-explorer": { published: hashSource("const width = Inputs.range(…)"), controls: { 0: 2048, 1: "erf", 2: ["line", "dots"], 3: true } },
  "#3": { published: hashSource("x"), source: "const x = 2; // édité, with ünïcode and a `template ${1}`\n".repeat(40) },
};

describe("shared links", () => {
  it("round-trip control values and edited cells, compressed", async () => {
    const fragment = await encodeShared(CHANGES);
    expect(isShared(`#${fragment}`)).toBe(true);
    expect(fragment).toMatch(/^nb=[A-Za-z0-9_-]+$/);
    expect(fragment.length, "40 repeated lines compress").toBeLessThan(JSON.stringify(CHANGES).length / 4);
    expect(await decodeShared(`#${fragment}`)).toEqual(CHANGES);
  });

  it.each([
    ["#section-2", "it is not a notebook link"],
    ["#nb=", "it is cut short or damaged"],
    ["#nb=not*base64", "it is cut short or damaged (it has characters base64url does not use)"],
    ["#nb=AAAA", "it is cut short or damaged"],
  ])("refuse %s: %s", async (fragment, reason) => {
    await expect(decodeShared(fragment)).rejects.toThrow(reason);
  });

  it("refuse a truncated link and one from another version", async () => {
    const fragment = await encodeShared(CHANGES);
    await expect(decodeShared(fragment.slice(0, fragment.length - 12))).rejects.toThrow("it is cut short or damaged");
    const stream = new Blob([JSON.stringify({ v: 99, cells: {} })]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    const future = `nb=${btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
    await expect(decodeShared(future)).rejects.toThrow("it was made for another version of the notebook (99)");
  });

  it("refuse random bytes without throwing anything but an Error", async () => {
    for (let seed = 1; seed <= 50; seed++) {
      const junk = Array.from({ length: seed * 3 }, (_, i) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[(seed * 7919 + i * 104729) % 64]).join("");
      await expect(decodeShared(`nb=${junk}`)).rejects.toBeInstanceOf(Error);
    }
  });
});

describe("saved cells", () => {
  it("keep only values a control can hold and a hash of the published code", () => {
    expect(parseSavedCells(JSON.parse(JSON.stringify(CHANGES)))).toEqual(CHANGES);
    expect(() => parseSavedCells([])).toThrow("it is not a set of cells");
    expect(() => parseSavedCells({ a: { source: "x" } })).toThrow("cell a has no published-version hash");
    expect(() => parseSavedCells({ a: { published: "0011aabb", controls: { 0: { nested: 1 } } } })).toThrow("cell a's control 0 has a value no control holds");
    expect(() => parseSavedCells({ a: { published: "0011aabb", controls: { first: 1 } } })).toThrow("cell a's control first");
    expect(() => parseSavedCells({ a: { published: "0011aabb", source: 3 } })).toThrow("cell a's code is not text");
  });

  it("are keyed by a cell's id, else its place, and tell versions of a cell apart", () => {
    expect(cellKey(0, "fit")).toBe("fit");
    expect(cellKey(4, null)).toBe("#5");
    expect(hashSource("const a = 1;")).toMatch(/^[0-9a-f]{8}$/);
    expect(hashSource("const a = 1;")).not.toBe(hashSource("const a = 2;"));
  });
});
