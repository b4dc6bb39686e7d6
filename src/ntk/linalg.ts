// Float64 linear algebra for kernel regression, wrapping ml-matrix:
// symmetric eigendecomposition, Cholesky, SPD solves, PSD checks.
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix, solve as mlSolve } from "ml-matrix";
import { type Mat, zeros } from "./mat.ts";

function toML(a: Mat): Matrix {
  const m = new Matrix(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) m.set(i, j, a.data[i * a.cols + j]);
  return m;
}

function fromML(m: Matrix): Mat {
  const out = zeros(m.rows, m.columns);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.columns; j++) out.data[i * m.columns + j] = m.get(i, j);
  return out;
}

/** Symmetric eigendecomposition A = V·diag(λ)·Vᵀ, λ ascending, eigenvectors in the columns of V. */
export interface Eigh {
  values: Float64Array;
  vectors: Mat;
}

/** A = V·diag(λ)·Vᵀ for symmetric A (Householder tridiagonalisation + QL, via ml-matrix). */
export function eigh(a: Mat): Eigh {
  // symmetrise first so round-off asymmetry cannot produce complex pairs: A ← (A + Aᵀ)/2
  const n = a.rows;
  const s = zeros(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s.data[i * n + j] = 0.5 * (a.data[i * n + j] + a.data[j * n + i]);
  const e = new EigenvalueDecomposition(toML(s), { assumeSymmetric: true });
  const raw = e.realEigenvalues;
  const order = raw.map((_, i) => i).sort((i, j) => raw[i] - raw[j]);
  const V = fromML(e.eigenvectorMatrix);
  const vectors = zeros(n, n);
  for (let c = 0; c < n; c++) for (let r = 0; r < n; r++) vectors.data[r * n + c] = V.data[r * n + order[c]];
  return { values: Float64Array.from(order.map((i) => raw[i])), vectors };
}

/** Smallest eigenvalue of symmetric A. */
export function minEigenvalue(a: Mat): number {
  return eigh(a).values[0];
}

/** Lower-triangular L with A = L·Lᵀ, or null when A is not positive definite. */
export function choleskyOrNull(a: Mat): Mat | null {
  const c = new CholeskyDecomposition(toML(a));
  return c.isPositiveDefinite() ? fromML(c.lowerTriangularMatrix) : null;
}

/** A = L·Lᵀ; throws naming `name` and the smallest eigenvalue when A is not positive definite. */
export function cholesky(a: Mat, fn = "cholesky", name = "a"): Mat {
  const l = choleskyOrNull(a);
  if (l === null) throw notPD(fn, name, a);
  return l;
}

export function notPD(fn: string, name: string, a: Mat): Error {
  const lam = minEigenvalue(a);
  return new Error(
    `${fn}: argument '${name}' is not positive definite (smallest eigenvalue ${lam.toExponential(3)}); ` +
      `add diagReg (a small ridge) or check the kernel`,
  );
}

/** Solves L·Lᵀ·X = B for X given the Cholesky factor L (forward then back substitution). */
export function choleskySolve(l: Mat, b: Mat): Mat {
  const n = l.rows, k = b.cols;
  const L = l.data;
  const x = { rows: n, cols: k, data: Float64Array.from(b.data) };
  const X = x.data;
  for (let c = 0; c < k; c++) {
    // L·z = b
    for (let i = 0; i < n; i++) {
      let s = X[i * k + c];
      for (let j = 0; j < i; j++) s -= L[i * n + j] * X[j * k + c];
      X[i * k + c] = s / L[i * n + i];
    }
    // Lᵀ·x = z
    for (let i = n - 1; i >= 0; i--) {
      let s = X[i * k + c];
      for (let j = i + 1; j < n; j++) s -= L[j * n + i] * X[j * k + c];
      X[i * k + c] = s / L[i * n + i];
    }
  }
  return x;
}

/** X = A⁻¹·B for symmetric positive-definite A (Cholesky). */
export function solveSPD(a: Mat, b: Mat, fn = "solveSPD", name = "a"): Mat {
  return choleskySolve(cholesky(a, fn, name), b);
}

/** X = A⁻¹·B for a general square A (LU with partial pivoting, via ml-matrix). */
export function solve(a: Mat, b: Mat): Mat {
  return fromML(mlSolve(toML(a), toML(b)));
}

/** Throws when symmetric `a` has an eigenvalue below −tol·max(1, λ_max), reporting the smallest. */
export function checkPSD(fn: string, name: string, a: Mat, tol = 1e-8): Eigh {
  const e = eigh(a);
  const lmin = e.values[0], lmax = e.values[e.values.length - 1];
  if (lmin < -tol * Math.max(1, Math.abs(lmax)))
    throw new Error(
      `${fn}: argument '${name}' is not positive semi-definite (smallest eigenvalue ${lmin.toExponential(3)}, largest ${lmax.toExponential(3)})`,
    );
  return e;
}

/** The public, number[][] face of eigh for cells. */
export function symmetricEigen(a: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const m = zeros(a.length, a.length);
  for (let i = 0; i < a.length; i++) m.data.set(a[i], i * a.length);
  const e = eigh(m);
  const vectors: number[][] = [];
  for (let i = 0; i < m.rows; i++) vectors.push(Array.from(e.vectors.data.subarray(i * m.rows, (i + 1) * m.rows)));
  return { values: Array.from(e.values), vectors };
}
