import { describe, expect, it } from "vitest";
import { categoricalFisherKernel, categoricalReinforceStep, categoricalScore, gaussianDensity, gaussianFisherKernel, gaussianReinforceStep, gaussianScore, loglogSlope, softmax } from "ntk";
import { expectRelClose } from "./helpers.ts";

const logits = [0.3, -1.2, 0.8, 0.1];
const loss = [1, -0.5, 2, 0.3];

describe("categorical score-function kernel", () => {
  it("scores are finite-difference gradients of log softmax; k = score·score", () => {
    const h = 1e-6;
    for (let x = 0; x < 4; x++) {
      const fd = logits.map((_, i) => {
        const up = logits.map((v, j) => (j === i ? v + h : v)), dn = logits.map((v, j) => (j === i ? v - h : v));
        return (Math.log(softmax(up)[x]) - Math.log(softmax(dn)[x])) / (2 * h);
      });
      expectRelClose(categoricalScore(logits, x), fd, 1e-8);
    }
    const K = categoricalFisherKernel(logits);
    const s = [0, 1, 2, 3].map((x) => categoricalScore(logits, x));
    expectRelClose(K, s.map((a) => s.map((b) => a.reduce((acc, v, i) => acc + v * b[i], 0))), 1e-14);
  });
  it("first-order Δp = −η·p(x)·E_x̃[k(x, x̃)·ℓ(x̃)], sums to 0, and its error shrinks as η²", () => {
    const K = categoricalFisherKernel(logits);
    const p = softmax(logits);
    const eta = 0.1;
    const step = categoricalReinforceStep(logits, loss, { learningRate: eta });
    expectRelClose(step.predictedDeltaP, p.map((px, x) => -eta * px * p.reduce((s, pt, t) => s + pt * K[x][t] * loss[t], 0)), 1e-12);
    expect(Math.abs(step.predictedDeltaP.reduce((a, b) => a + b, 0))).toBeLessThan(1e-15);
    const etas = [0.2, 0.1, 0.05, 0.025];
    const errs = etas.map((e) => {
      const s = categoricalReinforceStep(logits, loss, { learningRate: e });
      return Math.max(...s.deltaP.map((d, i) => Math.abs(d - s.predictedDeltaP[i])));
    });
    expect(Math.abs(loglogSlope(etas, errs) - 2)).toBeLessThan(0.1);
  });
  it("Monte-Carlo REINFORCE approaches the exact gradient", () => {
    const exact = categoricalReinforceStep(logits, loss, { learningRate: 0.1 }).gradient;
    const mc = categoricalReinforceStep(logits, loss, { learningRate: 0.1, samples: 100_000, seed: 3 }).gradient;
    expectRelClose(mc, exact, 0.03);
  });
  it("bad input", () => {
    expect(() => categoricalReinforceStep(logits, [1, 2], { learningRate: 0.1 })).toThrow(/'loss' has length 2, expected 4/);
    expect(() => categoricalReinforceStep(logits, loss, { learningRate: -1 })).toThrow(/'learningRate' must be positive/);
    expect(() => categoricalScore(logits, 7)).toThrow(/'x' must be a category in 0…3/);
  });
});

describe("Gaussian score-function kernel", () => {
  const params = { mean: 0.4, logStd: -0.2 };
  it("score is the finite-difference gradient of log N in (μ, log σ)", () => {
    const h = 1e-6, x = 1.3;
    const lp = (m: number, ls: number): number => Math.log(gaussianDensity(x, { mean: m, logStd: ls }));
    const fd = [(lp(0.4 + h, -0.2) - lp(0.4 - h, -0.2)) / (2 * h), (lp(0.4, -0.2 + h) - lp(0.4, -0.2 - h)) / (2 * h)];
    expectRelClose(gaussianScore(x, params), fd, 1e-8);
    const K = gaussianFisherKernel([x, -0.5], null, params);
    expect(K[0][1]).toBeCloseTo(gaussianScore(x, params)[0] * gaussianScore(-0.5, params)[0] + gaussianScore(x, params)[1] * gaussianScore(-0.5, params)[1], 14);
  });
  it("first-order Δp error shrinks as η² (quadrature expectation)", () => {
    const ell = (x: number): number => (x - 1) ** 2;
    const pts = [-1, 0, 0.5, 1, 2];
    // E[score·ℓ] for ℓ = (x − 1)²: ∂/∂μ E[ℓ] = 2(μ − 1), ∂/∂logσ E[ℓ] = 2σ²
    const g = gaussianReinforceStep(params, ell, pts, { learningRate: 0.01 }).gradient;
    expectRelClose(g, [2 * (0.4 - 1), 2 * Math.exp(-0.4)], 1e-12);
    const etas = [0.04, 0.02, 0.01, 0.005];
    const errs = etas.map((e) => {
      const s = gaussianReinforceStep(params, ell, pts, { learningRate: e });
      return Math.max(...s.deltaP.map((d, i) => Math.abs(d - s.predictedDeltaP[i])));
    });
    expect(Math.abs(loglogSlope(etas, errs) - 2)).toBeLessThan(0.15);
  });
});
