import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { linearize, loglogSlope, mlp, randn, randomNormalMatrix, secondOrderTerm, taylorTerms } from "ntk";
import { expectRelClose, useCpu } from "./helpers.ts";

beforeAll(useCpu);

describe("Taylor terms (second-order chapter)", () => {
  const m = mlp({ inputDim: 2, depth: 2, width: 16, activation: "tanh", wStd: 1.5, bStd: 0.3, seed: 8 });
  const x = randomNormalMatrix(4, 2, 1);
  const dir = m.params.map((p, i) => Array.from(randn(p.size, 50 + i), (v) => 0.05 * v));
  const scaled = (s: number): number[][] => dir.map((d) => d.map((v) => s * v));
  it("first and second terms equal central finite differences of the exact change", () => {
    const h = 1e-3;
    const up = taylorTerms(m, x, scaled(h)).actual, dn = taylorTerms(m, x, scaled(-h)).actual;
    const t = taylorTerms(m, x, dir);
    expectRelClose(t.first, up.map((u, i) => (u - dn[i]) / (2 * h)), 1e-6);
    expectRelClose(t.second, up.map((u, i) => (u + dn[i]) / (2 * h * h)), 1e-5);
    expectRelClose(secondOrderTerm(m, x, dir), t.second, 0);
  });
  it("the remainder after two terms is O(|Δθ|³)", () => {
    const ss = [1, 0.5, 0.25, 0.125];
    const rem = ss.map((s) => {
      const t = taylorTerms(m, x, scaled(s));
      return Math.abs(t.actual[0] - t.first[0] - t.second[0]);
    });
    expect(Math.abs(loglogSlope(ss, rem) - 3)).toBeLessThan(0.2);
  });
  it("the linearized model is f₀ + first-order term", () => {
    const lin = linearize(m);
    tf.tidy(() => lin.params.forEach((p, i) => p.assign(tf.add(lin.theta0[i], tf.tensor(Float32Array.from(dir[i]), p.shape)))));
    const t = taylorTerms(m, x, dir);
    expectRelClose(lin.predict(x), t.f0.map((v, i) => v + t.first[i]), 1e-5);
    lin.dispose();
  });
  it("bad input", () => {
    expect(() => taylorTerms(m, x, [[1]])).toThrow(/'deltaTheta' must be an array of 6 arrays/);
    expect(() => taylorTerms(m, [[1, 2, 3]], dir)).toThrow(/'x' has 3 columns but the model's inputDim is 2/);
  });
});
