// Input checks. Every error names the function, the argument and what was wrong,
// so nothing downstream returns NaN silently.
import * as tf from "@tensorflow/tfjs";
import { type Mat, zeros } from "./mat.ts";

/** A matrix argument: rows of numbers, or a rank-2 tensor. */
export type MatrixInput = readonly (readonly number[])[] | tf.Tensor2D;
/** Targets: one number per example, or one row per example for several outputs. */
export type TargetInput = readonly number[] | readonly (readonly number[])[];

export function fail(fn: string, name: string, what: string): never {
  throw new Error(`${fn}: argument '${name}' ${what}`);
}

/** The index of the first entry that is NaN or ±Infinity, or −1. */
export function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}

/** Converts a matrix argument to float64, checking it is rectangular and finite. */
export function toMat(fn: string, name: string, x: MatrixInput): Mat {
  if (x instanceof tf.Tensor) {
    if (x.rank !== 2) fail(fn, name, `must be a rank-2 tensor [N, d], got shape [${x.shape.join(", ")}]`);
    const out: Mat = { rows: x.shape[0], cols: x.shape[1], data: Float64Array.from(x.dataSync()) };
    checkFinite(fn, name, out);
    return out;
  }
  if (!Array.isArray(x)) fail(fn, name, `must be number[][] or a tf.Tensor2D, got ${typeof x}`);
  if (x.length === 0) fail(fn, name, "is empty (need at least one row)");
  const rows = x.length;
  const first = x[0];
  if (!Array.isArray(first)) fail(fn, name, "must be number[][] (an array of rows); got a flat array");
  const cols = first.length;
  if (cols === 0) fail(fn, name, "has rows of length 0");
  const out = zeros(rows, cols);
  for (let i = 0; i < rows; i++) {
    const row = x[i];
    if (!Array.isArray(row) || row.length !== cols)
      fail(fn, name, `is ragged: row ${i} has length ${Array.isArray(row) ? row.length : "?"}, row 0 has ${cols}`);
    out.data.set(row, i * cols);
  }
  checkFinite(fn, name, out);
  return out;
}

/** Throws if any entry of `m` is NaN or ±Infinity, naming its position. */
export function checkFinite(fn: string, name: string, m: Mat): void {
  const k = firstNonFinite(m.data);
  if (k >= 0) {
    const i = Math.floor(k / m.cols), j = k % m.cols;
    fail(fn, name, `has a non-finite value ${m.data[k]} at [${i}][${j}]`);
  }
}

/** Targets as an N×k matrix (a flat array is one output); `wasFlat` says which it was. */
export function toTargets(fn: string, name: string, y: TargetInput): { mat: Mat; wasFlat: boolean } {
  if (!Array.isArray(y) || y.length === 0) fail(fn, name, "must be a non-empty number[] or number[][]");
  if (typeof y[0] === "number") {
    const data = Float64Array.from(y as readonly number[]);
    const k = firstNonFinite(data);
    if (k >= 0) fail(fn, name, `has a non-finite value ${data[k]} at [${k}]`);
    return { mat: { rows: data.length, cols: 1, data }, wasFlat: true };
  }
  return { mat: toMat(fn, name, y as readonly (readonly number[])[]), wasFlat: false };
}

/** A number[] argument as float64, checked finite and (optionally) of a given length. */
export function toVec(fn: string, name: string, v: ArrayLike<number>, length?: number): Float64Array {
  if (v === null || typeof v !== "object" || typeof v.length !== "number") fail(fn, name, `must be an array of numbers, got ${String(v)}`);
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== "number") fail(fn, name, `must hold numbers, got ${String(v[i])} at [${i}]`);
  const out = Float64Array.from(v);
  if (length !== undefined && out.length !== length) fail(fn, name, `has length ${out.length}, expected ${length}`);
  const k = firstNonFinite(out);
  if (k >= 0) fail(fn, name, `has a non-finite value ${out[k]} at [${k}]`);
  return out;
}

export function checkSquare(fn: string, name: string, m: Mat): void {
  if (m.rows !== m.cols) fail(fn, name, `must be square, got ${m.rows}×${m.cols}`);
}

export function checkShape(fn: string, name: string, m: Mat, rows: number, cols: number): void {
  if (m.rows !== rows || m.cols !== cols)
    fail(fn, name, `has shape ${m.rows}×${m.cols}, expected ${rows}×${cols}`);
}

export function checkNumber(fn: string, name: string, v: unknown, opts: { min?: number; integer?: boolean; positive?: boolean } = {}): number {
  if (typeof v !== "number" || Number.isNaN(v)) fail(fn, name, `must be a number, got ${String(v)}`);
  if (!Number.isFinite(v)) fail(fn, name, `must be finite, got ${v}`);
  if (opts.integer && !Number.isInteger(v)) fail(fn, name, `must be an integer, got ${v}`);
  if (opts.positive && !(v > 0)) fail(fn, name, `must be positive, got ${v}`);
  if (opts.min !== undefined && v < opts.min) fail(fn, name, `must be ≥ ${opts.min}, got ${v}`);
  return v;
}

/** Throws if a symmetric kernel matrix is not symmetric to `tol` (relative to its largest entry). */
export function checkSymmetric(fn: string, name: string, m: Mat, tol = 1e-6): void {
  checkSquare(fn, name, m);
  const n = m.rows;
  let scale = 0;
  for (let i = 0; i < m.data.length; i++) scale = Math.max(scale, Math.abs(m.data[i]));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const d = Math.abs(m.data[i * n + j] - m.data[j * n + i]);
      if (d > tol * Math.max(scale, 1e-300))
        fail(fn, name, `must be symmetric, but [${i}][${j}] = ${m.data[i * n + j]} and [${j}][${i}] = ${m.data[j * n + i]}`);
    }
}

/** Throws on an option name outside `known` (a misspelt option would otherwise be ignored silently). */
export function checkKeys(fn: string, name: string, opts: object, known: readonly string[]): void {
  for (const key of Object.keys(opts))
    if (!known.includes(key)) fail(fn, name, `has unknown option '${key}'; known: ${known.join(", ")}`);
}

/** An options argument (absent: {}), checked to be an object holding only `known` names. */
export function checkOptions<T extends object>(fn: string, opts: T | undefined, known: readonly string[], name = "opts"): T {
  if (opts === undefined) return {} as T;
  if (opts === null || typeof opts !== "object" || Array.isArray(opts)) fail(fn, name, `must be an options object {${known.join(", ")}}, got ${String(opts)}`);
  checkKeys(fn, name, opts, known);
  return opts;
}

/** Throws when a result computed from `name` is not finite: float64 (or tfjs's float32) overflowed. */
export function checkResult(fn: string, name: string, values: ArrayLike<number>, what: string): void {
  const k = firstNonFinite(values);
  if (k >= 0) fail(fn, name, `gives ${what} that overflows (${values[k]} at entry ${k}): scale the inputs or weights down`);
}
