// The Dense layer in NTK parameterization, z = wStd/√n_in·a·W + bStd·b, with a gradient that stays on
// every backend's fast path. For C = A·B the reverse-mode rule is  ∂A = ∂C·Bᵀ,  ∂B = Aᵀ·∂C.  tfjs's
// own gradient of matMul asks for those as matMul(…, transposeA/transposeB), which tfjs-wasm runs in a
// scalar fallback loop instead of XNNPACK (0.6–2 GFLOP/s against 25–30 for a plain product; `npm run
// bench` measures both), so here the transposes are explicit and every product is a plain one.
import * as tf from "@tensorflow/tfjs";

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
