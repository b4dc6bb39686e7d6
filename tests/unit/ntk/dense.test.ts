// Fast gradients (src/ntk/dense.ts): on every backend that runs in Node (cpu, wasm), the gradients of
// every dense layer the library trains or differentiates equal tfjs's own autodiff of tf.matMul (the
// path the library used before) to 1e-6 relative, and no gradient asks a backend for a transposed product.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { gradientStepDelta, jacobianNTK, linearize, mlp, randomNormalMatrix, train } from "ntk";
import { batchMatMul, matMul } from "../../../src/ntk/dense.ts";
import { hostData } from "../../../src/ntk/host.ts";
import type { MLP } from "../../../src/ntk/mlp.ts";
import { expectRelClose, onBackend, useCpu } from "./helpers.ts";

/** The forward pass as the library wrote it before dense.ts: tf.matMul, differentiated by tfjs. */
function referenceApply(m: MLP, x: tf.Tensor2D, params: readonly tf.Tensor[]): tf.Tensor2D {
  let a = x;
  const L = m.widths.length - 1;
  for (let l = 1; l <= L; l++) {
    const z = tf.add(tf.mul(tf.matMul(a, params[2 * l - 2] as tf.Tensor2D), m.config.wStd / Math.sqrt(m.widths[l - 1])), tf.mul(params[2 * l - 1], m.config.bStd)) as tf.Tensor2D;
    a = l < L ? (m.act.tf(z) as tf.Tensor2D) : z;
  }
  return a;
}

const flat = (ts: readonly tf.Tensor[]): number[] => ts.flatMap((t) => Array.from(t.dataSync()));

for (const backend of ["cpu", "wasm"] as const) {
  describe(`fast dense gradients on tfjs-${backend}`, () => {
    onBackend(backend);

    it("matMul: value and both gradients equal tf.matMul's autodiff", () => {
      const a = tf.randomNormal([37, 53], 0, 1, "float32", 1) as tf.Tensor2D;
      const b = tf.randomNormal([53, 29], 0, 1, "float32", 2) as tf.Tensor2D;
      const dy = tf.randomNormal([37, 29], 0, 1, "float32", 3) as tf.Tensor2D;
      // L = Σ dy ⊙ (A·B): ∂A = dy·Bᵀ, ∂B = Aᵀ·dy
      const loss = (mm: (p: tf.Tensor2D, q: tf.Tensor2D) => tf.Tensor2D) => (p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(mm(p as tf.Tensor2D, q as tf.Tensor2D), dy));
      const fast = tf.grads(loss(matMul))([a, b]);
      const ref = tf.grads(loss((p, q) => tf.matMul(p, q)))([a, b]);
      expectRelClose(Array.from(matMul(a, b).dataSync()), Array.from(tf.matMul(a, b).dataSync()), 1e-6);
      expectRelClose(flat(fast), flat(ref), 1e-6);
      tf.dispose([a, b, dy, ...fast, ...ref]);
    });

    it("batchMatMul: value and both gradients equal tf.matMul's batched autodiff, for awkward shapes", () => {
      for (const [K, m, k, n] of [[3, 5, 7, 3], [2, 9, 130, 13], [128, 5, 16, 16]]) {
        const a = tf.randomNormal([K, m, k], 0, 1, "float32", 1) as tf.Tensor3D;
        const b = tf.randomNormal([K, k, n], 0, 1, "float32", 2) as tf.Tensor3D;
        const dy = tf.randomNormal([K, m, n], 0, 1, "float32", 3) as tf.Tensor3D;
        const loss = (mm: (p: tf.Tensor3D, q: tf.Tensor3D) => tf.Tensor3D) => (p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(mm(p as tf.Tensor3D, q as tf.Tensor3D), dy));
        const fast = tf.grads(loss(batchMatMul))([a, b]);
        const ref = tf.grads(loss((p, q) => tf.matMul(p, q)))([a, b]);
        // float32 sums in another order than tfjs's loop: round-off of a few ulps of the sums
        expectRelClose(Array.from(batchMatMul(a, b).dataSync()), Array.from(tf.matMul(a, b).dataSync()), 1e-5);
        expectRelClose(flat(fast), flat(ref), 1e-5);
        expect(fast.map((g) => g.shape)).toEqual([a.shape, b.shape]);
        tf.dispose([a, b, dy, ...fast, ...ref]);
      }
    });

    for (const activation of ["relu", "erf"] as const)
      it(`MLP (${activation}, 2 outputs): ∇θ of the MSE equals the tf.matMul path; train() takes the same step`, () => {
        const m = mlp({ inputDim: 5, depth: 3, width: 48, activation, wStd: 1.4, bStd: 0.2, seed: 3, outputs: 2 });
        const x = randomNormalMatrix(17, 5, 4), y = randomNormalMatrix(17, 2, 5);
        const xt = tf.tensor2d(x), yt = tf.tensor2d(y);
        const mse = (f: tf.Tensor) => tf.div(tf.sum(tf.square(tf.sub(f, yt))), 2 * 17 * 2) as tf.Scalar; // ½·mean over N·k
        const ref = tf.grads((...ps: tf.Tensor[]) => mse(referenceApply(m, xt, ps)))(m.params);
        const grad = flat(ref);
        const delta = gradientStepDelta(m, x, y, { learningRate: 1 }); // −∇θ L
        expectRelClose(delta.flatMap((d) => Array.from(d, (v) => -v)), grad, 1e-6);
        const before = flat(m.params);
        train(m, x, y, { learningRate: 0.1, steps: 1 });
        expectRelClose(flat(m.params), before.map((v, i) => v - 0.1 * grad[i]), 1e-6);
        tf.dispose([xt, yt, ...ref]);
        m.dispose();
      });

    it("linearized MLP: ∇θ of f_lin equals tfjs's autodiff of the tangent written with tf.matMul", () => {
      const m = mlp({ inputDim: 3, depth: 2, width: 40, activation: "erf", wStd: 1.5, bStd: 0.1, seed: 7 });
      const lin = linearize(m);
      // move θ off θ₀ so that every term of the tangent is non-zero
      train(lin, randomNormalMatrix(9, 3, 8), randomNormalMatrix(9, 1, 9), { learningRate: 0.5, steps: 2 });
      const xt = tf.tensor2d(randomNormalMatrix(11, 3, 10));
      const theta0 = lin.theta0;
      // the reference: the tangent recursion as the library wrote it before (tf.matMul), differentiated by tfjs
      const tangent = (ps: tf.Tensor[]) => {
        let a = xt as tf.Tensor2D, da: tf.Tensor2D | null = null, out = xt as tf.Tensor2D;
        for (let l = 1; l <= 3; l++) {
          const c = 1.5 / Math.sqrt(m.widths[l - 1]);
          const W0 = theta0[2 * l - 2] as tf.Tensor2D, dW = tf.sub(ps[2 * l - 2], W0) as tf.Tensor2D, db = tf.sub(ps[2 * l - 1], theta0[2 * l - 1]);
          const z = tf.add(tf.mul(tf.matMul(a, W0), c), tf.mul(theta0[2 * l - 1], 0.1)) as tf.Tensor2D;
          let lin1 = tf.matMul(a, dW);
          if (da) lin1 = tf.add(lin1, tf.matMul(da, W0));
          const dz = tf.add(tf.mul(lin1, c), tf.mul(db, 0.1)) as tf.Tensor2D;
          if (l < 3) {
            da = tf.mul(m.act.tfDf(z), dz) as tf.Tensor2D;
            a = m.act.tf(z) as tf.Tensor2D;
          } else out = tf.add(z, dz) as tf.Tensor2D;
        }
        return tf.sum(tf.square(out));
      };
      const ref = tf.grads((...ps: tf.Tensor[]) => tangent(ps))(lin.params);
      const fast = tf.grads((...ps: tf.Tensor[]) => tf.sum(tf.square(lin.apply(xt, ps))))(lin.params);
      expectRelClose(flat(fast), flat(ref), 1e-6);
      tf.dispose([xt, ...ref, ...fast]);
      lin.dispose();
      m.dispose();
    });

    it("jacobianNTK of the MLP equals the Jacobian of the tf.matMul path", () => {
      const m = mlp({ inputDim: 2, depth: 2, width: 32, activation: "relu", wStd: 1.3, bStd: 0.1, seed: 11 });
      const x = randomNormalMatrix(6, 2, 12);
      const fast = jacobianNTK((p, xs) => m.apply(xs, p), m.params, x);
      const ref = jacobianNTK((p, xs) => referenceApply(m, xs, p), m.params, x);
      expectRelClose(fast, ref, 1e-6);
      m.dispose();
    });
  });
}

