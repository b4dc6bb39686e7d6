import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  analyticKernels,
  empiricalNNGP,
  empiricalNTK,
  empiricalNTKFull,
  empiricalNTKLayers,
  gradientStepDelta,
  jacobianNTK,
  linearize,
  mlp,
  randomNormalMatrix,
  relativeError,
  taylorTerms,
  train,
} from "ntk";
import { expectRelClose, useCpu } from "./helpers.ts";

beforeAll(useCpu);

describe("empirical NTK: structured (f64, tfjs) and Jacobian paths agree", () => {
  for (const activation of ["relu", "tanh", "gelu", "erf"] as const)
    for (const outputs of [1, 3]) {
      it(`${activation}, ${outputs} output(s), with x2`, () => {
        const m = mlp({ inputDim: 3, depth: 2, width: 24, activation, wStd: 1.4, bStd: 0.3, seed: 5, outputs });
        const x1 = randomNormalMatrix(6, 3, 1), x2 = randomNormalMatrix(4, 3, 2);
        const jac = jacobianNTK((p, x) => m.apply(x, p), m.params, x1, x2);
        // float32 autodiff vs float32 matmuls vs float64 loops
        expectRelClose(empiricalNTK(m, x1, x2, { engine: "f64" }), jac, 2e-5);
        expectRelClose(empiricalNTK(m, x1, x2, { engine: "tfjs" }), jac, 2e-5);
        m.dispose();
      });
    }
  it("x with a copy of itself is x with itself (one forward and backward pass), on both engines", () => {
    const m = mlp({ inputDim: 3, depth: 2, width: 24, activation: "tanh", wStd: 1.4, bStd: 0.3, seed: 5 });
    const x = randomNormalMatrix(6, 3, 1);
    for (const engine of ["f64", "tfjs"] as const) expect(empiricalNTK(m, x, x.map((r) => [...r]), { engine })).toEqual(empiricalNTK(m, x, null, { engine }));
    m.dispose();
  });
  it("layer contributions sum to Θ; the full multi-output kernel's trace/k is the averaged one", () => {
    const m = mlp({ inputDim: 2, depth: 3, width: 16, activation: "tanh", wStd: 1.2, bStd: 0.5, seed: 2, outputs: 2 });
    const x = randomNormalMatrix(5, 2, 3);
    const { ntk, layers } = empiricalNTKLayers(m, x);
    expect(layers.length).toBe(4);
    expectRelClose(layers.reduce((s, l) => s.map((r, i) => r.map((v, j) => v + l[i][j]))), ntk, 1e-14);
    const full = empiricalNTKFull(m, x);
    expectRelClose(full.map((r) => r.map((b) => (b[0][0] + b[1][1]) / 2)), ntk, 1e-14);
    // the off-diagonal output blocks against per-output Jacobians: Θ_01 = ⟨∇f_0(x_i), ∇f_1(x_j)⟩
    const grads = x.map((xi) => {
      const g = [0, 1].map((o) =>
        tf.tidy(() => Array.from(tf.concat(tf.grads((...ps: tf.Tensor[]) => tf.sum(tf.slice(m.apply([xi], ps), [0, o], [1, 1])))(m.params).map((t) => tf.reshape(t, [-1]))).dataSync())),
      );
      return g;
    });
    const theta01 = grads.map((gi) => grads.map((gj) => gi[0].reduce((s, v, k) => s + v * gj[1][k], 0)));
    expectRelClose(full.map((r) => r.map((b) => b[0][1])), theta01, 1e-4);
    m.dispose();
  });
  it("the NTK predicts a small gradient step: f(θ − η∇L) − f(θ) ≈ −η/N·Θ(x, X)·(f(X) − y)  (note 000 eq. 10)", () => {
    const m = mlp({ inputDim: 2, depth: 2, width: 32, activation: "tanh", wStd: 1.5, bStd: 0.1, seed: 4 });
    const X = randomNormalMatrix(6, 2, 5), y = [0.5, -0.3, 0.1, 0.9, -1, 0.2];
    const xq = randomNormalMatrix(3, 2, 6);
    const eta = 1e-3;
    const delta = gradientStepDelta(m, X, y, { learningRate: eta });
    const { first } = taylorTerms(m, xq, delta);
    const theta = empiricalNTK(m, xq, X);
    const f = m.predict(X);
    const pred = theta.map((r) => (-eta / X.length) * r.reduce((s, v, j) => s + v * (f[j] - y[j]), 0));
    expectRelClose(first, pred, 1e-4);
    m.dispose();
  });
  it("NNGP draw is f(x1)·f(x2)", () => {
    const m = mlp({ inputDim: 2, depth: 1, width: 8, activation: "relu", wStd: 1, bStd: 0, seed: 1 });
    const x = randomNormalMatrix(3, 2, 1);
    const f = m.predict(x);
    expectRelClose(empiricalNNGP(m, x), f.map((a) => f.map((b) => a * b)), 1e-12);
    m.dispose();
  });
});

