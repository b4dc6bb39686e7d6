// Dense row-major float64 matrices and the two products the library needs.
// Everything heavy (empirical NTK on the cpu backend, kernels) goes through `matMulABt`: the WebAssembly
// SIMD kernel of gemm.ts (14–22 GFLOP/s in V8 on the 2-core dev box), or, where the engine lacks
// WebAssembly SIMD, `matMulABtScalar`, a 4×4 register-blocked JavaScript kernel (~5 GFLOP/s).
import { gemmABtWasm } from "./gemm.ts";

/** A row-major float64 matrix. */
export interface Mat {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function zeros(rows: number, cols: number): Mat {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function fromRows(rows: readonly (ArrayLike<number>)[], cols?: number): Mat {
  const n = rows.length;
  const m = cols ?? (n > 0 ? rows[0].length : 0);
  const out = zeros(n, m);
  for (let i = 0; i < n; i++) out.data.set(rows[i] as ArrayLike<number>, i * m);
  return out;
}

/** Whether two matrices hold the same numbers in the same shape (a kernel of x with a copy of x is symmetric). */
export function sameMat(a: Mat, b: Mat): boolean {
  if (a === b) return true;
  if (a.rows !== b.rows || a.cols !== b.cols) return false;
  for (let q = 0; q < a.data.length; q++) if (a.data[q] !== b.data[q]) return false;
  return true;
}

export function toRows(a: Mat): number[][] {
  const out: number[][] = new Array(a.rows);
  for (let i = 0; i < a.rows; i++) out[i] = Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols));
  return out;
}

export function transpose(a: Mat): Mat {
  const out = zeros(a.cols, a.rows);
  const { rows, cols, data } = a;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out.data[j * rows + i] = data[i * cols + j];
  return out;
}

/** C = A·Bᵀ, i.e. C[i,j] = Σ_k A[i,k]·B[j,k] (rows of A dotted with rows of B). */
export function matMulABt(a: Mat, b: Mat): Mat {
  if (a.cols !== b.cols) throw new Error(`matMulABt: inner dimensions ${a.cols} and ${b.cols} differ`);
  return gemmABtWasm(a, b) ?? matMulABtScalar(a, b);
}

/** matMulABt in plain JavaScript: where WebAssembly SIMD is missing (and the reference its kernel is tested against). */
export function matMulABtScalar(a: Mat, b: Mat): Mat {
  const M = a.rows, N = b.rows, K = a.cols;
  const A = a.data, B = b.data;
  const c = zeros(M, N);
  const C = c.data;
  const M4 = M - (M % 4), N4 = N - (N % 4);
  for (let i = 0; i < M4; i += 4) {
    const a0 = i * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
    for (let j = 0; j < N4; j += 4) {
      const b0 = j * K, b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = A[a0 + k], x1 = A[a1 + k], x2 = A[a2 + k], x3 = A[a3 + k];
        const y0 = B[b0 + k], y1 = B[b1 + k], y2 = B[b2 + k], y3 = B[b3 + k];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      const r0 = i * N + j, r1 = r0 + N, r2 = r1 + N, r3 = r2 + N;
      C[r0] = c00; C[r0 + 1] = c01; C[r0 + 2] = c02; C[r0 + 3] = c03;
      C[r1] = c10; C[r1 + 1] = c11; C[r1 + 2] = c12; C[r1 + 3] = c13;
      C[r2] = c20; C[r2 + 1] = c21; C[r2 + 2] = c22; C[r2 + 3] = c23;
      C[r3] = c30; C[r3 + 1] = c31; C[r3 + 2] = c32; C[r3 + 3] = c33;
    }
  }
  // remainders: the last M % 4 rows (all columns) and the last N % 4 columns (blocked rows)
  const dot = (ai: number, bj: number): number => {
    let s = 0;
    for (let k = 0; k < K; k++) s += A[ai + k] * B[bj + k];
    return s;
  };
  for (let i = 0; i < M4; i++) for (let j = N4; j < N; j++) C[i * N + j] = dot(i * K, j * K);
  for (let i = M4; i < M; i++) for (let j = 0; j < N; j++) C[i * N + j] = dot(i * K, j * K);
  return c;
}

/** C = A·B. */
export function matMul(a: Mat, b: Mat): Mat {
  return matMulABt(a, transpose(b));
}
