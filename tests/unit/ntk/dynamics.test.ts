import { beforeAll, describe, expect, it } from "vitest";
import { analyticKernels, empiricalNTK, gradientDescent, gradientDescentMSE, linearize, mlp, randomNormalMatrix, relativeError, train } from "ntk";
import { expectRelClose, invert, naiveMatMul, useCpu } from "./helpers.ts";

beforeAll(useCpu);

const X = randomNormalMatrix(8, 3, 1);
const Xt = randomNormalMatrix(4, 3, 2);
const y = X.map((r) => Math.sin(r[0]) + 0.5 * r[1]);

describe("gradientDescentMSE: closed form vs training", () => {
  it("matches small-step GD of the linearized model to 1e-3 (train and test)", () => {
    const m = mlp({ inputDim: 3, depth: 1, width: 64, activation: "tanh", wStd: 1.5, bStd: 0.1, seed: 7 });
    const lin = linearize(m);
    const kTT = empiricalNTK(m, X), kST = empiricalNTK(m, Xt, X);
    const f0 = m.predict(X), ft0 = m.predict(Xt);
    const eta = 0.02, steps = 1000;
    train(lin, X, y, { learningRate: eta, steps });
    const pred = gradientDescentMSE(kTT, y, { learningRate: eta })(steps, { kTestTrain: kST, fxTrain0: f0, fxTest0: ft0 });
    const maxDiff = (a: number[], b: number[]): number => Math.max(...a.map((v, i) => Math.abs(v - b[i])));
    expect(maxDiff(lin.predict(X), pred.train)).toBeLessThan(1e-3);
    expect(maxDiff(lin.predict(Xt), pred.test ?? [])).toBeLessThan(1e-3);
    lin.dispose();
    m.dispose();
  });
  it("a wide net's real training tracks the prediction better than a narrow one's", () => {
    const errs = [32, 1024].map((width) => {
      const m = mlp({ inputDim: 3, depth: 1, width, activation: "relu", wStd: 1.4, bStd: 0.1, seed: 3 });
      const pred = gradientDescentMSE(empiricalNTK(m, X), y, { learningRate: 1 })(300, { fxTrain0: m.predict(X) });
      train(m, X, y, { learningRate: 1, steps: 300 });
      const e = relativeError(m.predict(X), pred.train);
      m.dispose();
      return e;
    });
    expect(errs[1]).toBeLessThan(0.02);
    expect(errs[1]).toBeLessThan(errs[0]);
  });
  it("t = 0 gives f₀, t = ∞ interpolates and equals kernel regression f₀* − K*·K⁻¹·(f₀ − y); arrays of t", () => {
    const { ntk } = analyticKernels(X, null, { depth: 2, activation: "relu", wStd: 1.4, bStd: 0.1 });
    const kst = analyticKernels(Xt, X, { depth: 2, activation: "relu", wStd: 1.4, bStd: 0.1 }).ntk;
    const f0 = X.map((_, i) => 0.1 * i), ft0 = [0.3, -0.2, 0.1, 0];
    const predict = gradientDescentMSE(ntk, y, { learningRate: 0.5 });
    const [p0, pInf, pBig] = predict([0, Infinity, 1e7], { kTestTrain: kst, fxTrain0: f0, fxTest0: ft0 });
    expectRelClose(p0.train, f0, 1e-14);
    expectRelClose(p0.test ?? [], ft0, 1e-14);
    expectRelClose(pInf.train, y, 1e-14);
    const resid = f0.map((v, i) => [v - y[i]]);
    const ref = naiveMatMul(naiveMatMul(kst, invert(ntk)), resid).map((r, i) => ft0[i] - r[0]);
    expectRelClose(pInf.test ?? [], ref, 1e-8);
    expectRelClose(pBig.test ?? [], ref, 1e-6); // the eigen path agrees at large t
  });
  it("several outputs keep their shape", () => {
    const { ntk } = analyticKernels(X, null, { depth: 1, activation: "erf", wStd: 1, bStd: 0.1 });
    const Y = y.map((v) => [v, -v]);
    const p = gradientDescentMSE(ntk, Y)(10);
    expect(p.train.length).toBe(8);
    expect(p.train[0].length).toBe(2);
    expect(Math.abs(p.train[3][0] + p.train[3][1])).toBeLessThan(1e-12);
  });
});

