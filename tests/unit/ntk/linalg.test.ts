import { describe, expect, it } from "vitest";
import { cholesky, checkPSD, choleskySolve, eigh } from "../../../src/ntk/linalg.ts";
import { fromRows, toRows } from "../../../src/ntk/mat.ts";
import { erf } from "../../../src/ntk/special.ts";
import { gaussHermite, gaussianExpectation } from "../../../src/ntk/quadrature.ts";
import { randomNormalMatrix } from "../../../src/ntk/rng.ts";
import { expectRelClose, invert, naiveMatMul, transposeRows } from "./helpers.ts";

const spd = (n: number, seed: number): number[][] => {
  const a = randomNormalMatrix(n, n, seed);
  const g = naiveMatMul(a, transposeRows(a));
  return g.map((r, i) => r.map((v, j) => v + (i === j ? 0.1 : 0)));
};

describe("linalg (ml-matrix wrapper)", () => {
  it("eigh: A·v = λ·v, ascending, orthonormal", () => {
    const a = spd(12, 3);
    const { values, vectors } = eigh(fromRows(a));
    const V = toRows(vectors);
    for (let c = 0; c < 12; c++) {
      const v = V.map((r) => r[c]);
      const av = a.map((r) => r.reduce((s, x, k) => s + x * v[k], 0));
      expectRelClose(av, v.map((x) => values[c] * x), 1e-10);
      if (c > 0) expect(values[c]).toBeGreaterThanOrEqual(values[c - 1]);
    }
    expectRelClose(naiveMatMul(transposeRows(V), V), V.map((_, i) => V.map((_, j) => (i === j ? 1 : 0))), 1e-12);
  });
  it("cholesky solves agree with a Gauss–Jordan inverse", () => {
    const a = spd(10, 5);
    const L = toRows(cholesky(fromRows(a)));
    expectRelClose(naiveMatMul(L, transposeRows(L)), a, 1e-13);
    const b = randomNormalMatrix(10, 2, 9);
    const ref = naiveMatMul(invert(a), b);
    expectRelClose(toRows(choleskySolve(cholesky(fromRows(a)), fromRows(b))), ref, 1e-10);
  });
  it("not positive (semi-)definite: errors name the argument and report the smallest eigenvalue", () => {
    const a = [[1, 2], [2, 1]]; // eigenvalues 3, −1
    expect(() => cholesky(fromRows(a), "f", "kTrainTrain")).toThrow(/'kTrainTrain' is not positive definite \(smallest eigenvalue -1\.000e\+0\)/);
    expect(() => checkPSD("f", "kernel", fromRows(a))).toThrow(/'kernel' is not positive semi-definite \(smallest eigenvalue -1\.000e\+0/);
  });
});

describe("special functions and quadrature", () => {
  it("erf at tabulated values", () => {
    const table: [number, number][] = [[0, 0], [0.1, 0.1124629160182849], [0.5, 0.5204998778130465], [1, 0.8427007929497149], [2, 0.9953222650189527], [3, 0.9999779095030014], [4, 0.9999999845827421]];
    for (const [x, v] of table) {
      expect(Math.abs(erf(x) - v)).toBeLessThan(2e-15);
      expect(Math.abs(erf(-x) + v)).toBeLessThan(2e-15);
    }
  });
  it("Gauss–Hermite integrates normal moments E[z^{2k}] = (2k−1)!! exactly", () => {
    for (const m of [5, 20, 64]) {
      const { weights } = gaussHermite(m);
      expect(Math.abs(weights.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1e-13);
      let dfact = 1;
      for (let k = 1; 2 * k <= 2 * m - 1; k++) {
        dfact *= 2 * k - 1;
        if (k > 8) break;
        expect(Math.abs(gaussianExpectation((z) => z ** (2 * k), m) / dfact - 1)).toBeLessThan(1e-11);
      }
    }
    // E[cos z] = e^{−1/2}
    expect(Math.abs(gaussianExpectation(Math.cos, 32) - Math.exp(-0.5))).toBeLessThan(1e-14);
  });
});