describe("no gradient of a dense layer asks for a transposed product", () => {
  beforeAll(useCpu);

  it("the MSE gradient of an MLP runs BatchMatMul only with transposeA = transposeB = false", () => {
    const config = tf.getKernel("BatchMatMul", "cpu")!;
    const seen: { transposeA: boolean; transposeB: boolean }[] = [];
    tf.unregisterKernel("BatchMatMul", "cpu");
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        const attrs = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
        seen.push({ transposeA: attrs.transposeA, transposeB: attrs.transposeB });
        return config.kernelFunc(args);
      },
    });
    try {
      const m = mlp({ inputDim: 4, depth: 2, width: 16, activation: "erf", seed: 1 });
      gradientStepDelta(m, randomNormalMatrix(8, 4, 1), randomNormalMatrix(8, 1, 2), { learningRate: 0.1 });
      m.dispose();
    } finally {
      tf.unregisterKernel("BatchMatMul", "cpu");
      tf.registerKernel(config);
    }
    expect(seen.length, "forward (3) and backward (5) products").toBeGreaterThanOrEqual(8);
    expect(seen.filter((s) => s.transposeA || s.transposeB)).toEqual([]);
  });
});

describe("the batched products read tfjs-wasm's tensors in place", () => {
  onBackend("wasm");

  it("hostData is a view of tfjs-wasm's heap holding the tensor's values (no copy)", () => {
    const t = tf.randomNormal([4, 5, 6], 0, 1, "float32", 7);
    const view = hostData(t);
    const heap = (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8;
    expect(view.buffer, "a copy: tfjs-wasm's internals changed, and every batched product pays a copy").toBe(heap.buffer);
    expect(Array.from(view)).toEqual(Array.from(t.dataSync()));
    t.dispose();
  });
});
