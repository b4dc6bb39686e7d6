// The float64 product's two kernels (src/ntk/gemm.ts on WebAssembly SIMD, mat.ts's JavaScript one) against a
// naive loop, and the committed module against its source.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileGemm, gemmModuleSource } from "../../../scripts/build-wasm.mjs";
import { float64Kernel, gemmABtWasm } from "../../../src/ntk/gemm.ts";
import { fromRows, matMulABt, matMulABtScalar, type Mat, toRows } from "../../../src/ntk/mat.ts";
import { randomNormalMatrix } from "../../../src/ntk/rng.ts";
import { expectRelClose, naiveMatMul, transposeRows } from "./helpers.ts";

// [M, N, K]: remainders of every tile (4 rows of A, 2 of B, 2 columns of k) and sizes past a block (64 rows
// of B, 256 columns of k)
const SHAPES = [[1, 1, 1], [5, 7, 3], [9, 4, 13], [8, 8, 8], [3, 130, 2], [70, 67, 300], [13, 129, 513]];

describe("the float64 product", () => {
  it("runs on WebAssembly SIMD in Node", () => {
    expect(float64Kernel()).toBe("wasm-simd");
  });

  it("both kernels match a naive loop for awkward sizes, to 1e-14", () => {
    for (const [m, n, k] of SHAPES) {
      const a = randomNormalMatrix(m, k, m), b = randomNormalMatrix(n, k, n + 1);
      const expected = naiveMatMul(a, transposeRows(b));
      const wasm = gemmABtWasm(fromRows(a), fromRows(b));
      expect(wasm, `${m}×${n}×${k}`).not.toBeNull();
      expect([wasm!.rows, wasm!.cols]).toEqual([m, n]);
      expectRelClose(toRows(wasm!), expected, 1e-14);
      expectRelClose(toRows(matMulABtScalar(fromRows(a), fromRows(b))), expected, 1e-14);
      expectRelClose(toRows(matMulABt(fromRows(a), fromRows(b))), expected, 1e-14);
    }
  });

  it("is exact where every product and sum is (small integers), after a larger product and with padding", () => {
    const ints = (rows: number, cols: number, seed: number): number[][] =>
      Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => ((i * 7 + j * 13 + seed) % 11) - 5));
    gemmABtWasm(fromRows(ints(300, 301, 1)), fromRows(ints(290, 301, 2))); // grows the module's memory, leaves values in it
    for (const [m, n, k] of SHAPES) {
      const a = ints(m, k, 3), b = ints(n, k, 4);
      expect(toRows(gemmABtWasm(fromRows(a), fromRows(b))!)).toEqual(naiveMatMul(a, transposeRows(b)));
    }
  });

  it("an empty dimension gives zeros of the right shape", () => {
    const empty = (rows: number, cols: number): Mat => ({ rows, cols, data: new Float64Array(rows * cols) });
    expect(toRows(gemmABtWasm(empty(2, 0), empty(3, 0))!)).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(gemmABtWasm(empty(0, 4), empty(3, 4))!.data.length).toBe(0);
  });

  it("src/ntk/gemm-wasm.ts is gemm.wat compiled (run `npm run wasm` after editing the .wat)", async () => {
    const committed = readFileSync(join(import.meta.dirname, "../../../src/ntk/gemm-wasm.ts"), "utf8");
    expect(committed).toBe(gemmModuleSource(await compileGemm()));
  });
});
