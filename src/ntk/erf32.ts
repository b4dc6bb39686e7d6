// The erf activation on tensors (activations.ts): erf, and erf′ = 2/√π·e^{−z²} for its gradient, on kernels.wat's
// erfF32 where tensors live in CPU memory. tfjs-wasm's own Erf calls the C library's erff once per element through
// a function pointer (20 ns an element here), and its gradient is four more operations; the kernel computes both
// in about 3 ns an element, copies included (docs/performance.md, "erf", under "Ensembles: two layouts").
import * as tf from "@tensorflow/tfjs";
import { hostData, onHostBackend, tensorFromView } from "./host.ts";
import { roundUp, withMemory } from "./wasm.ts";

/** 2/√π */
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf(z) and erf′(z) of every value of z, in float32 on the WebAssembly kernel (about 2 ulp from the exact
 * values; unit tests hold both to 3e-7); null where the kernel cannot run. Both are views of the kernels' memory,
 * valid until their next call.
 */
export function erfWithDerivative(z: Float32Array): { erf: Float32Array; derivative: Float32Array } | null {
  const n = z.length, np = roundUp(Math.max(n, 1), 4);
  const k = withMemory(12 * np);
  if (!k) return null;
  const heap = new Float32Array(k.memory.buffer);
  heap.set(z, 0);
  heap.fill(0, n, np);
  k.erfF32(0, 4 * np, 8 * np, np);
  return { erf: heap.subarray(np, np + n), derivative: heap.subarray(2 * np, 2 * np + n) };
}

/** erf(x) or erf′(x) of a float32 tensor on the kernel, as a tensor; null where the kernel cannot run. */
function onKernel(x: tf.Tensor, which: "erf" | "derivative"): tf.Tensor | null {
  const values = x.dtype === "float32" && onHostBackend() ? erfWithDerivative(hostData(x)) : null;
  return values && tensorFromView(values[which], x.shape);
}

/** erf′(x) = 2/√π·e^{−x²} on a tensor, differentiable to any order: (erf′)′(x) = −2x·erf′(x). */
export const erfPrime: (x: tf.Tensor) => tf.Tensor = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = inputs as [tf.Tensor, tf.GradSaveFunc];
  save([x]);
  return {
    value: onKernel(x, "derivative") ?? tf.mul(TWO_OVER_SQRT_PI, tf.exp(tf.neg(tf.square(x)))),
    gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => tf.mul(dy, tf.mul(tf.mul(-2, saved), erfPrime(saved))),
  };
}) as (x: tf.Tensor) => tf.Tensor;

/**
 * erf on a tensor, differentiable to any order (∂x = ∂y·erf′(x), and erf′ differentiable again, for the Hessians
 * and Taylor terms of chapter 2): the kernel on wasm and cpu, tf.erf elsewhere.
 */
export const erfActivation = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = inputs as [tf.Tensor, tf.GradSaveFunc];
  save([x]);
  return { value: onKernel(x, "erf") ?? tf.erf(x), gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => tf.mul(dy, erfPrime(saved)) };
}) as (x: tf.Tensor) => tf.Tensor;