describe("gradientDescent: general loss integrator", () => {
  const { ntk } = analyticKernels(X, null, { depth: 1, activation: "relu", wStd: 1.4, bStd: 0.1 });
  const kst = analyticKernels(Xt, X, { depth: 1, activation: "relu", wStd: 1.4, bStd: 0.1 }).ntk;
  it("MSE agrees with the closed form", () => {
    const ts = [0.5, 3, 10];
    const a = gradientDescent(ntk, y, { learningRate: 2 })(ts, { kTestTrain: kst });
    const b = gradientDescentMSE(ntk, y, { learningRate: 2 })(ts, { kTestTrain: kst });
    ts.forEach((_, i) => {
      expectRelClose(a[i].train, b[i].train, 1e-6);
      expectRelClose(a[i].test ?? [], b[i].test ?? [], 1e-6);
    });
  });
  it("cross-entropy agrees with a tiny-step Euler integration of df/dt = −η·Θ·(softmax(f) − y)/N", () => {
    const Y = X.map((r) => (r[0] > 0 ? [1, 0, 0] : r[1] > 0 ? [0, 1, 0] : [0, 0, 1]));
    const eta = 1, T = 2, n = X.length;
    const got = gradientDescent(ntk, Y, { learningRate: eta, loss: "crossEntropy" })(T);
    let f = Y.map(() => [0, 0, 0]);
    const h = 1e-4;
    for (let s = 0; s < T / h; s++) {
      const g = f.map((r, i) => {
        const e = r.map(Math.exp), z = e.reduce((a, b) => a + b, 0);
        return e.map((v, o) => (v / z - Y[i][o]) / n);
      });
      const d = naiveMatMul(ntk, g);
      f = f.map((r, i) => r.map((v, o) => v - h * eta * d[i][o]));
    }
    expectRelClose(got.train, f, 1e-3);
  });
});

describe("dynamics: bad input", () => {
  const k = [[2, 1], [1, 2]];
  it("names the argument", () => {
    expect(() => gradientDescentMSE(k, [1, 2], { learningRate: -1 })).toThrow(/'learningRate' must be positive, got -1/);
    expect(() => gradientDescentMSE([[1, 2], [2, 1]], [1, 2])).toThrow(/'kTrainTrain' is not positive semi-definite \(smallest eigenvalue -1\.000e\+0/);
    expect(() => gradientDescentMSE(k, [1, 2, 3])).toThrow(/'yTrain' has 3 rows but the training kernel is 2×2/);
    expect(() => gradientDescentMSE(k, [1, NaN])).toThrow(/'yTrain' has a non-finite value NaN at \[1\]/);
    expect(() => gradientDescentMSE([[1, 2]], [1])).toThrow(/'kTrainTrain' must be square/);
    expect(() => gradientDescentMSE([[1, 0.5], [0.4, 1]], [1, 2])).toThrow(/'kTrainTrain' must be symmetric/);
    const p = gradientDescentMSE(k, [1, 2]);
    expect(() => p(-1)).toThrow(/'t' must be ≥ 0/);
    expect(() => p(1, { kTestTrain: [[1, 2, 3]] })).toThrow(/'kTestTrain' has 3 columns but there are 2 training points/);
    expect(() => p(1, { fxTrain0: [1] })).toThrow(/'fxTrain0' has shape 1×1, expected 2×1/);
    expect(() => gradientDescent(k, [1, 2], { loss: "hinge" as "mse" })).toThrow(/'loss' must be "mse" or "crossEntropy"/);
    expect(() => gradientDescent(k, [1, 2])(Infinity)).toThrow(/'t' must be finite/);
    expect(() => gradientDescentMSE([[0, 0], [0, 0]], [1, 2])(Infinity, { kTestTrain: [[1, 1]] })).toThrow(/not positive definite \(smallest eigenvalue/);
  });
});
