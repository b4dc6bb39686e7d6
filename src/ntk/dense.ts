// The Dense layer in NTK parameterization, z = wStd/√n_in·a·W + bStd·b, with a gradient that stays on
// every backend's fast path. For C = A·B the reverse-mode rule is  ∂A = ∂C·Bᵀ,  ∂B = Aᵀ·∂C.  tfjs's
// own gradient of matMul asks for those as matMul(…, transposeA/transposeB), which tfjs-wasm runs in a
// scalar fallback loop instead of XNNPACK (0.6–2 GFLOP/s against 25–30 for a plain product; `npm run
// bench` measures both), so here the transposes are explicit and every product is a plain one.
import * as tf from "@tensorflow/tfjs";
import { type Batch32, sgemmBatchAB, sgemmBatchABt } from "./gemm.ts";
import { hostData, onHostBackend, tensorFromView } from "./host.ts";

/** A·B for A [m, k] and B [k, n]; differentiable, its gradient made of plain products of explicit transposes. */
export const matMul = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = inputs as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    // ∂A = ∂C·Bᵀ, ∂B = Aᵀ·∂C
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
      tf.matMul(dy as tf.Tensor2D, tf.transpose(saved[1]) as tf.Tensor2D),
      tf.matMul(tf.transpose(saved[0]) as tf.Tensor2D, dy as tf.Tensor2D),
    ],
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/** z = scale·a·W + bStd·b for a [N, n_in], W [n_in, n_out], b [n_out]; scale = wStd/√n_in in NTK parameterization. */
export function dense(a: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor, scale: number, bStd: number): tf.Tensor2D {
  return tf.add(tf.mul(matMul(a, W), scale), tf.mul(b, bStd)) as tf.Tensor2D;
}

const batch32 = (t: tf.Tensor3D): Batch32 => ({ batch: t.shape[0], rows: t.shape[1], cols: t.shape[2], data: hostData(t) });
const tensorOf = (c: Batch32): tf.Tensor3D => tensorFromView<tf.Tensor3D>(c.data, [c.batch, c.rows, c.cols]);

/** op(A_k)·B_k for every k, on gemm.ts's float32 kernel where it runs, else tfjs's batched matMul. */
function productAB(a: tf.Tensor3D, b: tf.Tensor3D, transposeA: boolean): tf.Tensor3D {
  const c = onHostBackend() ? sgemmBatchAB(batch32(a), batch32(b), transposeA) : null;
  return c ? tensorOf(c) : tf.matMul(a, b, transposeA, false);
}

/** A_k·B_kᵀ for every k, likewise. */
function productABt(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  const c = onHostBackend() ? sgemmBatchABt(batch32(a), batch32(b)) : null;
  return c ? tensorOf(c) : tf.matMul(a, b, false, true);
}

/**
 * A_k·B_k for A [K, m, k] and B [K, k, n], the batched product of stacked ensembles; differentiable (∂A_k = ∂C_k·B_kᵀ,
 * ∂B_k = A_kᵀ·∂C_k). On wasm and cpu all three products run on the library's float32 WebAssembly kernels
 * (kernels.wat): tfjs-wasm runs every batched product in a scalar loop (1–1.5 GFLOP/s; `npm run bench`).
 */
export const batchMatMul = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = inputs as [tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: productAB(a, b, false),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [productABt(dy as tf.Tensor3D, saved[1] as tf.Tensor3D), productAB(saved[0] as tf.Tensor3D, dy as tf.Tensor3D, true)],
  };
}) as (a: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D;

/**
 * The same layer for a stack of K networks at once: z_k = scale·a_k·W_k + bStd·b_k for a [K, N, n_in],
 * W [K, n_in, n_out], b [K, n_out]. One batched product per layer (batchMatMul), except where a side is 1: a
 * one-input layer's product is the outer product a ⊙ W and a one-output layer's is Σ_j a_j·W_j, elementwise
 * operations that need no product.
 */
export function denseStacked(a: tf.Tensor3D, W: tf.Tensor3D, b: tf.Tensor2D, scale: number, bStd: number): tf.Tensor3D {
  const [, nIn, nOut] = W.shape;
  const aW = nIn === 1 ? tf.mul(a, W) : nOut === 1 ? tf.sum(tf.mul(a, tf.reshape(W, [W.shape[0], 1, nIn])), 2, true) : batchMatMul(a, W);
  return tf.add(tf.mul(aW, scale), tf.mul(tf.expandDims(b, 1), bStd)) as tf.Tensor3D;
}
