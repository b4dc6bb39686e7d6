// Shared test helpers: pin the cpu backend (the library never sets one) and small comparisons.
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, expect } from "vitest";

export async function useCpu(): Promise<void> {
  await tf.setBackend("cpu");
  await tf.ready();
}

/** Runs the enclosing describe block's tests on tfjs `backend` (which must start), and pins cpu again after them. */
export function onBackend(backend: "cpu" | "wasm"): void {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    await tf.ready();
  });
  afterAll(useCpu);
}

/** Asserts ‖a − b‖_F ≤ tol·‖b‖_F. */
export function expectRelClose(a: readonly (readonly number[])[] | readonly number[], b: readonly (readonly number[])[] | readonly number[], tol: number): void {
  const x = (a as readonly (number | readonly number[])[]).flat() as number[];
  const y = (b as readonly (number | readonly number[])[]).flat() as number[];
  expect(x.length).toBe(y.length);
  let num = 0, den = 0;
  for (let i = 0; i < x.length; i++) {
    expect(Number.isFinite(x[i])).toBe(true);
    num += (x[i] - y[i]) ** 2;
    den += y[i] ** 2;
  }
  expect(Math.sqrt(num / Math.max(den, 1e-300))).toBeLessThanOrEqual(tol);
}

/** Naive triple loop A·B (independent of the library's blocked kernel). */
export function naiveMatMul(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}

export function transposeRows(a: readonly (readonly number[])[]): number[][] {
  return a[0].map((_, j) => a.map((r) => r[j]));
}

/** Gauss–Jordan inverse (independent of ml-matrix and the library). */
export function invert(a: readonly (readonly number[])[]): number[][] {
  const n = a.length;
  const m = a.map((r, i) => [...r, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const piv = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= piv;
    for (let r = 0; r < n; r++)
      if (r !== c) {
        const f = m[r][c];
        for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
      }
  }
  return m.map((r) => r.slice(n));
}
