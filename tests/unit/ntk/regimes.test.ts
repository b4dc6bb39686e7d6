// Lazy against rich training (src/ntk/regimes.ts and train's outputScale, chapter 10): the output scale α of
// Chizat, Oyallon & Bach 2019 against its closed form (training f_α = α·(f − f₀) on L(f_α)/α² is training f on the
// targets f₀ + y/α), its 1/α laziness, the ensemble's per-member α, trainingDrift against direct computation, and
// kernelDescent against the explicit iteration f_{s+1} = f_s − (η/N)·Θ·(f_s − y).
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { empiricalNTK, kernelDescent, mlp, mlpEnsemble, randomNormalMatrix, train, trainEnsemble, trainingDrift, type MLP } from "ntk";
import { expectRelClose, onBackend, useCpu } from "./helpers.ts";

const arch = { inputDim: 2, depth: 1, width: 64, activation: "erf", wStd: 1.5, bStd: 0.2 } as const;
const x = randomNormalMatrix(6, 2, 31);
const y = x.map((r) => Math.sin(2 * r[0]) * Math.cos(r[1]));

function frob(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0, den = 0;
  for (let i = 0; i < b.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}

describe("train with an output scale α", () => {
  beforeAll(useCpu);

  it("is training f on the targets f₀ + y/α (L(α·(f − f₀) − y)/α² = L(f − f₀ − y/α)), and reports L(f_α)", () => {
    for (const alpha of [0.3, 4]) {
      const a = mlp({ ...arch, seed: 3 }), b = a.clone();
      const f0 = a.predict(x);
      const ra = train(a, x, y, { learningRate: 0.5, steps: 12, outputScale: alpha });
      const rb = train(b, x, f0.map((f, i) => f + y[i] / alpha), { learningRate: 0.5, steps: 12 });
      expectRelClose(a.getParams().flatMap((p) => Array.from(p)), b.getParams().flatMap((p) => Array.from(p)), 1e-5);
      expectRelClose(ra.losses, rb.losses.map((l) => alpha * alpha * l), 1e-4);
      // the reported loss is that of f_α itself
      const fAlpha = a.predict(x).map((f, i) => alpha * (f - f0[i]));
      expect(ra.finalLoss).toBeCloseTo(fAlpha.reduce((s, f, i) => s + (f - y[i]) ** 2, 0) / (2 * x.length), 5);
      a.dispose();
      b.dispose();
    }
  });

  it("is lazy like 1/α (Chizat et al. 2019): weight change and the gap to the kernel predictor on Θ₀ both fall ~10× from α = 10 to 100", () => {
    const run = (alpha: number) => {
      const net = mlp({ ...arch, seed: 5 }), before = net.clone();
      const theta0 = empiricalNTK(net, x, null, { engine: "f64" }), f0 = net.predict(x);
      train(net, x, y, { learningRate: 1, steps: 40, outputScale: alpha });
      const fAlpha = net.predict(x).map((f, i) => alpha * (f - f0[i]));
      // f_α(θ₀) = 0, and to first order f_α follows the kernel flow of Θ₀ whatever α is
      const kernel = kernelDescent(theta0, y, { learningRate: 1, steps: 40 }).train;
      const out = { gap: frob(fAlpha, kernel), weights: trainingDrift(before, net, x, { engine: "f64" }).parameters, fitted: frob(kernel, y) };
      net.dispose();
      before.dispose();
      return out;
    };
    const r10 = run(10), r100 = run(100);
    expect(r10.fitted).toBeLessThan(0.5); // the kernel predictor has moved well away from 0 towards y
    expect(r10.weights / r100.weights).toBeGreaterThan(8);
    expect(r10.weights / r100.weights).toBeLessThan(12);
    expect(r10.gap / r100.gap).toBeGreaterThan(7);
    expect(r10.gap / r100.gap).toBeLessThan(14);
    expect(r100.gap).toBeLessThan(0.02);
  });

  it("names the function, the argument and the problem", () => {
    const net = mlp({ ...arch, seed: 0 });
    expect(() => train(net, x, y, { learningRate: 0.1, steps: 1, outputScale: 0 })).toThrow(/train: argument 'outputScale' must be positive/);
    expect(() => train(net, x, y, { learningRate: 0.1, steps: 1, outputScale: Number.NaN })).toThrow(/train: argument 'outputScale'/);
    const ens = mlpEnsemble({ ...arch, seed: 0, members: 2 });
    expect(() => trainEnsemble(ens, x, y, { learningRate: 0.1, steps: 1, outputScale: [1] })).toThrow(/trainEnsemble: argument 'outputScale' must be a number or an array of 2 numbers/);
    expect(() => trainEnsemble(ens, x, y, { learningRate: 0.1, steps: 1, outputScale: [1, -2] })).toThrow(/trainEnsemble: argument 'outputScale\[1\]' must be positive/);
    net.dispose();
    ens.dispose();
  });
});

for (const backend of ["cpu", "wasm"] as const) {
  describe(`trainEnsemble with one α per member on tfjs-${backend}`, () => {
    onBackend(backend);

    it.each(["stacked", "members"] as const)("layout %s: member k trains as train() with outputScale α_k", (layout) => {
      const alphas = [0.5, 3, 20];
      const ens = mlpEnsemble({ ...arch, seed: 40, members: 3 });
      const together = trainEnsemble(ens, x, y, { learningRate: 0.4, steps: 6, layout, outputScale: alphas });
      alphas.forEach((alpha, k) => {
        const single = mlp({ ...arch, seed: 40 + k });
        const alone = train(single, x, y, { learningRate: 0.4, steps: 6, outputScale: alpha });
        expectRelClose(together.losses.map((l) => l[k]), alone.losses, 1e-4);
        expect(together.finalLoss[k]).toBeCloseTo(alone.finalLoss, 4);
        expectRelClose(ens.nets[k].getParams().flatMap((p) => Array.from(p)), single.getParams().flatMap((p) => Array.from(p)), 1e-5);
        single.dispose();
      });
      ens.dispose();
    });
  });
}

describe("trainingDrift", () => {
  beforeAll(useCpu);

  /** Hidden activations by the float32 model (independent of the float64 forward pass trainingDrift uses). */
  function hidden(net: MLP): number[] {
    return tf.tidy(() => (net.act.tf(net.affine(1, tf.tensor2d(x))) as tf.Tensor).arraySync() as number[][]).flat();
  }

  it("is zero for an untouched copy and each ratio is the direct one after training", () => {
    const net = mlp({ ...arch, depth: 1, seed: 9 }), before = net.clone();
    const still = trainingDrift(before, net, x, { engine: "f64" });
    expect([still.kernel, ...still.kernelLayers, ...still.features, ...still.weights, still.parameters].every((v) => v === 0)).toBe(true);
    train(net, x, y, { learningRate: 1, steps: 20 });
    const d = trainingDrift(before, net, x, { engine: "f64" });
    const k0 = empiricalNTK(before, x, null, { engine: "f64" }), k1 = empiricalNTK(net, x, null, { engine: "f64" });
    expect(d.kernel).toBeCloseTo(frob(k1.flat(), k0.flat()), 8);
    expectRelClose(d.ntkBefore, k0, 1e-12);
    expectRelClose(d.ntkAfter, k1, 1e-12);
    expect(d.features[0]).toBeCloseTo(frob(hidden(net), hidden(before)), 4);
    const p0 = before.getParams(), p1 = net.getParams();
    expect(d.weights).toHaveLength(2);
    d.weights.forEach((w, l) => expect(w).toBeCloseTo(frob(p1[2 * l], p0[2 * l]), 8));
    expect(d.parameters).toBeCloseTo(frob(p1.flatMap((p) => Array.from(p)), p0.flatMap((p) => Array.from(p))), 8);
    expect(d.kernel).toBeGreaterThan(0);
    net.dispose();
    before.dispose();
  });

  it("names the function, the argument and the problem", () => {
    const a = mlp({ ...arch, seed: 1 }), b = mlp({ ...arch, width: 32, seed: 1 });
    expect(() => trainingDrift(a, b, x)).toThrow(/trainingDrift: argument 'after' must have the architecture of 'before', but its width is 32, not 64/);
    expect(() => trainingDrift(a, a, [[1, 2, 3]])).toThrow(/trainingDrift: argument 'x' has 3 columns but the model's inputDim is 2/);
    // @ts-expect-error: not a model
    expect(() => trainingDrift({}, a, x)).toThrow(/trainingDrift: argument 'before' must be a model made by mlp/);
    a.dispose();
    b.dispose();
  });
});

describe("kernelDescent", () => {
  const K = (() => {
    const g = randomNormalMatrix(5, 7, 2);
    return g.map((r) => g.map((s) => r.reduce((acc, v, k) => acc + v * s[k], 0) / 7));
  })();
  const kst = randomNormalMatrix(3, 5, 4).map((r) => r.map((v) => 0.3 * v));
  const yt = [0.5, -1, 0.2, 0.9, -0.3], f0 = [0.1, 0, -0.2, 0.05, 0.3], ft0 = [0.2, -0.1, 0];

  it("is the explicit iteration f_{s+1} = f_s − (η/N)·Θ·(f_s − y), at the training and the test inputs", () => {
    const eta = 0.7, steps = 25, N = 5;
    let f = [...f0], ft = [...ft0];
    for (let s = 0; s < steps; s++) {
      const r = f.map((v, i) => v - yt[i]);
      ft = ft.map((v, m) => v - (eta / N) * kst[m].reduce((acc, k, i) => acc + k * r[i], 0));
      f = f.map((v, i) => v - (eta / N) * K[i].reduce((acc, k, j) => acc + k * r[j], 0));
    }
    const out = kernelDescent(K, yt, { learningRate: eta, steps, kTestTrain: kst, fxTrain0: f0, fxTest0: ft0 });
    expectRelClose(out.train, f, 1e-10);
    expectRelClose(out.test!, ft, 1e-10);
    const none = kernelDescent(K, yt, { learningRate: eta, steps: 0, kTestTrain: kst, fxTrain0: f0, fxTest0: ft0 });
    expectRelClose(none.train, f0, 1e-12);
    expectRelClose(none.test!, ft0, 1e-12);
  });

  it("names the function, the argument and the problem", () => {
    expect(() => kernelDescent(K, yt, { steps: 1.5 })).toThrow(/kernelDescent: argument 'steps'/);
    expect(() => kernelDescent(K, [1, 2], { steps: 1 })).toThrow(/kernelDescent: argument 'yTrain' has 2 rows/);
    expect(() => kernelDescent(K, yt, { steps: 1, kTestTrain: [[1, 2]] })).toThrow(/kernelDescent: argument 'kTestTrain' has 2 columns/);
  });
});
