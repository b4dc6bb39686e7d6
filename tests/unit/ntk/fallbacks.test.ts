// Where the library's WebAssembly module cannot run (no SIMD) or would not grow its memory, every kernel's caller
// falls back to tfjs: here the module is made unavailable (wasm.ts's withMemory answers null, as it does then), and
// the batched product and erf must still give tfjs's values and gradients, erf to the third derivative.
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it, vi } from "vitest";
import { batchMatMul } from "../../../src/ntk/dense.ts";
import { erfActivation } from "../../../src/ntk/erf32.ts";
import { sgemmBatchAB } from "../../../src/ntk/gemm.ts";
import { expectRelClose, onBackend } from "./helpers.ts";

vi.mock("../../../src/ntk/wasm.ts", async (original) => ({ ...(await original<typeof import("../../../src/ntk/wasm.ts")>()), withMemory: () => null }));

const flat = (ts: readonly tf.Tensor[]): number[] => ts.flatMap((t) => Array.from(t.dataSync()));

describe("without the WebAssembly kernels (tfjs-cpu)", () => {
  onBackend("cpu");

  it("the kernels answer null, so their callers know to fall back", () => {
    const m = { batch: 1, rows: 2, cols: 2, data: new Float32Array(4) };
    expect(sgemmBatchAB(m, m, false)).toBeNull();
  });

  it("batchMatMul gives tf.matMul's value and gradients", () => {
    const a = tf.randomNormal([3, 5, 7], 0, 1, "float32", 1) as tf.Tensor3D;
    const b = tf.randomNormal([3, 7, 4], 0, 1, "float32", 2) as tf.Tensor3D;
    const dy = tf.randomNormal([3, 5, 4], 0, 1, "float32", 3) as tf.Tensor3D;
    const loss = (mm: (p: tf.Tensor3D, q: tf.Tensor3D) => tf.Tensor3D) => (p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(mm(p as tf.Tensor3D, q as tf.Tensor3D), dy));
    expectRelClose(Array.from(batchMatMul(a, b).dataSync()), Array.from(tf.matMul(a, b).dataSync()), 1e-6);
    expectRelClose(flat(tf.grads(loss(batchMatMul))([a, b])), flat(tf.grads(loss((p, q) => tf.matMul(p, q)))([a, b])), 1e-6);
  });

  it("erfActivation is tf.erf, with first, second and third derivatives from the closed forms", () => {
    const xs = [-2.5, -0.7, 0, 0.3, 1.9];
    const x = tf.tensor1d(xs);
    expect(Array.from(erfActivation(x).dataSync())).toEqual(Array.from(tf.erf(x).dataSync()));
    const sum = (f: (t: tf.Tensor) => tf.Tensor) => (t: tf.Tensor) => tf.sum(f(t));
    const first = (t: tf.Tensor) => tf.grad(sum(erfActivation))(t);
    const second = (t: tf.Tensor) => tf.grad(sum(first))(t);
    const d = xs.map((v) => (2 / Math.sqrt(Math.PI)) * Math.exp(-v * v));
    expectRelClose(Array.from(first(x).dataSync()), d, 1e-6);
    expectRelClose(Array.from(second(x).dataSync()), xs.map((v, i) => -2 * v * d[i]), 1e-6);
    expectRelClose(Array.from(tf.grad(sum(second))(x).dataSync()), xs.map((v, i) => (4 * v * v - 2) * d[i]), 1e-6);
  });
});
