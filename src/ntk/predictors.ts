// What the closed-form kernel predictors share (dynamics.ts, bayes.ts, regimes.ts): their argument checks and
// conversions, the gradient-flow filter (1 − e^{−cλt})/λ of chapter 4's (G9), and evaluation at one time or many.
import { checkPSD, type Eigh, symmetrized } from "./linalg.ts";
import { type Mat, toRows } from "./mat.ts";
import { checkNumber, checkShape, checkSymmetric, fail, type MatrixInput, type TargetInput, toMat, toTargets } from "./validate.ts";

/** Outputs take the shape of the targets: number[] for flat targets, number[][] otherwise. */
export type Outputs<Y> = Y extends readonly number[] ? number[] : number[][];

export interface RegOptions {
  /** ridge added to the diagonal, relative to mean(diag K) unless `diagRegAbsoluteScale` (as in neural-tangents) */
  diagReg?: number;
  diagRegAbsoluteScale?: boolean;
}

/** (K + Kᵀ)/2 + diagReg·(mean diag K or 1)·I, K checked square, symmetric to rounding, finite, and PSD (returns its eigendecomposition). */
export function regularizedKernel(fn: string, name: string, k: MatrixInput, opts: RegOptions): { K: Mat; eig: Eigh } {
  const K = symmetricKernel(fn, name, k);
  if (opts.diagRegAbsoluteScale !== undefined && typeof opts.diagRegAbsoluteScale !== "boolean")
    fail(fn, "diagRegAbsoluteScale", `must be a boolean, got ${String(opts.diagRegAbsoluteScale)}`);
  const reg = checkNumber(fn, "diagReg", opts.diagReg ?? 0, { min: 0 });
  const n = K.rows;
  let scale = 1;
  if (!opts.diagRegAbsoluteScale) {
    scale = 0;
    for (let i = 0; i < n; i++) scale += K.data[i * n + i] / n;
  }
  for (let i = 0; i < n; i++) K.data[i * n + i] += reg * scale;
  return { K, eig: checkPSD(fn, name, K) };
}

/** A kernel argument checked square, finite and symmetric to rounding, returned as (K + Kᵀ)/2. */
export function symmetricKernel(fn: string, name: string, k: MatrixInput, rows?: number): Mat {
  const K = toMat(fn, name, k);
  if (rows !== undefined) checkShape(fn, name, K, rows, rows);
  checkSymmetric(fn, name, K);
  return symmetrized(K);
}

/** A covariance argument: symmetric as above and positive semi-definite. */
export function covarianceKernel(fn: string, name: string, k: MatrixInput, rows?: number): Mat {
  const K = symmetricKernel(fn, name, k, rows);
  checkPSD(fn, name, K);
  return K;
}

/** Targets as N×k, checked against the kernel size. */
export function targets(fn: string, name: string, y: TargetInput, n: number): { Y: Mat; flat: boolean } {
  const { mat, wasFlat } = toTargets(fn, name, y);
  if (mat.rows !== n) fail(fn, name, `has ${mat.rows} rows but the training kernel is ${n}×${n}`);
  return { Y: mat, flat: wasFlat };
}

/** An optional initial-output argument (zeros when absent) as rows×k. */
export function initialOutputs(fn: string, name: string, v: TargetInput | undefined, rows: number, k: number): Mat {
  if (v === undefined) return { rows, cols: k, data: new Float64Array(rows * k) };
  const m = toTargets(fn, name, v).mat;
  checkShape(fn, name, m, rows, k);
  return m;
}

/** A kernel block checked to be rows×cols. */
export function kernelBlock(fn: string, name: string, k: MatrixInput, rows: number | null, cols: number): Mat {
  const m = toMat(fn, name, k);
  if (m.cols !== cols) fail(fn, name, `has ${m.cols} columns but there are ${cols} training points`);
  if (rows !== null && m.rows !== rows) fail(fn, name, `has ${m.rows} rows, expected ${rows}`);
  return m;
}

/** Back to the caller's shape. */
export function shapeLike<Y>(m: Mat, flat: boolean): Outputs<Y> {
  return (flat ? Array.from(m.data) : toRows(m)) as Outputs<Y>;
}

export const REG_OPTIONS = ["diagReg", "diagRegAbsoluteScale"] as const;

export function checkLearningRate(fn: string, v: unknown): number {
  return checkNumber(fn, "learningRate", v ?? 1, { positive: true });
}

export function checkTime(fn: string, t: unknown): number {
  if (t === Infinity) return t;
  return checkNumber(fn, "t", t, { min: 0 });
}

/** (1 − e^{−rate·λ·t})/λ = −expm1(−rate·λ·t)/λ, one eigenvalue of chapter 4's (G9); → rate·t as λ → 0. */
export function decayOverLambda(lambda: number, rate: number, t: number): number {
  return Math.abs(lambda) < 1e-300 ? rate * t : -Math.expm1(-rate * lambda * t) / lambda;
}

/** A prediction at time t, or one per time of an array (the predictors' `predict(t)` / `predict([t₁, t₂, …])`). */
export interface OverTime<R, E> {
  (t: number, extra?: E): R;
  (t: readonly number[], extra?: E): R[];
}

/** `one(t, extra)` as an {@link OverTime}: called once per time when given an array of times. */
export function overTime<R, E>(one: (t: number, extra: E | undefined) => R): OverTime<R, E> {
  return ((t: number | readonly number[], extra?: E) => (Array.isArray(t) ? t.map((ti: number) => one(ti, extra)) : one(t as number, extra))) as OverTime<R, E>;
}
