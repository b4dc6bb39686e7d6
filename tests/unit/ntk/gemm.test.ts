// The float64 product's two kernels (src/ntk/gemm.ts on WebAssembly SIMD, mat.ts's JavaScript one) and the
// float32 batched ones against a naive loop, and the committed module against its source.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileKernels, kernelsModuleSource } from "../../../scripts/build-wasm.mjs";
import { type Batch32, float64Kernel, gemmABtWasm, sgemmBatchAB, sgemmBatchABt } from "../../../src/ntk/gemm.ts";
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

  it("src/ntk/kernels-wasm.ts is kernels.wat compiled (run `npm run wasm` after editing the .wat)", async () => {
    const committed = readFileSync(join(import.meta.dirname, "../../../src/ntk/kernels-wasm.ts"), "utf8");
    expect(committed).toBe(kernelsModuleSource(await compileKernels()));
  });
});

/** A batch of `batch` random [rows, cols] float32 matrices (seeded). */
function batch32(batch: number, rows: number, cols: number, seed: number): Batch32 {
  const data = Float32Array.from(randomNormalMatrix(batch * rows, cols, seed).flat());
  return { batch, rows, cols, data };
}

/** Member k of a batch as rows of numbers. */
const member = (m: Batch32, k: number): number[][] =>
  Array.from({ length: m.rows }, (_, r) => Array.from(m.data.subarray((k * m.rows + r) * m.cols, (k * m.rows + r + 1) * m.cols)));

// [batch, M, N, K]: remainders of every tile (4 rows, 8 columns for op(A)·B; 4 and 2 rows, 4 of k for A·Bᵀ),
// one-row and one-column members, B past a block (64 rows, 256 columns of k), and row strides that are
// multiples of 512 floats, which sgemmAB's operands get 8 more of (N for B, M for Aᵀ: 512 exact or padded to)
const BATCH_SHAPES = [[1, 1, 1, 1], [3, 5, 7, 3], [2, 9, 16, 13], [4, 8, 8, 8], [1, 3, 130, 2], [2, 70, 67, 300], [5, 1, 9, 1], [1, 13, 129, 513], [2, 5, 512, 3], [1, 6, 509, 2], [2, 512, 9, 3], [1, 509, 7, 2]];

describe("the float32 batched products", () => {
  it("op(A_k)·B_k and A_k·B_kᵀ match a naive loop for every member, to float32 round-off", () => {
    for (const [batch, m, n, k] of BATCH_SHAPES) {
      const a = batch32(batch, m, k, m), at = batch32(batch, k, m, m + 2), b = batch32(batch, k, n, n + 1), bt = batch32(batch, n, k, n + 3);
      const ab = sgemmBatchAB(a, b, false)!;
      expect([ab.batch, ab.rows, ab.cols]).toEqual([batch, m, n]);
      for (let i = 0; i < batch; i++) expectRelClose(member(ab, i), naiveMatMul(member(a, i), member(b, i)), 1e-5);
      const atb = sgemmBatchAB(at, b, true)!;
      expect([atb.batch, atb.rows, atb.cols]).toEqual([batch, m, n]);
      for (let i = 0; i < batch; i++) expectRelClose(member(atb, i), naiveMatMul(transposeRows(member(at, i)), member(b, i)), 1e-5);
      const abt = sgemmBatchABt(a, bt)!;
      expect([abt.batch, abt.rows, abt.cols]).toEqual([batch, m, n]);
      for (let i = 0; i < batch; i++) expectRelClose(member(abt, i), naiveMatMul(member(a, i), transposeRows(member(bt, i))), 1e-5);
    }
  });

  it("is exact on small integers after a larger product, each result a view that the next product overwrites", () => {
    const ints = (batch: number, rows: number, cols: number, seed: number): Batch32 => ({
      batch, rows, cols, data: Float32Array.from({ length: batch * rows * cols }, (_, i) => ((i * 7 + seed) % 11) - 5),
    });
    sgemmBatchABt(batch32(3, 200, 300, 1), batch32(3, 190, 300, 2)); // grows the memory, leaves values in it
    const a = ints(3, 6, 5, 1), b = ints(3, 5, 10, 2);
    const first = sgemmBatchAB(a, b, false)!;
    const expected = [0, 1, 2].map((i) => naiveMatMul(member(a, i), member(b, i)));
    expect([0, 1, 2].map((i) => member(first, i))).toEqual(expected);
    const copy = Float32Array.from(first.data);
    sgemmBatchAB(ints(3, 6, 5, 3), b, false);
    expect(first.data).not.toEqual(copy); // the view now holds the second product: callers copy before the next
  });

  it("an empty dimension gives zeros of the right shape", () => {
    expect(Array.from(sgemmBatchAB({ batch: 2, rows: 2, cols: 0, data: new Float32Array(0) }, { batch: 2, rows: 0, cols: 3, data: new Float32Array(0) }, false)!.data)).toEqual(Array(12).fill(0));
    expect(sgemmBatchABt({ batch: 2, rows: 0, cols: 4, data: new Float32Array(0) }, batch32(2, 3, 4, 1))!.data.length).toBe(0);
  });
});