describe("Monte Carlo: wide nets converge to analyticKernels", () => {
  const x = randomNormalMatrix(6, 4, 9);
  const opts = { depth: 2, activation: "relu" as const, wStd: 1.4, bStd: 0.2 };
  const exact = analyticKernels(x, null, opts).ntk;
  const meanError = (width: number, seeds: number): number => {
    const mean = x.map(() => x.map(() => 0));
    for (let s = 0; s < seeds; s++) {
      const m = mlp({ inputDim: 4, width, seed: 100 + s, ...opts });
      empiricalNTK(m, x, null, { engine: "f64" }).forEach((r, i) => r.forEach((v, j) => (mean[i][j] += v / seeds)));
      m.dispose();
    }
    return relativeError(mean, exact);
  };
  // per-entry relative noise is ~2.2/√(width·seeds) (Var relu(z)² = 1.25 q²), ~1.2% here
  it("width 2048 over 16 seeds is within 3% of the infinite-width NTK", () => {
    expect(meanError(2048, 16)).toBeLessThan(0.03);
  });
  it("the error of single nets shrinks as width grows (~1/√n)", () => {
    const errs = [32, 128, 512].map((w) => {
      let e = 0;
      for (let s = 0; s < 4; s++) {
        const m = mlp({ inputDim: 4, width: w, seed: 200 + s, ...opts });
        e += relativeError(empiricalNTK(m, x), exact) / 4;
        m.dispose();
      }
      return e;
    });
    expect(errs[1]).toBeLessThan(errs[0]);
    expect(errs[2]).toBeLessThan(errs[1]);
    expect(errs[2]).toBeLessThan(errs[0] / 2.5); // 16× width ⇒ ~4× smaller
  });
});

describe("leak-free and deterministic", () => {
  it("a model holds only its parameters, and disposing it frees them all", () => {
    const before = tf.memory().numTensors;
    const m = mlp({ inputDim: 3, depth: 2, width: 8, activation: "relu", seed: 1 });
    expect(tf.memory().numTensors - before).toBe(m.params.length); // W and b per layer, no copies
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
  it("no tensors accumulate across repeated calls", () => {
    const m = mlp({ inputDim: 2, depth: 2, width: 8, activation: "gelu", wStd: 1, bStd: 0.1, seed: 3, outputs: 2 });
    const lin = linearize(m);
    const x = randomNormalMatrix(4, 2, 1), y = [[1, 0], [0, 1], [1, 0], [0, 1]];
    const run = (): void => {
      empiricalNTK(m, x, null, { engine: "f64" });
      empiricalNTK(m, x, x, { engine: "tfjs" });
      jacobianNTK((p, xx) => m.apply(xx, p), m.params, x);
      empiricalNNGP(m, x);
      m.predictAll(x);
      lin.predictAll(x);
      train(lin, x, y, { learningRate: 0.1, steps: 2 });
      train(m, x, y, { learningRate: 0.1, steps: 2, loss: "crossEntropy" });
      gradientStepDelta(m, x, y, { learningRate: 0.1 });
    };
    run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) run();
    expect(tf.memory().numTensors).toBe(before);
    lin.dispose();
    m.dispose();
  });
  it("same seed, same net; another seed, another net", () => {
    const cfg = { inputDim: 3, depth: 2, width: 16, activation: "relu" as const, wStd: 1.4, bStd: 0.1 };
    const x = randomNormalMatrix(3, 3, 4);
    const a = mlp({ ...cfg, seed: 1 }), b = mlp({ ...cfg, seed: 1 }), c = mlp({ ...cfg, seed: 2 });
    expect(a.predict(x)).toEqual(b.predict(x));
    expect(a.predict(x)).not.toEqual(c.predict(x));
    [a, b, c].forEach((m) => m.dispose());
  });
});

