// Small statistics the chapters print all the time.
import { fail, toVec } from "./validate.ts";

type Numbers = readonly number[] | readonly (readonly number[])[];

/**
 * Least-squares slope of log y on log x (the exponent of a power law y ∝ x^slope).
 *
 * @param xs the sizes, positive, at least two of them different
 * @param ys the measured values, positive, one per entry of `xs`
 * @returns the fitted exponent
 * @throws {Error} when `xs` or `ys` is not an array of finite numbers, their lengths differ, there are fewer
 * than 2 points, a value is not positive, or every `xs` is the same
 * @example
 * ```ts
 * import { loglogSlope } from "ntk";
 * loglogSlope([1, 2, 4, 8], [3, 12, 48, 192]); // 2 (y = 3x²)
 * ```
 */
export function loglogSlope(xs: readonly number[], ys: readonly number[]): number {
  const fn = "loglogSlope";
  const x = toVec(fn, "xs", xs), y = toVec(fn, "ys", ys, x.length);
  if (x.length < 2) fail(fn, "xs", "needs at least 2 points");
  x.forEach((v, i) => {
    if (!(v > 0)) fail(fn, "xs", `must be positive, got ${v} at [${i}]`);
    if (!(y[i] > 0)) fail(fn, "ys", `must be positive, got ${y[i]} at [${i}]`);
  });
  const lx = Array.from(x, Math.log), ly = Array.from(y, Math.log);
  const mx = average(lx), my = average(ly);
  let sxy = 0, sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  if (!(sxx > 0)) fail(fn, "xs", "must hold at least two different values");
  return sxy / sxx;
}

function average(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

/**
 * Arithmetic mean of a non-empty list of finite numbers.
 *
 * @param v the values
 * @returns their mean
 * @throws {Error} when `v` is empty, holds a value that is not a finite number, or sums past float64's range
 * @example
 * ```ts
 * import { mean } from "ntk";
 * mean([1, 2, 3, 6]); // 3
 * ```
 */
export function mean(v: readonly number[]): number {
  const x = toVec("mean", "v", v);
  if (x.length === 0) fail("mean", "v", "is empty");
  const m = average(x);
  if (!Number.isFinite(m)) fail("mean", "v", "has values whose sum overflows float64");
  return m;
}

/**
 * Sample standard deviation (n − 1) of at least two finite numbers.
 *
 * @param v the values, at least 2
 * @returns √(Σ(v − mean)²/(n − 1))
 * @throws {Error} when `v` has fewer than 2 values, holds a value that is not a finite number, or its squared
 * deviations overflow float64
 * @example
 * ```ts
 * import { std } from "ntk";
 * std([1, 2, 3, 4]); // 1.2909944487358056
 * ```
 */
export function std(v: readonly number[]): number {
  const x = toVec("std", "v", v);
  if (x.length < 2) fail("std", "v", `needs at least 2 values for the sample standard deviation, got ${x.length}`);
  const m = average(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  if (!Number.isFinite(s)) fail("std", "v", "has values whose squared deviations overflow float64");
  return Math.sqrt(s / (x.length - 1));
}

/** Entries of a vector or a rectangular matrix, checked finite; `shape` for messages. */
function flat(fn: string, name: string, a: Numbers): { values: Float64Array; shape: string } {
  if (!Array.isArray(a)) fail(fn, name, `must be number[] or number[][], got ${String(a)}`);
  if (a.length > 0 && Array.isArray(a[0])) {
    const rows = a as readonly (readonly number[])[];
    const cols = rows[0].length;
    rows.forEach((r, i) => {
      if (!Array.isArray(r) || r.length !== cols) fail(fn, name, `is ragged: row ${i} has length ${Array.isArray(r) ? r.length : "?"}, row 0 has ${cols}`);
    });
    return { values: toVec(fn, name, rows.flat()), shape: `${rows.length}×${cols}` };
  }
  return { values: toVec(fn, name, a as readonly number[]), shape: `${a.length}` };
}

function pair(fn: string, a: Numbers, b: Numbers): [Float64Array, Float64Array] {
  const x = flat(fn, "a", a), y = flat(fn, "b", b);
  if (x.values.length !== y.values.length) fail(fn, "b", `has ${y.values.length} entries (shape ${y.shape}) but a has ${x.values.length} (shape ${x.shape})`);
  if (x.values.length === 0) fail(fn, "a", "is empty");
  return [x.values, y.values];
}

/**
 * ‖a − b‖_F / ‖b‖_F for vectors or matrices with the same number of entries (b ≠ 0).
 *
 * @param a the approximation: number[] or number[][]
 * @param b the reference, with as many entries as `a` (shapes may differ: entries are compared in row-major order)
 * @returns the relative Frobenius error
 * @throws {Error} when `a` or `b` is not a finite number[] or rectangular number[][], is empty, their entry
 * counts differ, or `b` is all zeros
 * @example
 * ```ts
 * import { relativeError } from "ntk";
 * relativeError([[1, 2], [3, 4]], [[1, 2], [3, 4.5]]); // 0.0854357657716761
 * ```
 */
export function relativeError(a: Numbers, b: Numbers): number {
  const [x, y] = pair("relativeError", a, b);
  let num = 0, den = 0;
  for (let i = 0; i < x.length; i++) {
    num += (x[i] - y[i]) ** 2;
    den += y[i] ** 2;
  }
  if (!(den > 0)) fail("relativeError", "b", "is zero: the relative error is undefined");
  return Math.sqrt(num / den);
}

/**
 * max |a − b| over all entries of two vectors or matrices with the same number of entries.
 *
 * @param a number[] or number[][]
 * @param b the same number of entries as `a` (compared in row-major order)
 * @returns the largest absolute difference
 * @throws {Error} when `a` or `b` is not a finite number[] or rectangular number[][], is empty, or their entry counts differ
 * @example
 * ```ts
 * import { maxAbsDiff } from "ntk";
 * maxAbsDiff([1, 2, 3], [1, 2.5, 2]); // 1
 * ```
 */
export function maxAbsDiff(a: Numbers, b: Numbers): number {
  const [x, y] = pair("maxAbsDiff", a, b);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

/**
 * Entry-wise mean of several same-shaped matrices (e.g. kernels over seeds).
 *
 * @param ms the matrices, at least one, all of one shape
 * @returns their entry-wise mean, as number[][]
 * @throws {Error} when `ms` is empty, holds a matrix that is ragged or not finite, or matrices of different shapes
 * @example
 * ```ts
 * import { meanMatrix } from "ntk";
 * meanMatrix([[[1, 2]], [[3, 6]]]); // [[2, 4]]
 * ```
 */
export function meanMatrix(ms: readonly (readonly (readonly number[])[])[]): number[][] {
  const fn = "meanMatrix";
  if (!Array.isArray(ms) || ms.length === 0) fail(fn, "ms", "must be a non-empty array of matrices");
  const first = flat(fn, "ms", ms[0]);
  const sum = new Float64Array(first.values.length);
  ms.forEach((m, k) => {
    const f = flat(fn, "ms", m);
    if (f.shape !== first.shape) fail(fn, "ms", `holds matrices of different shapes: [${k}] is ${f.shape}, [0] is ${first.shape}`);
    for (let q = 0; q < sum.length; q++) sum[q] += f.values[q];
  });
  const rows = ms[0].length, cols = rows > 0 ? ms[0][0].length : 0;
  return Array.from({ length: rows }, (_, i) => Array.from(sum.subarray(i * cols, (i + 1) * cols), (v) => v / ms.length));
}
