import { describe, expect, it } from "vitest";
import { analyticKernels, nngpPosterior, ntkEnsemble, priorSamples, randomNormalMatrix } from "ntk";
import { expectRelClose, invert, naiveMatMul, transposeRows } from "./helpers.ts";

const X = randomNormalMatrix(7, 2, 3), Xt = randomNormalMatrix(3, 2, 4);
const y = X.map((r) => r[0] - r[1] ** 2);
const opts = { depth: 2, activation: "erf" as const, wStd: 1.5, bStd: 0.2 };
const tt = analyticKernels(X, null, opts), st = analyticKernels(Xt, X, opts), ss = analyticKernels(Xt, null, opts);

describe("nngpPosterior", () => {
  it("mean and covariance equal the textbook formulas (independent inverse)", () => {
    const noise = 0.05;
    const Kn = tt.nngp.map((r, i) => r.map((v, j) => v + (i === j ? noise : 0)));
    const inv = invert(Kn);
    const mean = naiveMatMul(naiveMatMul(st.nngp, inv), y.map((v) => [v])).map((r) => r[0]);
    const sub = naiveMatMul(naiveMatMul(st.nngp, inv), transposeRows(st.nngp));
    const cov = ss.nngp.map((r, i) => r.map((v, j) => v - sub[i][j]));
    const post = nngpPosterior(tt.nngp, y, st.nngp, ss.nngp, { diagReg: noise, diagRegAbsoluteScale: true });
    expectRelClose(post.mean, mean, 1e-10);
    expectRelClose(post.covariance ?? [], cov, 1e-8);
  });
});

describe("ntkEnsemble (Lee et al. 2019 eqs. 15–16)", () => {
  const kernels = { ntkTrainTrain: tt.ntk, ntkTestTrain: st.ntk, nngpTrainTrain: tt.nngp, nngpTestTrain: st.nngp, nngpTestTest: ss.nngp };
  it("t = 0 is the prior: mean 0, covariance K**", () => {
    const p = ntkEnsemble(kernels, y)(0);
    expectRelClose(p.mean, [0, 0, 0], 0);
    expectRelClose(p.covariance, ss.nngp, 1e-14);
  });
  it("with Θ = K it is the NNGP posterior at t = ∞", () => {
    const same = { ...kernels, ntkTrainTrain: tt.nngp, ntkTestTrain: st.nngp };
    const p = ntkEnsemble(same, y)(Infinity);
    const g = nngpPosterior(tt.nngp, y, st.nngp, ss.nngp);
    expectRelClose(p.mean, g.mean, 1e-8);
    expectRelClose(p.covariance, g.covariance ?? [], 1e-6);
  });
  it("the mean at time t equals gradientDescentMSE from f₀ = 0; large t approaches t = ∞", () => {
    const ens = ntkEnsemble(kernels, y, { learningRate: 1 });
    const [a, b] = ens([1e8, Infinity]);
    expectRelClose(a.mean, b.mean, 1e-6);
    expectRelClose(a.covariance, b.covariance, 1e-5);
    for (let i = 0; i < 3; i++) expect(b.covariance[i][i]).toBeGreaterThan(-1e-9);
  });
  it("bad input names the argument", () => {
    expect(() => ntkEnsemble({ ...kernels, nngpTestTest: [[1]] }, y)).toThrow(/'kernels.nngpTestTest' has 1 columns but there are 3 training points|'kernels.nngpTestTest' has shape/);
    expect(() => ntkEnsemble(kernels, y, { learningRate: -0.1 })).toThrow(/'learningRate' must be positive/);
  });
});

describe("priorSamples", () => {
  it("sample covariance approaches K", () => {
    const S = 4000;
    const f = priorSamples(tt.nngp, S, { seed: 1 });
    const cov = tt.nngp.map((r, i) => r.map((_, j) => f.reduce((s, v) => s + v[i] * v[j], 0) / S));
    expectRelClose(cov, tt.nngp, 0.06);
  });
  it("rejects a kernel that is not PSD, reporting the smallest eigenvalue", () => {
    expect(() => priorSamples([[1, 2], [2, 1]], 3)).toThrow(/'kernel' is not positive semi-definite \(smallest eigenvalue -1\.000e\+0/);
    expect(() => priorSamples([[1]], 0)).toThrow(/'nSamples' must be ≥ 1/);
  });
});
