// Float64 linear algebra for kernel regression, wrapping ml-matrix:
// symmetric eigendecomposition, Cholesky, SPD solves, PSD checks.
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from "ml-matrix";
import { type Mat, zeros } from "./mat.ts";
import { checkSquare, checkSymmetric, fail, toMat } from "./validate.ts";

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

/** (A + Aᵀ)/2: a kernel symmetric only to rounding (any H·Λ·Hᵀ) made exactly symmetric before a solver sees it. */
export function symmetrized(a: Mat): Mat {
  const n = a.rows;
  const s = zeros(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s.data[i * n + j] = 0.5 * a.data[i * n + j] + 0.5 * a.data[j * n + i];
  return s;
}

/** A = V·diag(λ)·Vᵀ for symmetric A (Householder tridiagonalisation + QL, via ml-matrix), on (A + Aᵀ)/2 scaled by a power of 2 (exact) so that no norm overflows. */
export function eigh(a: Mat): Eigh {
  const n = a.rows;
  const s = symmetrized(a);
  let largest = 0;
  for (let q = 0; q < s.data.length; q++) largest = Math.max(largest, Math.abs(s.data[q]));
  const scale = largest > 0 ? 2 ** Math.round(Math.log2(largest)) : 1;
  for (let q = 0; q < s.data.length; q++) s.data[q] /= scale;
  const e = new EigenvalueDecomposition(toML(s), { assumeSymmetric: true });
  const raw = e.realEigenvalues.map((v) => v * scale);
  const order = raw.map((_, i) => i).sort((i, j) => raw[i] - raw[j]);
  const V = fromML(e.eigenvectorMatrix);
  const vectors = zeros(n, n);
  for (let c = 0; c < n; c++) for (let r = 0; r < n; r++) vectors.data[r * n + c] = V.data[r * n + order[c]];
  return { values: Float64Array.from(order.map((i) => raw[i])), vectors };
}

/** Lower-triangular L with (A + Aᵀ)/2 = L·Lᵀ, or null when it is not positive definite. */
function choleskyOrNull(a: Mat): Mat | null {
  const c = new CholeskyDecomposition(toML(symmetrized(a)));
  return c.isPositiveDefinite() ? fromML(c.lowerTriangularMatrix) : null;
}

/** A = L·Lᵀ; throws naming `name` and the smallest eigenvalue when A is not positive definite. */
export function cholesky(a: Mat, fn = "cholesky", name = "a"): Mat {
  const l = choleskyOrNull(a);
  if (l === null) throw notPD(fn, name, a);
  return l;
}

function notPD(fn: string, name: string, a: Mat): Error {
  const lam = eigh(a).values[0];
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

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors (columns) of a symmetric matrix: A = V·diag(λ)·Vᵀ.
 *
 * @param a a square, symmetric (to 1e-6 relative), finite matrix
 * @returns `values` λ ascending, and `vectors` V with eigenvector k in column k
 * @throws {Error} when `a` is not a non-empty, rectangular, finite matrix, is not square or not symmetric, or
 * has entries too large for float64 eigenvalues
 * @chapter 4 modes
 * @example
 * ```ts
 * import { symmetricEigen } from "ntk";
 * const { values, vectors } = symmetricEigen([[2, 1], [1, 2]]);
 * values; // ≈ [1, 3], to rounding
 * ```
 */
export function symmetricEigen(a: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const fn = "symmetricEigen";
  const m = toMat(fn, "a", a);
  checkSquare(fn, "a", m);
  checkSymmetric(fn, "a", m);
  const e = eigh(m);
  if (!e.values.every(Number.isFinite)) fail(fn, "a", "has entries too large for float64 eigenvalues");
  const n = m.rows;
  const vectors: number[][] = [];
  for (let i = 0; i < n; i++) vectors.push(Array.from(e.vectors.data.subarray(i * n, (i + 1) * n)));
  return { values: Array.from(e.values), vectors };
}
