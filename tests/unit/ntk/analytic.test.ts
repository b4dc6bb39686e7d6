import { describe, expect, it } from "vitest";
import { analyticKernels, erf, makeRng, randomNormalMatrix, relativeError } from "ntk";
import { expectRelClose } from "./helpers.ts";

// points on the circle of radius √d, so x·x′/d = cos γ
const circle = (gs: number[]): number[][] => gs.map((g) => [Math.SQRT2 * Math.cos(g), Math.SQRT2 * Math.sin(g)]);

describe("analyticKernels: closed forms at known points", () => {
  it("ReLU arc-cosine kernel at γ = 0, π/2, π (depth 1, wStd 1, bStd 0)", () => {
    const { nngp, ntk } = analyticKernels(circle([0]), circle([0, Math.PI / 2, Math.PI]), { depth: 1, activation: "relu", wStd: 1, bStd: 0 });
    // Σ² = (sin γ + (π − γ) cos γ)/2π; Θ² = Σ² + (π − γ)/2π·cos γ
    expectRelClose(nngp[0], [0.5, 1 / (2 * Math.PI), 0], 1e-14);
    expectRelClose(ntk[0], [1, 1 / (2 * Math.PI), 0], 1e-14);
  });
  it("depth 0 is the input kernel wStd²·x·x′/d + bStd²", () => {
    const x = randomNormalMatrix(4, 3, 1);
    const { nngp, ntk } = analyticKernels(x, null, { depth: 0, activation: "relu", wStd: 1.5, bStd: 0.3 });
    const ref = x.map((a) => x.map((b) => (2.25 * a.reduce((s, v, k) => s + v * b[k], 0)) / 3 + 0.09));
    expectRelClose(nngp, ref, 1e-14);
    expectRelClose(ntk, ref, 1e-14);
  });
  it("erf kernel equals its arcsin formula, and a Monte-Carlo estimate", () => {
    const x = randomNormalMatrix(3, 2, 7);
    const wStd = 1.2, bStd = 0.4;
    const { nngp } = analyticKernels(x, null, { depth: 1, activation: "erf", wStd, bStd });
    const s1 = x.map((a) => x.map((b) => (wStd ** 2 * (a[0] * b[0] + a[1] * b[1])) / 2 + bStd ** 2));
    const arcsin = (i: number, j: number): number =>
      wStd ** 2 * (2 / Math.PI) * Math.asin((2 * s1[i][j]) / Math.sqrt((1 + 2 * s1[i][i]) * (1 + 2 * s1[j][j]))) + bStd ** 2;
    expectRelClose(nngp, s1.map((r, i) => r.map((_, j) => arcsin(i, j))), 1e-13);
    // Monte Carlo of E[erf(u)erf(v)] for the pair (0, 1)
    const rng = makeRng(11);
    const S = 200_000;
    const c = s1[0][1] / Math.sqrt(s1[0][0] * s1[1][1]);
    let acc = 0;
    for (let s = 0; s < S; s++) {
      const z1 = rng.normal(), z2 = rng.normal();
      acc += erf(Math.sqrt(s1[0][0]) * z1) * erf(Math.sqrt(s1[1][1]) * (c * z1 + Math.sqrt(1 - c * c) * z2));
    }
    expect(Math.abs(wStd ** 2 * (acc / S) + bStd ** 2 - nngp[0][1])).toBeLessThan(0.01);
  });
  it("Gauss–Hermite matches the closed forms (erf tightly, relu with its kink loosely)", () => {
    // rows on the sphere |x|² = d (large variances make erf step-like and need higher degrees)
    const x = randomNormalMatrix(5, 3, 2).map((r) => r.map((v) => (v * Math.sqrt(3)) / Math.hypot(...r)));
    for (const [act, degree, tol] of [["erf", 80, 1e-9], ["tanh", 80, -1], ["relu", 80, 2e-2]] as const) {
      const opts = { depth: 3, activation: act, wStd: 1.3, bStd: 0.2 };
      if (tol < 0) {
        // no closed form: the rule converges (slowly for tanh, whose poles at ±iπ/2 bound the rate)
        const q = [40, 80, 160].map((quadratureDegree) => analyticKernels(x, null, { ...opts, quadratureDegree }).ntk);
        expectRelClose(q[1], q[2], 2e-5);
        expect(relativeError(q[1], q[2])).toBeLessThan(relativeError(q[0], q[2]) / 3);
        continue;
      }
      const closed = analyticKernels(x, null, opts);
      const quad = analyticKernels(x, null, { ...opts, method: "quadrature", quadratureDegree: degree });
      expectRelClose(quad.nngp, closed.nngp, tol);
      expectRelClose(quad.ntk, closed.ntk, tol);
    }
  });
  it("x2 = null equals passing x1 twice (or a copy: the same numbers are one symmetric computation); perLayer ends at the result", () => {
    const x = randomNormalMatrix(6, 4, 3);
    const opts = { depth: 2, activation: "tanh" as const, wStd: 1.1, bStd: 0.1, perLayer: true };
    const a = analyticKernels(x, null, opts);
    expect(analyticKernels(x, x, opts)).toEqual(a);
    expect(analyticKernels(x, x.map((r) => [...r]), opts)).toEqual(a);
    // the general path (x2 other inputs) agrees on the block they share: exactly symmetric only to the
    // quadrature's accuracy in (u, v), and to rounding for relu's closed form
    const more = [...x, [0.3, -0.2, 0.1, 0.5]];
    const block = (k: number[][]) => k.slice(0, 6).map((r) => r.slice(0, 6));
    expectRelClose(block(analyticKernels(more, x, opts).ntk), a.ntk, 1e-4);
    const r = { ...opts, activation: "relu" as const };
    expectRelClose(block(analyticKernels(more, x, r).ntk), analyticKernels(x, null, r).ntk, 1e-15);
    expect(a.layers?.length).toBe(3);
    expectRelClose(a.layers?.[2].ntk ?? [], a.ntk, 0);
  });
  it("bad input: unknown activation, mismatched dimensions, non-finite values, negative depth", () => {
    const x = [[1, 2]];
    expect(() => analyticKernels(x, null, { depth: 1, activation: "swish" as "relu", wStd: 1, bStd: 0 })).toThrow(/'activation' is unknown activation 'swish'/);
    expect(() => analyticKernels(x, [[1, 2, 3]], { depth: 1, activation: "relu", wStd: 1, bStd: 0 })).toThrow(/'x2' has 3 columns but x1 has 2/);
    expect(() => analyticKernels([[1, NaN]], null, { depth: 1, activation: "relu", wStd: 1, bStd: 0 })).toThrow(/'x1' has a non-finite value NaN at \[0\]\[1\]/);
    expect(() => analyticKernels(x, null, { depth: -1, activation: "relu", wStd: 1, bStd: 0 })).toThrow(/'depth' must be ≥ 0/);
    expect(() => analyticKernels([[1, 2], [3]], null, { depth: 1, activation: "relu", wStd: 1, bStd: 0 })).toThrow(/'x1' is ragged/);
  });
});
